package net.ledgernet.platform;

import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;

/**
 * What the core needs to know about the proxy it runs on. Each platform module implements this
 * and nothing in {@code common/} names a platform type.
 */
public interface Platform {
    /** "Velocity", "BungeeCord", "CLI": for log lines and status output. */
    String name();

    /** The plugin's folder, where config.yml lives. May not exist yet. */
    Path dataDirectory();

    PluginLogger logger();

    /** Names of the servers the proxy knows, to warn about backends in config.yml it does not have. */
    Set<String> serverNames();

    /**
     * The proxy's own permission check for an online player; false for a player who is not online.
     * Used when LuckPerms is not installed. It knows nothing of backends.
     */
    boolean hasPermission(UUID player, String node);

    /**
     * What an operator must know about the proxy's own permission check when LuckPerms is not
     * installed, for the startup warning and {@code /lgn status}.
     */
    default String ownPermissionsNote() {
        return name() + "'s own permission check, which cannot tell backends apart";
    }

    /** Whether LedgerNet keeps its audit log in the data folder (the proxies do; the CLI only reads). */
    default boolean keepsAuditLog() {
        return true;
    }
}
