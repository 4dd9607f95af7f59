package net.ledgernet.velocity;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.velocitypowered.api.plugin.annotation.DataDirectory;
import com.velocitypowered.api.proxy.ProxyServer;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;
import org.slf4j.Logger;

/** The core's view of a Velocity proxy. */
@Singleton
final class VelocityPlatform implements Platform {
    private final ProxyServer proxy;
    private final Path dataDirectory;
    private final PluginLogger logger;

    @Inject
    VelocityPlatform(ProxyServer proxy, Logger logger, @DataDirectory Path dataDirectory) {
        this.proxy = proxy;
        this.dataDirectory = dataDirectory;
        this.logger = new Slf4jPluginLogger(logger);
    }

    @Override
    public String name() {
        return "Velocity";
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
        return proxy.getAllServers().stream()
                .map(server -> server.getServerInfo().getName())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean hasPermission(UUID player, String node) {
        return proxy.getPlayer(player).map(p -> p.hasPermission(node)).orElse(false);
    }

    /** Velocity has no permissions of its own: without a permission plugin, every check answers false. */
    @Override
    public String ownPermissionsNote() {
        return "Velocity's own permission check, which without a permission plugin answers no to everyone,"
                + " operators included: every Ledger client-mod request is refused until nodes are granted";
    }

    private record Slf4jPluginLogger(Logger logger) implements PluginLogger {
        @Override
        public void info(String message) {
            logger.info(message);
        }

        @Override
        public void warn(String message) {
            logger.warn(message);
        }

        @Override
        public void warn(String message, Throwable cause) {
            logger.warn(message, cause);
        }

        @Override
        public void error(String message) {
            logger.error(message);
        }

        @Override
        public void error(String message, Throwable cause) {
            logger.error(message, cause);
        }
    }
}
