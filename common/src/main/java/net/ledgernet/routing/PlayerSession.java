package net.ledgernet.routing;

import java.util.Optional;
import net.ledgernet.protocol.LedgerPacket.HandshakeC2S;

/**
 * What LedgerNet remembers of one player between messages: the client mod's handshake, so it can
 * be replayed to every backend the player moves to (each backend keeps its own set of networked
 * players, and older client mods send their handshake only once).
 */
public record PlayerSession(PlayerRef player, Optional<HandshakeC2S> clientHandshake) {
    public static PlayerSession of(PlayerRef player) {
        return new PlayerSession(player, Optional.empty());
    }

    public PlayerSession withHandshake(HandshakeC2S handshake) {
        return new PlayerSession(player, Optional.of(handshake));
    }
}
