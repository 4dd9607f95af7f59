package net.ledgernet.velocity;

import com.velocitypowered.api.event.Subscribe;
import com.velocitypowered.api.event.connection.DisconnectEvent;
import com.velocitypowered.api.event.connection.PluginMessageEvent;
import com.velocitypowered.api.event.player.ServerPostConnectEvent;
import com.velocitypowered.api.proxy.Player;
import com.velocitypowered.api.proxy.ServerConnection;
import java.util.Optional;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.routing.MessageOrigin;

/**
 * Hands every {@code ledger:*} plugin message to the core and applies its decision, and tells the
 * core when players switch servers or leave. Decisions are synchronous and never block, so the
 * message handler runs on the connection's own thread.
 */
final class VelocityPluginMessageListener {
    private static final String PREFIX = LedgerChannel.NAMESPACE + ":";

    private final LedgerNetCore core;

    VelocityPluginMessageListener(LedgerNetCore core) {
        this.core = core;
    }

    @Subscribe(async = false)
    void onPluginMessage(PluginMessageEvent event) {
        String channel = event.getIdentifier().getId();
        if (!channel.startsWith(PREFIX) || !event.getResult().isAllowed()) {
            return;
        }
        boolean stop;
        if (event.getSource() instanceof Player player) {
            ServerConnection target = event.getTarget() instanceof ServerConnection server ? server : null;
            VelocityPlayerLink link = new VelocityPlayerLink(player, target);
            stop = core.onPluginMessage(MessageOrigin.PLAYER, link, link.currentBackend(), channel, event.getData());
        } else if (event.getSource() instanceof ServerConnection server) {
            stop = core.onPluginMessage(MessageOrigin.BACKEND, new VelocityPlayerLink(server.getPlayer(), server),
                    Optional.of(server.getServerInfo().getName()), channel, event.getData());
        } else {
            stop = true; // neither a player nor a backend: nothing LedgerNet can vouch for
        }
        if (stop) {
            event.setResult(PluginMessageEvent.ForwardResult.handled());
        }
    }

    /** Fired once the new server is the player's current one, so a handshake sent now reaches it. */
    @Subscribe
    void onServerPostConnect(ServerPostConnectEvent event) {
        core.onServerSwitch(new VelocityPlayerLink(event.getPlayer(), null));
    }

    @Subscribe
    void onDisconnect(DisconnectEvent event) {
        core.onDisconnect(event.getPlayer().getUniqueId());
    }
}
