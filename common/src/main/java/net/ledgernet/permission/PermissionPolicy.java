package net.ledgernet.permission;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Whether a player holds a permission node for a given backend. A request that reaches several
 * backends is checked once per backend, so a player sees only the backends they may see.
 */
public interface PermissionPolicy extends AutoCloseable {
    boolean has(UUID player, String backend, String node);

    /**
     * Whether the player holds a node on the proxy itself, in the proxy's own contexts rather than a
     * backend's: for what is not about one backend, such as using the web console. Like {@link #has},
     * it answers only for a player whose data the permission source holds (online, or {@link #load}ed).
     */
    boolean hasOnProxy(UUID player, String node);

    /**
     * Makes the permission source hold the player's data, so that {@link #has} and {@link #hasOnProxy}
     * answer for them even while they are offline (LuckPerms loads the user from its storage). Completes
     * at once where there is nothing to load; without LuckPerms only online players can be checked.
     */
    default CompletableFuture<Void> load(UUID player) {
        return CompletableFuture.completedFuture(null);
    }

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
