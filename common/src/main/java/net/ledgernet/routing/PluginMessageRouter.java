package net.ledgernet.routing;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.platform.PluginLogger;
import net.ledgernet.protocol.LedgerChannel;

/**
 * Decides, for every Ledger plugin message crossing the proxy, what happens to it. Platform
 * adapters call it synchronously from their event handlers, so it never blocks.
 */
@Singleton
public final class PluginMessageRouter {
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final PluginLogger logger;
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private final AtomicLong suppressed = new AtomicLong();

    @Inject
    public PluginMessageRouter(PluginLogger logger) {
        this.logger = logger;
    }

    /**
     * @param sender a name for the log: the player, or "backend survival (for player)"
     */
    public RouteDecision route(LedgerNetConfig config, MessageOrigin origin, String sender, LedgerChannel channel,
                               byte[] data) {
        if (origin == MessageOrigin.PLAYER && !channel.clientToServer()) {
            return drop(sender + " sent " + channel.id() + ", which only backends may send");
        }
        if (origin == MessageOrigin.BACKEND && !channel.serverToClient()) {
            return drop(sender + " sent " + channel.id() + ", which only clients may send");
        }
        if (origin == MessageOrigin.PLAYER && data.length > config.limits().maxPayloadBytes()) {
            return drop(sender + " sent " + data.length + " bytes on " + channel.id() + " (limit "
                    + config.limits().maxPayloadBytes() + ")");
        }
        return RouteDecision.FORWARD;
    }

    private RouteDecision drop(String reason) {
        // A modified client can send these as fast as it likes; keep the log readable.
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLog.compareAndSet(last, now)) {
            long skipped = suppressed.getAndSet(0);
            logger.warn("Dropped a Ledger message: " + reason
                    + (skipped > 0 ? " (and " + skipped + " more dropped messages not logged)" : ""));
        } else {
            suppressed.incrementAndGet();
        }
        return new RouteDecision.Drop(reason);
    }
}
