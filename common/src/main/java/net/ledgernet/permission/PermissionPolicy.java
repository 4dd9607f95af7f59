package net.ledgernet.permission;

import java.util.UUID;

/**
 * Whether a player holds a permission node for a given backend. A request that reaches several
 * backends is checked once per backend, so a player sees only the backends they may see.
 */
public interface PermissionPolicy extends AutoCloseable {
    boolean has(UUID player, String backend, String node);

    /** Forgets what is remembered about a player, e.g. when they leave. */
    void forget(UUID player);

    /** Short description for the log and status output. */
    String describe();

    /** Whether LuckPerms answers (per backend, through its server and world contexts). */
    default boolean fromLuckPerms() {
        return false;
    }

    @Override
    void close();
}
