package net.ledgernet.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;

/** The terminal as a platform: no proxy, log lines to standard error. */
record CliPlatform(Path dataDirectory, PrintStream err) implements Platform {
    @Override
    public String name() {
        return "CLI";
    }

    @Override
    public PluginLogger logger() {
        return new PluginLogger() {
            @Override
            public void info(String message) {
                err.println(message);
            }

            @Override
            public void warn(String message) {
                err.println("warning: " + message);
            }

            @Override
            public void warn(String message, Throwable cause) {
                err.println("warning: " + message + ": " + cause);
            }

            @Override
            public void error(String message) {
                err.println("error: " + message);
            }

            @Override
            public void error(String message, Throwable cause) {
                err.println("error: " + message + ": " + cause);
            }
        };
    }

    @Override
    public Set<String> serverNames() {
        return Set.of(); // no proxy to compare the backends with
    }
}
