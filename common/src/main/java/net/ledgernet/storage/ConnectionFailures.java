package net.ledgernet.storage;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.ledgernet.config.DatabaseTarget;

/**
 * Why a backend's database could not be used, in one line an operator can act on: the real cause
 * (access denied, unknown database, connection refused by host:port, no such file, a file held by
 * another process) instead of the connection pool's "request timed out", and never a stack trace.
 * Used by {@code doctor}, {@code /lgn status}, the startup check and the "left out" line of searches.
 */
public final class ConnectionFailures {
    /** MariaDB/MySQL error codes. */
    private static final int MYSQL_ACCESS_DENIED = 1045;
    private static final int MYSQL_DB_ACCESS_DENIED = 1044;
    /** ER_ACCESS_DENIED_NO_PASSWORD_ERROR: an unknown user, or one whose authentication plugin refused. */
    private static final int MYSQL_ACCESS_DENIED_NO_PASSWORD = 1698;
    private static final int MYSQL_UNKNOWN_DATABASE = 1049;
    /** H2: DATABASE_NOT_FOUND_WITH_IF_EXISTS_1, DATABASE_ALREADY_OPEN_1, WRONG_USER_OR_PASSWORD. */
    private static final int H2_NOT_FOUND = 90146;
    private static final int H2_ALREADY_OPEN = 90020;
    private static final int H2_WRONG_PASSWORD = 28000;
    private static final Pattern QUOTED_NAME = Pattern.compile("['\"]([^'\"]+)['\"]");
    /** MariaDB's connection id in front of every server message: (conn=456). */
    private static final Pattern CONNECTION_ID = Pattern.compile("^\\(conn=\\d+\\)\\s*");

    private ConnectionFailures() {
    }

    /** The failure of a connection to, or a query on, {@code database}. */
    public static String describe(Throwable failure, BackendDatabase database) {
        return describe(failure, database.config().database());
    }

    public static String describe(Throwable failure, DatabaseTarget target) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Described described) {
                return described.getMessage();
            }
        }
        return known(failure, target).orElseGet(() -> generic(failure));
    }

    /** A connection failure already described (by {@link BackendDatabase#connection()}): passed on as it is. */
    static final class Described extends SQLException {
        private static final long serialVersionUID = 1L;

        Described(String description, Throwable cause) {
            super(description, cause);
        }
    }

    /**
     * The cause when it is one an operator can act on, searched along the whole cause chain from its root
     * (the pool copies its cause's SQL state into its own "request timed out").
     */
    static Optional<String> known(Throwable failure, DatabaseTarget target) {
        String address = target.address().orElse("the server");
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < 32; t = t.getCause() == t ? null : t.getCause()) {
            chain.add(0, t);
        }
        for (Throwable t : chain) {
            if (t instanceof SQLException sql && !(t instanceof SQLTransientConnectionException && t.getCause() != null)) {
                Optional<String> known = sql(sql, target, address);
                if (known.isPresent()) {
                    return known;
                }
            }
        }
        for (Throwable t : chain) {
            if (t instanceof ConnectException && !(t instanceof NoRouteToHostException)) {
                return Optional.of("connection refused by " + address
                        + ": is the database server running and listening there?");
            }
            if (t instanceof NoRouteToHostException) {
                return Optional.of("no route to " + address + ": is the host up and the address right?");
            }
            if (t instanceof UnknownHostException) {
                return Optional.of("unknown host " + host(address) + " in the JDBC URL: the name does not resolve");
            }
            if (t instanceof SocketTimeoutException && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT)
                    .contains("connect")) {
                return Optional.of("no answer from " + address + " while connecting: host down, or a firewall"
                        + " dropping the connection?");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> sql(SQLException e, DatabaseTarget target, String address) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = serverMessage(e);
        String user = target.user().isEmpty() ? "no user" : "user '" + target.user() + "'";
        switch (target.dialect()) {
            case MARIADB, MYSQL -> {
                if (e.getErrorCode() == MYSQL_ACCESS_DENIED || e.getErrorCode() == MYSQL_ACCESS_DENIED_NO_PASSWORD
                        || state.equals("28000")) {
                    return Optional.of("access denied by " + address + " for " + user + ": wrong user or password?"
                            + " The server says: " + message);
                }
                if (e.getErrorCode() == MYSQL_DB_ACCESS_DENIED) {
                    return Optional.of("access denied by " + address + ": " + user + " may not read this database."
                            + " The server says: " + message);
                }
                if (e.getErrorCode() == MYSQL_UNKNOWN_DATABASE) {
                    return Optional.of(unknownDatabase(name(message).orElse("?"), address));
                }
            }
            case POSTGRESQL -> {
                if (state.equals("28P01") || state.equals("28000")) {
                    return Optional.of("access denied by " + address + " for " + user + ": wrong user or password,"
                            + " or no pg_hba.conf entry for this host? The server says: " + message);
                }
                if (state.equals("3D000")) {
                    return Optional.of(unknownDatabase(name(message).orElse("?"), address));
                }
            }
            case H2 -> {
                Path file = Path.of(target.file().map(Path::toString).orElse("?") + ".mv.db");
                if (e.getErrorCode() == H2_NOT_FOUND) {
                    return Optional.of(missingFile(file));
                }
                if (e.getErrorCode() == H2_ALREADY_OPEN) {
                    return Optional.of("database file " + file + " is in use by another process: H2 lets one process"
                            + " open a file, and a running Minecraft server holds its Ledger database (read it while"
                            + " that server is stopped, or move Ledger to MariaDB, MySQL or PostgreSQL)");
                }
                if (e.getErrorCode() == H2_WRONG_PASSWORD) {
                    return Optional.of("access denied to " + file + " for " + user + ": wrong user or password?");
                }
            }
            case SQLITE -> {
                Path file = target.file().orElse(Path.of("?"));
                if (message.contains("SQLITE_CANTOPEN")) {
                    return Optional.of(!Files.exists(file) ? missingFile(file)
                            : "cannot open database file " + file + ": is it readable by the proxy? " + message);
                }
                if (message.contains("SQLITE_NOTADB")) {
                    return Optional.of("database file " + file + " is not an SQLite database");
                }
            }
            default -> {
                // no dialect-specific codes
            }
        }
        return Optional.empty();
    }

    /** The name of a database the server says does not exist. */
    static String unknownDatabase(String name, String address) {
        return "unknown database '" + name + "' on " + address + ": create it, or correct its name in config.yml";
    }

    static String missingFile(Path file) {
        return "database file " + file + " does not exist";
    }

    private static Optional<String> name(String message) {
        Matcher m = QUOTED_NAME.matcher(message);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String host(String address) {
        int colon = address.lastIndexOf(':');
        return colon > 0 ? address.substring(0, colon) : address;
    }

    private static String serverMessage(SQLException e) {
        return CONNECTION_ID.matcher(oneLine(e)).replaceFirst("");
    }

    /** HikariCP's "request timed out after 2001ms (total=2, active=2, idle=0, waiting=3)". */
    private static final Pattern POOL_TIMEOUT = Pattern.compile(
            "request timed out after (\\d+)ms \\(total=(\\d+), active=(\\d+)");

    /** The error and its root cause, for a failure not recognised above. */
    static String generic(Throwable e) {
        if (e instanceof SQLTransientConnectionException && e.getCause() == null) {
            Matcher m = POOL_TIMEOUT.matcher(String.valueOf(e.getMessage()));
            if (m.find()) {
                int total = Integer.parseInt(m.group(2));
                int active = Integer.parseInt(m.group(3));
                return total > 0 && active >= total
                        ? "no free connection within " + m.group(1) + " ms: all " + total + " connections of the pool"
                        + " are busy with other requests"
                        : "no connection within " + m.group(1) + " ms: the database was slow to open one (a busy"
                        + " server, or a large file database opening; connection-timeout may be too short)";
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // HikariCP's timeout text is about the pool; the cause is what the operator needs.
        String message = e instanceof SQLTransientConnectionException && root != e
                ? "no connection" : oneLine(e);
        return root == e ? message : message + " (cause: " + oneLine(root) + ")";
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
