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

    /**
     * Whether {@link #runCommand} can reach the backend for this player's client. BungeeCord cannot
     * send chat or commands on behalf of a 1.19+ client (its {@code chat()} throws), so there the
     * player is given the command to run instead ({@link #suggestCommand}).
     */
    boolean canRunCommands();

    /** Runs {@code commandLine} (starting with /) on the player's backend as if the player typed it. May throw. */
    void runCommand(String commandLine);

    /**
     * Shows the player {@code message}; clicking it puts {@code commandLine} into their chat box, so
     * one key press runs it with the client's own signature.
     */
    void suggestCommand(String message, String commandLine);

    /** Shows the player a chat message from LedgerNet. */
    void tell(String message);
}
