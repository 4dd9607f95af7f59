package net.ledgernet.routing;

import java.util.Optional;
import net.ledgernet.protocol.LedgerPacket.HandshakeC2S;

/**
 * What LedgerNet remembers of one player between messages: the client mod's handshake, so it can
 * be replayed to every backend the player moves to (each backend keeps its own set of networked
 * players, and older client mods send their handshake only once), and where and when it was last
 * sent, so a client mod that handshakes again right after a switch (Watson 1.20.6+) does not make
 * the backend see two.
 *
 * @param sentTo     the backend the handshake last went to
 * @param sentAtNanos when it went there ({@link System#nanoTime()})
 */
public record PlayerSession(PlayerRef player, Optional<HandshakeC2S> clientHandshake, Optional<String> sentTo,
                            long sentAtNanos) {
    public static PlayerSession of(PlayerRef player) {
        return new PlayerSession(player, Optional.empty(), Optional.empty(), 0);
    }

    public PlayerSession withHandshake(HandshakeC2S handshake) {
        return new PlayerSession(player, Optional.of(handshake), sentTo, sentAtNanos);
    }

    public PlayerSession sent(String backend, long nanos) {
        return new PlayerSession(player, clientHandshake, Optional.of(backend), nanos);
    }

    /** Whether this handshake already went to {@code backend} within {@code windowNanos} of {@code nowNanos}. */
    public boolean recentlySent(HandshakeC2S handshake, String backend, long nowNanos, long windowNanos) {
        return clientHandshake.map(handshake::equals).orElse(false) && sentTo.map(backend::equals).orElse(false)
                && nowNanos - sentAtNanos < windowNanos;
    }
}
