package net.ledgernet.velocity;

import com.velocitypowered.api.event.Subscribe;
import com.velocitypowered.api.event.connection.PluginMessageEvent;
import com.velocitypowered.api.proxy.Player;
import com.velocitypowered.api.proxy.ServerConnection;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.routing.MessageOrigin;
import net.ledgernet.routing.RouteDecision;

/**
 * Hands every {@code ledger:*} plugin message to the core and applies its decision. The decision is
 * made synchronously and never blocks, so the handler runs on the connection's own thread.
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
        MessageOrigin origin;
        String sender;
        if (event.getSource() instanceof Player player) {
            origin = MessageOrigin.PLAYER;
            sender = "player " + player.getUsername();
        } else if (event.getSource() instanceof ServerConnection connection) {
            origin = MessageOrigin.BACKEND;
            sender = "backend " + connection.getServerInfo().getName() + " (to " + connection.getPlayer().getUsername() + ")";
        } else {
            // Neither a player nor a backend: nothing LedgerNet can vouch for.
            event.setResult(PluginMessageEvent.ForwardResult.handled());
            return;
        }
        RouteDecision decision = core.route(origin, sender, channel, event.getData());
        if (decision instanceof RouteDecision.Drop) {
            event.setResult(PluginMessageEvent.ForwardResult.handled());
        }
    }
}
