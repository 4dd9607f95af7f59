package net.ledgernet.bungee;

import java.util.Optional;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.routing.MessageOrigin;
import net.md_5.bungee.api.connection.ProxiedPlayer;
import net.md_5.bungee.api.connection.Server;
import net.md_5.bungee.api.event.PlayerDisconnectEvent;
import net.md_5.bungee.api.event.PluginMessageEvent;
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
    private static final String PREFIX = LedgerChannel.NAMESPACE + ":";

    private final LedgerNetCore core;

    BungeePluginMessageListener(LedgerNetCore core) {
        this.core = core;
    }

    // LOWEST runs first: LedgerNet decides before other plugins see (or rewrite) the message.
    @EventHandler(priority = EventPriority.LOWEST)
    public void onPluginMessage(PluginMessageEvent event) {
        if (event.isCancelled() || !event.getTag().startsWith(PREFIX)) {
            return;
        }
        boolean stop;
        if (event.getSender() instanceof ProxiedPlayer player) {
            Server target = event.getReceiver() instanceof Server server ? server : null;
            BungeePlayerLink link = new BungeePlayerLink(player, target);
            stop = core.onPluginMessage(MessageOrigin.PLAYER, link, link.currentBackend(), event.getTag(), event.getData());
        } else if (event.getSender() instanceof Server server && event.getReceiver() instanceof ProxiedPlayer player) {
            stop = core.onPluginMessage(MessageOrigin.BACKEND, new BungeePlayerLink(player, server),
                    Optional.of(server.getInfo().getName()), event.getTag(), event.getData());
        } else {
            stop = true; // neither a player nor a backend: nothing LedgerNet can vouch for
        }
        if (stop) {
            event.setCancelled(true);
        }
    }

    /** Fired once the player's server is the new one, so a handshake sent now reaches it. */
    @EventHandler
    public void onServerSwitch(ServerSwitchEvent event) {
        core.onServerSwitch(new BungeePlayerLink(event.getPlayer(), null));
    }

    @EventHandler
    public void onDisconnect(PlayerDisconnectEvent event) {
        core.onDisconnect(event.getPlayer().getUniqueId());
    }
}
