package net.ledgernet.permission;

import java.util.UUID;
import net.ledgernet.platform.Platform;

/**
 * The proxy's plain permission check, when LuckPerms is not installed. It cannot tell backends
 * apart, so a node grants every backend. Not cached: other permission plugins give no signal
 * when a player's permissions change.
 */
final class PlatformPermissions implements PermissionPolicy {
    private final Platform platform;

    PlatformPermissions(Platform platform) {
        this.platform = platform;
    }

    @Override
    public boolean has(UUID player, String backend, String node) {
        return platform.hasPermission(player, node);
    }

    /** The proxy's own check: false for a player who is not online (it has nothing to load them from). */
    @Override
    public boolean hasOnProxy(UUID player, String node) {
        return platform.hasPermission(player, node);
    }

    @Override
    public void forget(UUID player) {
    }

    @Override
    public String describe() {
        return platform.name() + " permissions (the same answer on every backend; install LuckPerms for per-backend checks)";
    }

    @Override
    public void close() {
    }
}
