package net.ledgernet.bungee;

import net.ledgernet.LedgerNetCore;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.routing.MessageOrigin;
import net.ledgernet.routing.RouteDecision;
import net.md_5.bungee.api.connection.ProxiedPlayer;
import net.md_5.bungee.api.connection.Server;
import net.md_5.bungee.api.event.PluginMessageEvent;
import net.md_5.bungee.api.plugin.Listener;
import net.md_5.bungee.event.EventHandler;
import net.md_5.bungee.event.EventPriority;

/**
 * Hands every {@code ledger:*} plugin message to the core and applies its decision. BungeeCord calls
 * this on the connection's network thread, so the decision is synchronous and never blocks.
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
        MessageOrigin origin;
        String sender;
        if (event.getSender() instanceof ProxiedPlayer player) {
            origin = MessageOrigin.PLAYER;
            sender = "player " + player.getName();
        } else if (event.getSender() instanceof Server server) {
            origin = MessageOrigin.BACKEND;
            sender = "backend " + server.getInfo().getName()
                    + (event.getReceiver() instanceof ProxiedPlayer player ? " (to " + player.getName() + ")" : "");
        } else {
            event.setCancelled(true);
            return;
        }
        RouteDecision decision = core.route(origin, sender, event.getTag(), event.getData());
        if (decision instanceof RouteDecision.Drop) {
            event.setCancelled(true);
        }
    }
}
