package net.ledgernet.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;

/**
 * The core's view of a terminal: the operator holds every permission, and only errors are logged
 * (the commands print their own, fuller account of each backend).
 */
record CliPlatform(Path dataDirectory, PrintStream err) implements Platform {
    @Override
    public String name() {
        return "CLI";
    }

    @Override
    public PluginLogger logger() {
        return PluginLogger.errorsOnly(err);
    }

    @Override
    public Set<String> serverNames() {
        return Set.of();
    }

    @Override
    public boolean hasPermission(UUID player, String node) {
        return true;
    }

    /** The CLI only reads: it writes nothing beside config.yml. */
    @Override
    public boolean keepsAuditLog() {
        return false;
    }
}
