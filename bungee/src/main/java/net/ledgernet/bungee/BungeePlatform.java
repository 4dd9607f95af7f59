package net.ledgernet.bungee;

import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;
import net.md_5.bungee.api.ProxyServer;
import net.md_5.bungee.api.connection.ProxiedPlayer;

/** The core's view of a BungeeCord/Waterfall proxy. */
final class BungeePlatform implements Platform {
    private final ProxyServer proxy;
    private final Path dataDirectory;
    private final PluginLogger logger;

    BungeePlatform(ProxyServer proxy, Path dataDirectory, Logger logger) {
        this.proxy = proxy;
        this.dataDirectory = dataDirectory;
        this.logger = new JulPluginLogger(logger);
    }

    @Override
    public String name() {
        return "BungeeCord";
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public PluginLogger logger() {
        return logger;
    }

    @Override
    public Set<String> serverNames() {
        return Set.copyOf(proxy.getServers().keySet());
    }

    @Override
    public boolean hasPermission(UUID player, String node) {
        ProxiedPlayer online = proxy.getPlayer(player);
        return online != null && online.hasPermission(node);
    }

    @Override
    public String ownPermissionsNote() {
        return "BungeeCord's own permissions (permissions: and groups: in BungeeCord's config.yml), which cannot"
                + " tell backends apart; a player without the nodes there gets every Ledger request refused";
    }

    private record JulPluginLogger(Logger logger) implements PluginLogger {
        @Override
        public void info(String message) {
            logger.info(message);
        }

        @Override
        public void warn(String message) {
            logger.warning(message);
        }

        @Override
        public void warn(String message, Throwable cause) {
            logger.log(Level.WARNING, message, cause);
        }

        @Override
        public void error(String message) {
            logger.severe(message);
        }

        @Override
        public void error(String message, Throwable cause) {
            logger.log(Level.SEVERE, message, cause);
        }
    }
}
