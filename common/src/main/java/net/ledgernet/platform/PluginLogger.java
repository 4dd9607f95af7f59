package net.ledgernet.platform;

/** The proxy's logger, whichever logging API the platform uses. */
public interface PluginLogger {
    void info(String message);

    void warn(String message);

    void warn(String message, Throwable cause);

    void error(String message);

    void error(String message, Throwable cause);

    /**
     * A logger for a terminal tool (the CLI, a benchmark): errors only, to {@code err}; what the tool reports
     * of each backend it prints itself, more fully.
     */
    static PluginLogger errorsOnly(java.io.PrintStream err) {
        return new PluginLogger() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
            }

            @Override
            public void warn(String message, Throwable cause) {
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
}
