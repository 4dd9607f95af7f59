package net.ledgernet.bungee;

import java.util.Optional;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.routing.Interception;
import net.ledgernet.routing.MessageOrigin;
import net.md_5.bungee.api.connection.ProxiedPlayer;
import net.md_5.bungee.api.connection.Server;
import net.md_5.bungee.api.event.PlayerDisconnectEvent;
import net.md_5.bungee.api.event.PluginMessageEvent;
import net.md_5.bungee.api.event.ServerConnectedEvent;
import net.md_5.bungee.api.event.ServerSwitchEvent;
import net.md_5.bungee.api.plugin.Listener;
import net.md_5.bungee.event.EventHandler;
import net.md_5.bungee.event.EventPriority;

/**
 * Hands every {@code ledger:*} plugin message to the core and applies its decision, and tells the
 * core when players switch servers or leave. BungeeCord calls the message handler on the
 * connection's network thread, so the decision is synchronous and never blocks.
 */
public final class BungeePluginMessageListener implements Listener {

    /** Minecraft 1.13: channel names are namespaced ids, registered on minecraft:register. */
    static final int FIRST_NAMESPACED_CHANNELS_PROTOCOL = 393;
    private static final byte[] LEDGER_CHANNELS = LedgerChannel.registerPayload();

    private final LedgerNetCore core;

    BungeePluginMessageListener(LedgerNetCore core) {
        this.core = core;
    }

    /**
     * The one place that sets this event's result for {@code ledger:*} messages. LOWEST runs first:
     * LedgerNet decides before other plugins see (or rewrite) the message. The event is cancelled
     * before any effect runs, and whenever no decision could be made: BungeeCord's EventBus only
     * logs a listener's exception and then forwards the message as if nothing happened.
     */
    @EventHandler(priority = EventPriority.LOWEST)
    public void onPluginMessage(PluginMessageEvent event) {
        if (event.isCancelled() || !LedgerChannel.inNamespace(event.getTag())) {
            return;
        }
        Interception interception = Interception.DROP;
        try {
            interception = decide(event);
        } catch (Throwable failure) {
            interception = Interception.DROP; // nothing LedgerNet could decide on passes
        } finally {
            if (!interception.forwardsOriginal()) {
                event.setCancelled(true);
            }
        }
        interception.act();
    }

    private Interception decide(PluginMessageEvent event) {
        if (event.getSender() instanceof ProxiedPlayer player) {
            Server target = event.getReceiver() instanceof Server server ? server : null;
            BungeePlayerLink link = new BungeePlayerLink(player, target);
            return core.intercept(MessageOrigin.PLAYER, link, link.currentBackend(), event.getTag(), event.getData());
        } else if (event.getSender() instanceof Server server && event.getReceiver() instanceof ProxiedPlayer player) {
            return core.intercept(MessageOrigin.BACKEND, new BungeePlayerLink(player, server),
                    Optional.of(server.getInfo().getName()), event.getTag(), event.getData());
        }
        return Interception.DROP; // neither a player nor a backend: nothing LedgerNet can vouch for
    }


    /**
     * Fired on the backend's play-phase Login packet: only now does Ledger, which registers its
     * receivers for the play phase, see a handshake. (For 1.20.2+ clients BungeeCord fires
     * ServerSwitchEvent earlier, while the new backend is still logging in or configuring; a
     * handshake sent then arrives as a configuration payload and is lost.) The event's server is
     * the new connection, also for older clients, for which the player's server is still the old one.
     */
    @EventHandler
    public void onServerConnected(ServerConnectedEvent event) {
        try {
            core.onServerSwitch(new BungeePlayerLink(event.getPlayer(), event.getServer()));
        } catch (RuntimeException e) {
            // core.onServerSwitch never throws; building the link may, if the player is already gone
        }
    }

    /**
     * Announces Ledger's channels to the client while a 1.20.2+ client is still configuring, so a
     * client mod that sends only on announced channels (Watson 1.20.6+) may send its handshake as
     * soon as the world loads. BungeeCord itself announces them only in the play phase of the first
     * join. Older clients get the same register message in play, which is harmless.
     */
    @EventHandler
    public void onServerSwitch(ServerSwitchEvent event) {
        try {
            if (event.getPlayer().getPendingConnection().getVersion() >= FIRST_NAMESPACED_CHANNELS_PROTOCOL) {
                event.getPlayer().sendData(LedgerChannel.REGISTER_CHANNEL, LEDGER_CHANNELS);
            }
        } catch (RuntimeException e) {
            // the player may have left meanwhile; nothing to announce then
        }
    }

    @EventHandler
    public void onDisconnect(PlayerDisconnectEvent event) {
        core.onDisconnect(event.getPlayer().getUniqueId());
    }
}
