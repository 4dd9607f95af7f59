package net.ledgernet.routing;

/** Who sent a plugin message across the proxy. */
public enum MessageOrigin {
    /** A player's client (client-to-server). */
    PLAYER,
    /** A backend server connection (server-to-client). */
    BACKEND
}
