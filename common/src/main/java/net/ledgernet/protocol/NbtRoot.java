package net.ledgernet.protocol;

/** How a network NBT root is framed. */
public enum NbtRoot {
    /** MC 1.20.1 and older: {@code 0a}, u16 root name (empty), payload. */
    NAMED,
    /** MC 1.20.2 and newer: {@code 0a}, payload; no root name. */
    NAMELESS
}
