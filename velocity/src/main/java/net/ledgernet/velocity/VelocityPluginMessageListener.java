package net.ledgernet.velocity;

import com.velocitypowered.api.event.Subscribe;
import com.velocitypowered.api.event.connection.DisconnectEvent;
import com.velocitypowered.api.event.connection.PluginMessageEvent;
import com.velocitypowered.api.event.player.ServerPostConnectEvent;
import com.velocitypowered.api.event.player.configuration.PlayerEnteredConfigurationEvent;
import com.velocitypowered.api.proxy.messages.ChannelIdentifier;
import com.velocitypowered.api.proxy.messages.MinecraftChannelIdentifier;
import com.velocitypowered.api.proxy.Player;
import com.velocitypowered.api.proxy.ServerConnection;
import java.util.Optional;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.routing.Interception;
import net.ledgernet.routing.MessageOrigin;

/**
 * Hands every {@code ledger:*} plugin message to the core and applies its decision, and tells the
 * core when players switch servers or leave. Decisions are synchronous and never block, so the
 * message handler runs on the connection's own thread.
 */
final class VelocityPluginMessageListener {

    private static final ChannelIdentifier REGISTER = MinecraftChannelIdentifier.from(LedgerChannel.REGISTER_CHANNEL);
    private static final byte[] LEDGER_CHANNELS = LedgerChannel.registerPayload();

    private final LedgerNetCore core;

    VelocityPluginMessageListener(LedgerNetCore core) {
        this.core = core;
    }

    /**
     * The one place that sets this event's result for {@code ledger:*} messages. The result is set to
     * handled before any effect runs, and whenever no decision could be made: Velocity's event
     * manager only logs a listener's throwable and then forwards the message if its result was left
     * "allowed".
     */
    @Subscribe(async = false)
    void onPluginMessage(PluginMessageEvent event) {
        String channel = event.getIdentifier().getId();
        if (!LedgerChannel.inNamespace(channel) || !event.getResult().isAllowed()) {
            return;
        }
        Interception interception = Interception.DROP;
        try {
            interception = decide(event, channel);
        } catch (Throwable failure) {
            interception = Interception.DROP; // nothing LedgerNet could decide on passes
        } finally {
            if (!interception.forwardsOriginal()) {
                event.setResult(PluginMessageEvent.ForwardResult.handled());
            }
        }
        interception.act();
    }

    private Interception decide(PluginMessageEvent event, String channel) {
        if (event.getSource() instanceof Player player) {
            ServerConnection target = event.getTarget() instanceof ServerConnection server ? server : null;
            VelocityPlayerLink link = new VelocityPlayerLink(player, target);
            return core.intercept(MessageOrigin.PLAYER, link, link.currentBackend(), channel, event.getData());
        } else if (event.getSource() instanceof ServerConnection server) {
            return core.intercept(MessageOrigin.BACKEND, new VelocityPlayerLink(server.getPlayer(), server),
                    Optional.of(server.getServerInfo().getName()), channel, event.getData());
        }
        return Interception.DROP; // neither a player nor a backend: nothing LedgerNet can vouch for
    }


    /** Fired once the new server is the player's current one, so a handshake sent now reaches it. */
    @Subscribe
    void onServerPostConnect(ServerPostConnectEvent event) {
        core.onServerSwitch(new VelocityPlayerLink(event.getPlayer(), null));
    }

    /**
     * Announces Ledger's channels while a 1.20.2+ client is configuring, on first join and after every
     * switch: Velocity announces registered channels only once the client is in play, and a client
     * mod that sends only on announced channels (Watson 1.20.6+) may handshake as its world loads.
     */
    @Subscribe
    void onEnteredConfiguration(PlayerEnteredConfigurationEvent event) {
        try {
            event.player().sendPluginMessage(REGISTER, LEDGER_CHANNELS);
        } catch (RuntimeException e) {
            // the player may have left meanwhile; nothing to announce then
        }
    }

    @Subscribe
    void onDisconnect(DisconnectEvent event) {
        core.onDisconnect(event.getPlayer().getUniqueId());
    }
}
