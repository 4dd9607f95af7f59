package net.ledgernet.platform;

/** The proxy's logger, whichever logging API the platform uses. */
public interface PluginLogger {
    void info(String message);

    void warn(String message);

    void warn(String message, Throwable cause);

    void error(String message);

    void error(String message, Throwable cause);
}
