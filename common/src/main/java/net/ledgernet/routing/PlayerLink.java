package net.ledgernet.routing;

import java.util.Optional;
import net.ledgernet.protocol.LedgerChannel;

/**
 * One player's connection as the core acts on it. Each platform implements it over its own player
 * and server connection objects; every method only queues a write and returns.
 */
public interface PlayerLink {
    PlayerRef player();

    /** The backend the player is connected to; empty before the first join and during a switch. */
    Optional<String> currentBackend();

    /** Sends a plugin message to the player's client. */
    void sendToClient(LedgerChannel channel, byte[] payload);

    /** Sends a plugin message to the player's current backend; false when there is none. */
    boolean sendToBackend(LedgerChannel channel, byte[] payload);

    /** Sends a chat line to the player as if they typed it; a leading / makes it a command on the backend. */
    void chatAsPlayer(String line);

    /** Shows the player a chat message from LedgerNet. */
    void tell(String message);
}
