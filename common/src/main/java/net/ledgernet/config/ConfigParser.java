package net.ledgernet.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.ledgernet.dimension.DimensionMap;
import net.ledgernet.storage.SqlDialect;
import org.spongepowered.configurate.ConfigurationNode;

/**
 * Turns the YAML tree of config.yml into a {@link LedgerNetConfig}, collecting every problem
 * with the key it is about. Reads the tree by hand rather than by object mapping so that each
 * error can name its key and say why, and so that unknown (misspelt) keys are reported instead of
 * silently falling back to a default.
 */
final class ConfigParser {
    private static final Pattern SERVER_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_$]{1,64}");
    private static final Pattern PERMISSION = Pattern.compile("[a-z0-9_\\-]+(\\.[a-z0-9_\\-*]+)*");
    private static final Pattern COMMAND = Pattern.compile("[a-z0-9_\\-]{1,32}");
    private static final Pattern LEDGER_VERSION = Pattern.compile("\\d{1,4}\\.\\d{1,4}(\\.\\d{1,4})?([-+][A-Za-z0-9.+\\-]{1,40})?");
    /** Any number of digits: a huge amount is reported as too long, never overflows. */
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    /** jdbc:mariadb://host[:port][/database][?params] and the like; host may be [ipv6]. */
    private static final Pattern SERVER_URL = Pattern.compile(
            "jdbc:(mariadb|mysql|postgresql)://(\\[[^\\]]+\\]|[^:/?#\\[\\]@]+)(?::(\\d+))?(?:/([^?#]*))?(?:\\?(.*))?",
            Pattern.CASE_INSENSITIVE);
    /** In an unsupported URL, whatever stands between a ':' and an '@' may be a password. */
    private static final Pattern CREDENTIALS_BEFORE_AT = Pattern.compile("(?<=:)[^:@]+(?=@)");
    /** H2 appends it to the name in the URL itself. */
    private static final String H2_SUFFIX = ".mv.db";

    // Bounds of every number in config.yml, each checked with its key named. Lower bounds keep a
    // setting meaningful; upper bounds keep a typo (3000000h, pool-size: 6000) from exhausting the
    // proxy or a database, or overflowing arithmetic later (Duration.toNanos() overflows at ~292 years).
    static final int MIN_POOL_SIZE = 1;
    static final int MAX_POOL_SIZE = 64;
    /** HikariCP's own minimum. */
    static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);
    /** Connecting takes milliseconds when the server is up; waiting longer only delays "down". */
    static final Duration MAX_CONNECTION_TIMEOUT = Duration.ofMinutes(1);
    static final Duration MIN_QUERY_TIMEOUT = Duration.ofSeconds(1);
    static final Duration MAX_QUERY_TIMEOUT = Duration.ofMinutes(10);
    static final int MAX_PAGES = 100;
    static final int MAX_PAGE_SIZE = 100;
    static final BigDecimal MIN_RATE = new BigDecimal("0.01");
    static final BigDecimal MAX_RATE = new BigDecimal("1000");
    static final int MAX_BURST = 1000;
    static final int MAX_IN_FLIGHT_PER_PLAYER = 16;
    static final int MAX_FAN_OUTS_IN_FLIGHT = 256;
    /** Room for the smallest Ledger message (a search with a short string). */
    static final int MIN_PAYLOAD_BYTES = 64;
    /** At least {@link #MIN_CONNECTION_TIMEOUT}, so a connection-timeout can always fit within it. */
    static final Duration MIN_BACKEND_DEADLINE = Duration.ofMillis(250);
    static final Duration MAX_BACKEND_DEADLINE = Duration.ofMinutes(10);
    static final Duration DEFAULT_BACKEND_DEADLINE = Duration.ofSeconds(3);
    static final int MAX_PORT = 65535;
    static final Duration MIN_SESSION_IDLE = Duration.ofMinutes(1);
    static final Duration MAX_SESSION_IDLE = Duration.ofHours(24);
    static final int MAX_EXPORT_ROWS = 1_000_000;
    static final int MIN_CHART_ROWS = 100;
    static final int MAX_CHART_ROWS = 1_000_000;
    /** An IPv4 literal in its plain dotted form (InetAddress would also take 127.1 and 0x7f.1). */
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Set<String> RESERVED_COMMANDS = Set.of("lg", "ledger");

    private final Path baseDirectory;
    private final List<ConfigProblem> problems = new ArrayList<>();
    /** limits.backend-deadline, read before the pools: a connection-timeout must fit within it. */
    private Duration backendDeadline = DEFAULT_BACKEND_DEADLINE;
    /** How the deadline was set, for the connection-timeout check; null when it is itself wrong. */
    private String deadlineSource = ", the default";

    ConfigParser(Path baseDirectory) {
        this.baseDirectory = baseDirectory;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    LedgerNetConfig parse(ConfigurationNode root) {
        if (!root.isMap()) {
            problem(root, "the file must be a YAML map of settings");
            return null;
        }
        known(root, "config-version", "database-servers", "backends", "dimensions", "permissions", "limits", "command",
                "messages", "object-tags", "web");

        ConfigurationNode versionNode = root.node("config-version");
        int version = -1;
        BigInteger versionNumber = versionNode.virtual() ? null : wholeNumber(versionNode);
        if (versionNode.virtual()) {
            problem(versionNode, "missing; this file should start with config-version: " + LedgerNetConfig.CURRENT_VERSION);
        } else if (versionNumber == null) {
            problem(versionNode, "must be a whole number; this file should start with config-version: "
                    + LedgerNetConfig.CURRENT_VERSION);
        } else if (versionNumber.compareTo(BigInteger.valueOf(LedgerNetConfig.CURRENT_VERSION)) > 0) {
            problem(versionNode, versionNumber + " was written by a newer LedgerNet (this one reads "
                    + LedgerNetConfig.CURRENT_VERSION + "); update LedgerNet or restore your previous config.yml");
        } else if (versionNumber.compareTo(BigInteger.valueOf(LedgerNetConfig.CURRENT_VERSION)) < 0) {
            problem(versionNode, "unknown version " + versionNumber + " (this LedgerNet reads "
                    + LedgerNetConfig.CURRENT_VERSION + ")");
        } else {
            version = versionNumber.intValue();
        }

        // Read first (problems kept for their place below): the pools' connection-timeout must fit within the deadline.
        List<ConfigProblem> limitProblems = new ArrayList<>();
        Limits limits = deferringProblems(limitProblems, () -> limits(root.node("limits")));

        Map<String, ServerEntry> servers = databaseServers(root.node("database-servers"));
        Map<String, BackendConfig> backends = backends(root.node("backends"), servers);
        checkSharedDatabases(backends);

        ConfigurationNode dims = root.node("dimensions");
        knownIfMap(dims, "network-id", "keep-current-backend-native", "overrides");
        String template = string(dims.node("network-id"), "{backend}:{dimension}");
        boolean keepNative = bool(dims.node("keep-current-backend-native"), true);
        Map<String, Map<String, String>> overrides = overrides(dims.node("overrides"));
        DimensionMap dimensionMap = DimensionMap.validate(template, List.copyOf(backends.keySet()), overrides,
                key(dims.node("network-id")), key(dims.node("overrides")),
                (key, reason) -> problems.add(new ConfigProblem(key, reason)));
        DimensionSettings dimensions = new DimensionSettings(template, keepNative, overrides);

        PermissionNodes permissions = permissions(root.node("permissions"));
        problems.addAll(limitProblems);
        CommandSettings command = command(root.node("command"), messages(root.node("messages")));

        Map<String, List<String>> objectTags = objectTags(root.node("object-tags"));
        WebSettings web = web(root.node("web"));
        return new LedgerNetConfig(version, java.util.Collections.unmodifiableMap(backends), dimensions, dimensionMap,
                permissions, limits, command, objectTags, web);
    }

    /** object-tags: tag id -> object ids, all identifiers, written with or without the minecraft: namespace. */
    private Map<String, List<String>> objectTags(ConfigurationNode node) {
        Map<String, List<String>> tags = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigurationNode> entry : children(node).entrySet()) {
            ConfigurationNode members = entry.getValue();
            String tag = identifierOrProblem(members, entry.getKey().startsWith("#") ? entry.getKey().substring(1)
                    : entry.getKey(), "tag id");
            if (!members.isList() || members.childrenList().isEmpty()) {
                problem(members, "must be a list of object ids, e.g. [minecraft:diamond_ore, minecraft:deepslate_diamond_ore]");
                continue;
            }
            List<String> ids = new ArrayList<>();
            for (ConfigurationNode member : members.childrenList()) {
                String text = requiredString(member);
                String id = text == null ? null : identifierOrProblem(member, text, "object id");
                if (id != null) {
                    ids.add(id);
                }
            }
            if (tag != null && !tags.containsKey(tag)) {
                tags.put(tag, List.copyOf(ids));
            } else if (tag != null) {
                problem(members, "tag " + tag + " is listed twice");
            }
        }
        return java.util.Collections.unmodifiableMap(tags);
    }

    private String identifierOrProblem(ConfigurationNode node, String text, String what) {
        try {
            return net.ledgernet.protocol.Identifier.parse(text).toString();
        } catch (IllegalArgumentException e) {
            problem(node, "'" + text + "' is not a valid " + what + " (namespace:path, lower case a-z 0-9 _ . - /)");
            return null;
        }
    }

    // --- database servers and backends ---

    private record ServerEntry(String name, SqlDialect dialect, String url, String user, String password,
                               PoolSettings pool, String hostPort, String urlDatabase) {
    }

    /** Servers listed under database-servers but rejected (their own problem is reported once, there). */
    private final Set<String> rejectedServers = new java.util.HashSet<>();

    private Map<String, ServerEntry> databaseServers(ConfigurationNode node) {
        Map<String, ServerEntry> servers = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigurationNode> entry : children(node).entrySet()) {
            rejectedServers.add(entry.getKey()); // until it is taken below
            ConfigurationNode server = entry.getValue();
            if (!server.isMap()) {
                problem(server, "must be a map with url, user, password, ...");
                continue;
            }
            known(server, "url", "user", "password", "pool-size", "connection-timeout", "query-timeout");
            ConfigurationNode urlNode = server.node("url");
            String url = requiredString(urlNode);
            PoolSettings pool = pool(server, PoolSettings.DEFAULTS);
            String user = string(server.node("user"), "");
            String password = string(server.node("password"), "");
            if (url == null) {
                continue;
            }
            Matcher m = SERVER_URL.matcher(url);
            Optional<SqlDialect> dialect = SqlDialect.ofJdbcUrl(url);
            if (dialect.isPresent() && !dialect.get().embedded() && hasUserInfo(url)) {
                problem(urlNode, userInfoProblem(url));
                continue;
            }
            if (dialect.isEmpty() || dialect.get().embedded() || !m.matches()) {
                problem(urlNode, "'" + DatabaseTarget.redact(url) + "' is not a JDBC URL of a database server; expected e.g."
                        + " jdbc:mariadb://host:3306/, jdbc:mysql://host:3306/ or jdbc:postgresql://host:5432/database"
                        + " (SQLite and H2 files go directly on a backend as jdbc-url)");
                continue;
            }
            if (!portInRange(urlNode, url, m)) {
                continue;
            }
            String database = m.group(4) == null ? "" : m.group(4);
            if (dialect.get() == SqlDialect.POSTGRESQL && database.isEmpty()) {
                problem(urlNode, "a PostgreSQL server URL must name the database that holds the backends' schemas,"
                        + " e.g. jdbc:postgresql://host:5432/ledger");
                continue;
            }
            if (dialect.get() != SqlDialect.POSTGRESQL && !database.isEmpty()) {
                problem(urlNode, "a shared " + dialect.get().displayName() + " server URL must not name a database"
                        + " ('" + database + "'): each backend names its own with database:");
                continue;
            }
            servers.put(entry.getKey(), new ServerEntry(entry.getKey(), dialect.get(), url, user, password, pool,
                    hostPort(m, dialect.get()), database));
            rejectedServers.remove(entry.getKey());
        }
        return servers;
    }

    private Map<String, BackendConfig> backends(ConfigurationNode node, Map<String, ServerEntry> servers) {
        Map<String, BackendConfig> backends = new LinkedHashMap<>();
        if (node.virtual() || children(node).isEmpty()) {
            // A first start: LedgerNet guards Ledger's messages everywhere, and answers no search from a database.
            return backends;
        }
        for (Map.Entry<String, ConfigurationNode> entry : children(node).entrySet()) {
            String name = entry.getKey();
            ConfigurationNode backend = entry.getValue();
            if (!SERVER_NAME.matcher(name).matches()) {
                problem(backend, "'" + name + "' is not a valid server name (letters, digits, _ . -; at most 64)");
                continue;
            }
            if (!backend.isMap()) {
                problem(backend, "must be a map with either jdbc-url, or server and database");
                continue;
            }
            known(backend, "jdbc-url", "server", "database", "user", "password", "pool-size", "connection-timeout",
                    "query-timeout", "time-zone", "ledger-version", "legacy-nbt", "rollback-as-command");
            DatabaseTarget target = target(name, backend, servers);
            ZoneId zone = zone(backend.node("time-zone"));
            Optional<String> version = ledgerVersion(backend.node("ledger-version"));
            boolean legacyNbt = bool(backend.node("legacy-nbt"), false);
            boolean rollbackAsCommand = bool(backend.node("rollback-as-command"), true);
            if (target != null) {
                backends.put(name, new BackendConfig(name, target, zone, version, legacyNbt, rollbackAsCommand));
            }
        }
        return backends;
    }

    private DatabaseTarget target(String name, ConfigurationNode backend, Map<String, ServerEntry> servers) {
        ConfigurationNode urlNode = backend.node("jdbc-url");
        ConfigurationNode serverNode = backend.node("server");
        ConfigurationNode databaseNode = backend.node("database");
        if (!urlNode.virtual() && !serverNode.virtual()) {
            problem(backend, "set either jdbc-url, or server and database, not both");
            return null;
        }
        if (urlNode.virtual() && serverNode.virtual()) {
            problem(backend, "no database: set jdbc-url, or server and database");
            return null;
        }
        if (!serverNode.virtual()) {
            for (String own : List.of("user", "password", "pool-size", "connection-timeout", "query-timeout")) {
                if (!backend.node(own).virtual()) {
                    problem(backend.node(own), "set this on the shared server under database-servers, not on the backend");
                }
            }
            String serverName = requiredString(serverNode);
            String database = requiredString(databaseNode);
            if (serverName == null || database == null) {
                return null;
            }
            ServerEntry server = servers.get(serverName);
            if (server == null) {
                if (!rejectedServers.contains(serverName)) { // else its own problem says what is wrong with it
                    problem(serverNode, "unknown database server '" + serverName + "' (not listed under database-servers)");
                }
                return null;
            }
            if (!NAMESPACE.matcher(database).matches()) {
                problem(databaseNode, "'" + database + "' is not a valid " + (server.dialect() == SqlDialect.POSTGRESQL
                        ? "schema" : "database") + " name (letters, digits, _ and $; at most 64)");
                return null;
            }
            if (server.dialect() == SqlDialect.POSTGRESQL && database.equalsIgnoreCase("public")) {
                problem(databaseNode, "'" + database + "' is the default schema of " + server.urlDatabase() + " on the"
                        + " shared server, not this backend's own. On a shared PostgreSQL server, database: names a"
                        + " schema of one database holding every backend. Ledger-Databases writes each Minecraft"
                        + " server into a database of its own, in its public schema: for that layout give this"
                        + " backend its own URL instead of server and database, e.g. jdbc-url:"
                        + " \"jdbc:postgresql://host:5432/" + name.toLowerCase(Locale.ROOT) + "\" (with user and password"
                        + " on the backend)");
                return null;
            }
            // On a shared server the backend's name is the database (MariaDB/MySQL) or the schema (PostgreSQL).
            String identity = identity(server.dialect(), server.hostPort(),
                    server.dialect().mysqlLike() ? database : server.urlDatabase(), database);
            return new DatabaseTarget("server:" + serverName, server.dialect(), server.url(), server.user(),
                    server.password(), server.pool(), Optional.of(database), identity, Optional.empty());
        }
        if (!databaseNode.virtual()) {
            problem(databaseNode, "database goes with server; with jdbc-url, name the database in the URL");
        }
        String url = requiredString(urlNode);
        if (url == null) {
            return null;
        }
        Optional<SqlDialect> dialect = SqlDialect.ofJdbcUrl(url);
        if (dialect.isEmpty()) {
            problem(urlNode, "'" + unsupportedUrl(url) + "' is not a supported JDBC URL; expected jdbc:sqlite:,"
                    + " jdbc:h2:, jdbc:mariadb:, jdbc:mysql: or jdbc:postgresql:");
            return null;
        }
        PoolSettings pool = pool(backend, dialect.get().embedded() ? PoolSettings.EMBEDDED_DEFAULTS : PoolSettings.DEFAULTS);
        String user = string(backend.node("user"), "");
        String password = string(backend.node("password"), "");
        if (dialect.get().embedded()) {
            Path file = embeddedFile(urlNode, url, dialect.get());
            if (file == null) {
                return null;
            }
            String resolved = dialect.get().urlPrefix() + file + embeddedOptions(url, dialect.get());
            return new DatabaseTarget("backend:" + name, dialect.get(), resolved, user, password, pool,
                    Optional.empty(), "file:" + realFile(file, dialect.get()), Optional.of(file));
        }
        if (hasUserInfo(url)) {
            problem(urlNode, userInfoProblem(url));
            return null;
        }
        Matcher m = SERVER_URL.matcher(url);
        if (!m.matches() || m.group(4) == null || m.group(4).isEmpty()) {
            problem(urlNode, "'" + DatabaseTarget.redact(url) + "' must name the backend's database, e.g. jdbc:"
                    + dialect.get().name().toLowerCase(Locale.ROOT) + "://host/ledger_" + name.toLowerCase(Locale.ROOT));
            return null;
        }
        if (!portInRange(urlNode, url, m)) {
            return null;
        }
        String database = m.group(4);
        String identity = identity(dialect.get(), hostPort(m, dialect.get()), database, postgresSchema(m.group(5)));
        return new DatabaseTarget("backend:" + name, dialect.get(), url, user, password, pool, Optional.empty(), identity,
                Optional.empty());
    }

    /**
     * A name for the database itself, the same however config.yml reaches it (shared server or own
     * URL): MariaDB/MySQL database names are case-insensitive here; PostgreSQL has database and schema.
     */
    private static String identity(SqlDialect dialect, String hostPort, String database, String schema) {
        return dialect.mysqlLike()
                ? "mysql://" + hostPort + "/" + database.toLowerCase(Locale.ROOT) // MySQL's schema is its database
                : "postgresql://" + hostPort + "/" + database + "/" + schema;
    }

    /** The file a jdbc:sqlite: or jdbc:h2: URL names, resolved against the config folder. */
    private Path embeddedFile(ConfigurationNode urlNode, String url, SqlDialect dialect) {
        String rest = url.substring(dialect.urlPrefix().length());
        int options = rest.indexOf(dialect == SqlDialect.H2 ? ';' : '?');
        String location = options < 0 ? rest : rest.substring(0, options);
        if (dialect == SqlDialect.H2 && location.startsWith("file:")) {
            location = location.substring("file:".length());
        }
        if (dialect == SqlDialect.H2 && location.toLowerCase(Locale.ROOT).endsWith(H2_SUFFIX)) {
            // H2 appends .mv.db itself: jdbc:h2:data/ledger.mv.db would open data/ledger.mv.db.mv.db.
            location = location.substring(0, location.length() - H2_SUFFIX.length());
        }
        if (location.isEmpty() || location.endsWith("/") || location.startsWith(":memory:") || location.startsWith("mem:")
                || location.startsWith("tcp:") || location.startsWith("ssl:") || location.startsWith("file::memory")) {
            problem(urlNode, "'" + DatabaseTarget.redact(url) + "' must name a database file (in-memory and remote "
                    + dialect.displayName() + " URLs cannot hold a backend's Ledger data)");
            return null;
        }
        try {
            Path path = Path.of(location);
            return (path.isAbsolute() ? path : baseDirectory.resolve(path)).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            problem(urlNode, "'" + location + "' is not a valid file path");
            return null;
        }
    }

    /** user:password@ (or user@) in a server URL; the drivers take them from user: and password: instead. */
    private static boolean hasUserInfo(String url) {
        int authority = url.indexOf("//");
        int query = url.indexOf('?');
        int at = authority < 0 ? -1 : url.indexOf('@', authority + 2);
        return at >= 0 && (query < 0 || at < query); // not up to the first '/': a password may hold one
    }

    /**
     * An unsupported URL, with any password masked: its layout is unknown, so besides what
     * {@link DatabaseTarget#redact} masks, whatever stands between a ':' and an '@' is masked too
     * (jdbc:oracle:thin:scott/tiger@host becomes jdbc:oracle:thin:***@host).
     */
    private static String unsupportedUrl(String url) {
        return CREDENTIALS_BEFORE_AT.matcher(DatabaseTarget.redact(url)).replaceAll("***");
    }

    private static String userInfoProblem(String url) {
        return "'" + DatabaseTarget.redact(url) + "' has a user in the URL; put it under user: and password: instead";
    }

    /** The port of a server URL, 1 to 65535 (the pattern takes any digits, so a typo is named here). */
    private boolean portInRange(ConfigurationNode urlNode, String url, Matcher m) {
        if (m.group(3) == null) {
            return true;
        }
        BigInteger port = new BigInteger(m.group(3));
        if (port.compareTo(BigInteger.valueOf(MAX_PORT)) > 0 || port.signum() == 0) {
            problem(urlNode, "'" + DatabaseTarget.redact(url) + "': port " + port + " is "
                    + (port.signum() == 0 ? "too small (at least 1)" : "too large (at most " + MAX_PORT + ")"));
            return false;
        }
        return true;
    }

    private static String embeddedOptions(String url, SqlDialect dialect) {
        int options = url.indexOf(dialect == SqlDialect.H2 ? ';' : '?', dialect.urlPrefix().length());
        return options < 0 ? "" : url.substring(options);
    }

    /** host:port for the same-database check: the host as the server sees it (see {@link #canonicalHost}). */
    private static String hostPort(Matcher m, SqlDialect dialect) {
        String port = m.group(3) != null ? String.valueOf(Integer.parseInt(m.group(3)))
                : dialect == SqlDialect.POSTGRESQL ? "5432" : "3306";
        return canonicalHost(m.group(2)) + ":" + port;
    }

    /**
     * The machine a host in a URL reaches, without asking DNS: every loopback address (127.0.0.1, 127.1,
     * ::1, localhost) and every address of this machine's own interfaces is this machine; IPv4 written in
     * the short forms the resolver accepts (127.1, 10.65536) is read as the address it stands for. Other
     * names are compared as written, in lower case.
     */
    static String canonicalHost(String written) {
        String host = written.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return "this-machine";
        }
        java.net.InetAddress address = null;
        Optional<byte[]> v4 = ipv4(host);
        try {
            if (v4.isPresent()) {
                address = java.net.InetAddress.getByAddress(v4.get());
            } else if (host.contains(":") && host.matches("[0-9a-f:.%a-z]+")) {
                address = java.net.InetAddress.getByName(host); // an IPv6 literal: parsed, never looked up
            }
        } catch (java.net.UnknownHostException | RuntimeException e) {
            address = null;
        }
        if (address == null) {
            return host;
        }
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || isOwnAddress(address)
                || address instanceof java.net.Inet6Address v6 && isMappedLoopback(v6)) {
            return "this-machine";
        }
        return address.getHostAddress();
    }

    private static boolean isOwnAddress(java.net.InetAddress address) {
        try {
            return java.net.NetworkInterface.getByInetAddress(address) != null;
        } catch (java.net.SocketException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isMappedLoopback(java.net.Inet6Address v6) {
        byte[] b = v6.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff && (b[12] & 0xff) == 127;
    }

    /** An IPv4 address in any of inet_aton's decimal forms: a, a.b, a.b.c or a.b.c.d. */
    static Optional<byte[]> ipv4(String host) {
        if (!host.matches("\\d{1,10}(\\.\\d{1,10}){0,3}")) {
            return Optional.empty();
        }
        String[] parts = host.split("\\.");
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Long.parseLong(parts[i]);
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                return Optional.empty();
            }
            address = address << 8 | values[i];
        }
        int restBytes = 5 - parts.length;
        long last = values[parts.length - 1];
        if (last >= 1L << (8 * restBytes)) {
            return Optional.empty();
        }
        address = address << (8 * restBytes) | last;
        return Optional.of(new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8),
                (byte) address});
    }

    /**
     * The schema a PostgreSQL URL's currentSchema opens: PostgreSQL folds an unquoted name to lower case
     * (currentSchema=SURVIVAL is schema survival), keeps a double-quoted one as written, and creates
     * tables in the first schema of the list. Without currentSchema, public.
     */
    static String postgresSchema(String query) {
        if (query != null) {
            for (String param : query.split("&")) {
                if (param.toLowerCase(Locale.ROOT).startsWith("currentschema=")) {
                    String value = java.net.URLDecoder.decode(param.substring("currentschema=".length()),
                            java.nio.charset.StandardCharsets.UTF_8).trim();
                    if (value.startsWith("\"")) {
                        int end = value.indexOf('"', 1);
                        return end > 0 ? value.substring(1, end) : value.substring(1);
                    }
                    int comma = value.indexOf(',');
                    return (comma < 0 ? value : value.substring(0, comma)).trim().toLowerCase(Locale.ROOT);
                }
            }
        }
        return "public";
    }

    /**
     * The file a database really is, symlinks followed, so that two paths to one file are one database:
     * for H2 the .mv.db file it opens, named without the ending. A file not there yet is resolved through
     * its nearest existing folder.
     */
    private static String realFile(Path file, SqlDialect dialect) {
        Path actual = dialect == SqlDialect.H2 ? Path.of(file + H2_SUFFIX) : file;
        Path real;
        try {
            real = actual.toRealPath();
        } catch (java.io.IOException | RuntimeException e) {
            Path existing = actual.getParent();
            Path rest = actual.getFileName();
            while (existing != null && !java.nio.file.Files.exists(existing)) {
                rest = existing.getFileName().resolve(rest);
                existing = existing.getParent();
            }
            try {
                real = existing == null ? actual : existing.toRealPath().resolve(rest);
            } catch (java.io.IOException | RuntimeException again) {
                real = actual;
            }
        }
        String text = real.toString();
        return dialect == SqlDialect.H2 && text.endsWith(H2_SUFFIX)
                ? text.substring(0, text.length() - H2_SUFFIX.length()) : text;
    }

    private void checkSharedDatabases(Map<String, BackendConfig> backends) {
        // Proxies match server names ignoring case, and both would get one network namespace (survival:).
        Map<String, String> byLowerName = new LinkedHashMap<>();
        for (String name : backends.keySet()) {
            String other = byLowerName.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (other != null) {
                problems.add(new ConfigProblem("backends." + name, "'" + name + "' and '" + other + "' differ only in"
                        + " case: the proxies match server names ignoring case, and both would get the network"
                        + " dimension ids " + name.toLowerCase(Locale.ROOT) + ":...; list each server once"));
            }
        }
        Map<String, String> byIdentity = new LinkedHashMap<>();
        for (BackendConfig backend : backends.values()) {
            String other = byIdentity.putIfAbsent(backend.database().identity(), backend.name());
            if (other != null) {
                problems.add(new ConfigProblem("backends." + backend.name(), "uses the same database as backend '"
                        + other + "' (" + backend.database().identity() + "). Ledger has no server column or table"
                        + " prefix, so two backends in one database mix their worlds; give each its own database or schema"));
            }
        }
    }

    private PoolSettings pool(ConfigurationNode node, PoolSettings defaults) {
        int size = integer(node.node("pool-size"), MIN_POOL_SIZE, MAX_POOL_SIZE, defaults.size());
        ConfigurationNode connectNode = node.node("connection-timeout");
        // Left out, it never exceeds the deadline, whatever the deadline is.
        Duration connectDefault = defaults.connectionTimeout().compareTo(backendDeadline) > 0
                ? backendDeadline : defaults.connectionTimeout();
        Duration connect = duration(connectNode, connectDefault, MIN_CONNECTION_TIMEOUT, MAX_CONNECTION_TIMEOUT);
        if (connect.compareTo(backendDeadline) > 0 && deadlineSource != null) {
            // A search gives up on the backend first, so a database that is down would be reported as slow.
            problem(connectNode, formatDuration(connect) + " is longer than limits.backend-deadline ("
                    + formatDuration(backendDeadline) + deadlineSource + "), so a database that is down would be"
                    + " reported as slow; make it at most " + formatDuration(backendDeadline));
            connect = backendDeadline;
        }
        Duration query = duration(node.node("query-timeout"), defaults.queryTimeout(), MIN_QUERY_TIMEOUT, MAX_QUERY_TIMEOUT);
        return new PoolSettings(size, connect, query);
    }

    private ZoneId zone(ConfigurationNode node) {
        String text = string(node, "UTC");
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            problem(node, "'" + text + "' is not a time zone; use a region id like Europe/Berlin, or UTC");
            return ZoneId.of("UTC");
        }
    }

    private Optional<String> ledgerVersion(ConfigurationNode node) {
        String text = string(node, "auto");
        if (text.equalsIgnoreCase("auto")) {
            return Optional.empty();
        }
        if (!LEDGER_VERSION.matcher(text).matches()) {
            problem(node, "'" + text + "' is not a Ledger version; write auto, or a version like \"1.3.23\"");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    private Map<String, Map<String, String>> overrides(ConfigurationNode node) {
        Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigurationNode> backend : children(node).entrySet()) {
            Map<String, String> map = new LinkedHashMap<>();
            for (Map.Entry<String, ConfigurationNode> dim : children(backend.getValue()).entrySet()) {
                String network = requiredString(dim.getValue());
                if (network != null) {
                    map.put(dim.getKey(), network);
                }
            }
            overrides.put(backend.getKey(), Map.copyOf(map));
        }
        return overrides;
    }

    // --- permissions, limits, command ---

    private PermissionNodes permissions(ConfigurationNode node) {
        knownIfMap(node, "networking", "search", "inspect", "rollback", "purge", "player");
        PermissionNodes d = PermissionNodes.LEDGER_DEFAULTS;
        return new PermissionNodes(
                permission(node.node("networking"), d.networking()),
                permission(node.node("search"), d.search()),
                permission(node.node("inspect"), d.inspect()),
                permission(node.node("rollback"), d.rollback()),
                permission(node.node("purge"), d.purge()),
                permission(node.node("player"), d.player()));
    }

    private String permission(ConfigurationNode node, String fallback) {
        String value = string(node, fallback);
        if (!PERMISSION.matcher(value).matches()) {
            problem(node, "'" + value + "' is not a permission node (lower case words separated by dots, e.g. ledger.commands.search)");
            return fallback;
        }
        return value;
    }

    private Limits limits(ConfigurationNode node) {
        knownIfMap(node, "max-pages", "page-size", "rate-limit", "max-in-flight-per-player", "max-fan-outs-in-flight",
                "max-payload-bytes", "backend-deadline", "max-player-uuids");
        // In the order of config.yml, so the problems are too.
        int maxPages = integer(node.node("max-pages"), 1, MAX_PAGES, 5);
        int pageSize = integer(node.node("page-size"), 1, MAX_PAGE_SIZE, 8);
        ConfigurationNode rate = node.node("rate-limit");
        knownIfMap(rate, "per-second", "burst");
        double perSecond = decimal(rate.node("per-second"), MIN_RATE, MAX_RATE, 1.0);
        int burst = integer(rate.node("burst"), 1, MAX_BURST, 5);
        int inFlight = integer(node.node("max-in-flight-per-player"), 1, MAX_IN_FLIGHT_PER_PLAYER, 1);
        int fanOuts = integer(node.node("max-fan-outs-in-flight"), 1, MAX_FAN_OUTS_IN_FLIGHT, 8);
        int payload = integer(node.node("max-payload-bytes"), MIN_PAYLOAD_BYTES, Limits.MINECRAFT_MAX_C2S_PAYLOAD,
                Limits.MINECRAFT_MAX_C2S_PAYLOAD);
        ConfigurationNode deadlineNode = node.node("backend-deadline");
        int before = problems.size();
        backendDeadline = duration(deadlineNode, DEFAULT_BACKEND_DEADLINE, MIN_BACKEND_DEADLINE, MAX_BACKEND_DEADLINE);
        deadlineSource = problems.size() > before ? null : deadlineNode.virtual() ? ", the default" : "";
        int playerUuids = integer(node.node("max-player-uuids"), 1, Limits.MAX_PLAYER_UUIDS,
                Limits.DEFAULT_MAX_PLAYER_UUIDS);
        return new Limits(maxPages, pageSize, perSecond, burst, inFlight, fanOuts, payload, backendDeadline,
                playerUuids);
    }

    private CommandSettings command(ConfigurationNode node, MessageTemplates messages) {
        knownIfMap(node, "name", "aliases", "permissions");
        String name = commandName(node.node("name"), "lgn");
        List<String> aliases = new ArrayList<>();
        ConfigurationNode aliasNode = node.node("aliases");
        if (!aliasNode.virtual() && !aliasNode.isList() && !(aliasNode.isMap() && aliasNode.childrenMap().isEmpty())) {
            problem(aliasNode, "must be a list, e.g. [ledgernet]");
        } else {
            for (ConfigurationNode alias : aliasNode.childrenList()) {
                String value = commandName(alias, null);
                if (value != null) {
                    aliases.add(value);
                }
            }
        }
        ConfigurationNode perms = node.node("permissions");
        knownIfMap(perms, "search", "player", "inspect", "status", "reload", "web");
        CommandPermissions d = CommandPermissions.DEFAULTS;
        CommandPermissions permissions = new CommandPermissions(
                permission(perms.node("search"), d.search()),
                permission(perms.node("player"), d.player()),
                permission(perms.node("inspect"), d.inspect()),
                permission(perms.node("status"), d.status()),
                permission(perms.node("reload"), d.reload()),
                permission(perms.node("web"), d.web()));
        return new CommandSettings(name, List.copyOf(aliases), permissions, messages);
    }

    /** Templates are checked here, so a typo is reported with its key instead of showing up in chat. */
    private MessageTemplates messages(ConfigurationNode node) {
        Map<MessageTemplates.Key, String> templates = new java.util.EnumMap<>(MessageTemplates.Key.class);
        for (Map.Entry<String, ConfigurationNode> entry : children(node).entrySet()) {
            Optional<MessageTemplates.Key> key = MessageTemplates.Key.byConfigKey(entry.getKey());
            if (key.isEmpty()) {
                problem(entry.getValue(), "unknown message; expected one of " + String.join(", ",
                        java.util.Arrays.stream(MessageTemplates.Key.values()).map(MessageTemplates.Key::configKey).toList()));
                continue;
            }
            Object raw = entry.getValue().rawScalar();
            if (raw == null) {
                problem(entry.getValue(), "must be a text value (a MiniMessage template)");
                continue;
            }
            String template = String.valueOf(raw); // not trimmed: leading spaces are part of some messages
            List<String> unknown;
            try {
                unknown = MessageTemplates.unknownTags(key.get(), template);
            } catch (RuntimeException e) {
                problem(entry.getValue(), "not valid MiniMessage: " + e.getMessage());
                continue;
            }
            if (!unknown.isEmpty()) {
                List<String> allowed = new ArrayList<>(MessageTemplates.Key.COMMON);
                allowed.addAll(key.get().placeholders());
                problem(entry.getValue(), "unknown tag" + (unknown.size() > 1 ? "s " : " ")
                        + String.join(", ", unknown.stream().map(t -> "<" + t + ">").toList())
                        + "; this message has " + String.join(", ", allowed.stream().map(t -> "<" + t + ">").toList())
                        + " and MiniMessage's own tags");
                continue;
            }
            templates.put(key.get(), template);
        }
        return new MessageTemplates(templates);
    }

    private String commandName(ConfigurationNode node, String fallback) {
        String value = fallback == null ? requiredString(node) : string(node, fallback);
        if (value == null) {
            return null;
        }
        if (value.startsWith("/")) {
            problem(node, "write the command without the leading /");
            return fallback;
        }
        if (!COMMAND.matcher(value).matches()) {
            problem(node, "'" + value + "' is not a command name (lower case letters, digits, _ and -)");
            return fallback;
        }
        if (RESERVED_COMMANDS.contains(value)) {
            problem(node, "'" + value + "' would hide the backends' own Ledger command; choose another name, e.g. lgn");
            return fallback;
        }
        return value;
    }

    // --- web console ---

    private WebSettings web(ConfigurationNode node) {
        knownIfMap(node, "enabled", "bind", "port", "public-url", "session-idle", "export-max-rows", "chart-max-rows");
        WebSettings d = WebSettings.DEFAULTS;
        boolean enabled = bool(node.node("enabled"), d.enabled());
        String bind = bindAddress(node.node("bind"), d.bind());
        int port = integer(node.node("port"), 1, MAX_PORT, d.port());
        Optional<URI> publicUrl = publicUrl(node.node("public-url"));
        Duration idle = duration(node.node("session-idle"), d.sessionIdle(), MIN_SESSION_IDLE, MAX_SESSION_IDLE);
        int exportRows = integer(node.node("export-max-rows"), 1, MAX_EXPORT_ROWS, d.exportMaxRows());
        int chartRows = integer(node.node("chart-max-rows"), MIN_CHART_ROWS, MAX_CHART_ROWS,
                d.chartMaxRows());
        return new WebSettings(enabled, bind, port, publicUrl, idle, exportRows, chartRows);
    }

    /**
     * An IP literal or localhost, never a host name: binding must not wait for DNS, and a name that
     * resolves elsewhere later would move the console without anyone editing this file.
     */
    private String bindAddress(ConfigurationNode node, String fallback) {
        String value = string(node, fallback).trim();
        String fix = "; write an IP address of this machine, e.g. 127.0.0.1 (this machine only, the default),"
                + " 0.0.0.0 (every interface) or ::1, or localhost";
        if (value.isEmpty()) {
            problem(node, "must not be empty" + fix);
            return fallback;
        }
        if (value.equals("localhost") || IPV4.matcher(value).matches()) {
            return value;
        }
        if (value.startsWith("[") && value.endsWith("]")) {
            problem(node, "write the IPv6 address without brackets, e.g. ::1");
            return fallback;
        }
        if (value.contains(":") && IPV6_CHARS.matcher(value).matches()) {
            try {
                // A string with ':' is parsed as an IPv6 literal, never looked up (or refused as invalid).
                java.net.InetAddress.getByName(value);
                return value;
            } catch (java.net.UnknownHostException e) {
                // not a valid IPv6 literal: reported below
            }
        }
        problem(node, "'" + value + "' is not an IP address" + fix);
        return fallback;
    }

    /** Empty for none; else where browsers reach the console: the root of an http(s) host, no query or fragment. */
    private Optional<URI> publicUrl(ConfigurationNode node) {
        String value = string(node, "").trim();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String example = "; write the address browsers use, e.g. https://ledgernet.example.net/ (or \"\" for none)";
        URI uri;
        try {
            uri = new URI(value);
        } catch (java.net.URISyntaxException e) {
            problem(node, "'" + value + "' is not a URL" + example);
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            problem(node, "'" + value + "' must start with https:// or http:// and name a host" + example);
            return Optional.empty();
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problem(node, "'" + value + "' must have no user, ?query or #fragment" + example);
            return Optional.empty();
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            problem(node, "'" + value + "' has a path; the console is served at the root of its host (give it a host"
                    + " or port of its own in your reverse proxy), e.g. https://ledgernet.example.net/");
            return Optional.empty();
        }
        return Optional.of(URI.create(scheme + "://" + uri.getRawAuthority() + "/"));
    }

    // --- typed reads ---

    private Map<String, ConfigurationNode> children(ConfigurationNode node) {
        Map<String, ConfigurationNode> children = new LinkedHashMap<>();
        if (node.virtual() || node.empty() && !node.isList()) {
            return children;
        }
        if (!node.isMap()) {
            problem(node, "must be a map of name: settings");
            return children;
        }
        node.childrenMap().forEach((k, v) -> children.put(String.valueOf(k), v));
        return children;
    }

    private void knownIfMap(ConfigurationNode node, String... keys) {
        if (node.virtual() || node.empty()) {
            return;
        }
        if (!node.isMap()) {
            problem(node, "must be a map of settings");
            return;
        }
        known(node, keys);
    }

    private void known(ConfigurationNode node, String... keys) {
        Set<String> allowed = Set.of(keys);
        for (Object key : node.childrenMap().keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                problem(node.node(key), "unknown key; expected one of " + String.join(", ", keys));
            }
        }
    }

    private String requiredString(ConfigurationNode node) {
        if (node.virtual() || node.rawScalar() == null) {
            problem(node, node.virtual() ? "missing" : "must be a text value");
            return null;
        }
        String value = String.valueOf(node.rawScalar()).trim();
        if (value.isEmpty()) {
            problem(node, "must not be empty");
            return null;
        }
        return value;
    }

    private String string(ConfigurationNode node, String fallback) {
        if (node.virtual() || node.rawScalar() == null && node.empty()) {
            return fallback;
        }
        if (node.rawScalar() == null) {
            problem(node, "must be a text value");
            return fallback;
        }
        return String.valueOf(node.rawScalar());
    }

    private boolean bool(ConfigurationNode node, boolean fallback) {
        if (node.virtual()) {
            return fallback;
        }
        Object raw = node.rawScalar();
        if (raw instanceof Boolean b) {
            return b;
        }
        problem(node, "must be true or false");
        return fallback;
    }

    /** A YAML integer of any size (SnakeYAML reads Integer, Long or BigInteger), or null when it is not one. */
    private static BigInteger wholeNumber(ConfigurationNode node) {
        Object raw = node.rawScalar();
        if (raw instanceof BigInteger big) {
            return big;
        }
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return BigInteger.valueOf(((Number) raw).longValue());
        }
        return null;
    }

    private int integer(ConfigurationNode node, int min, int max, int fallback) {
        if (node.virtual()) {
            return fallback;
        }
        BigInteger value = wholeNumber(node);
        if (value == null) {
            problem(node, "must be a whole number from " + min + " to " + max);
            return fallback;
        }
        if (value.compareTo(BigInteger.valueOf(max)) > 0) {
            problem(node, value + " is too large (at most " + max + ")");
            return fallback;
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0) {
            problem(node, value + " is too small (at least " + min + ")");
            return fallback;
        }
        return value.intValueExact();
    }

    private double decimal(ConfigurationNode node, BigDecimal min, BigDecimal max, double fallback) {
        if (node.virtual()) {
            return fallback;
        }
        Object raw = node.rawScalar();
        BigInteger whole = wholeNumber(node);
        if ((whole == null && !(raw instanceof Double || raw instanceof Float))
                || (raw instanceof Number n && Double.isNaN(n.doubleValue()))) {
            problem(node, "must be a number from " + plain(min) + " to " + plain(max));
            return fallback;
        }
        double number = ((Number) raw).doubleValue();
        // Written as the file has it where possible: a whole number of any size exactly, a decimal plainly.
        String text = whole != null ? whole.toString() : Double.isInfinite(number)
                ? (number > 0 ? ".inf" : "-.inf") : plain(BigDecimal.valueOf(number));
        if (number > max.doubleValue()) {
            problem(node, text + " is too large (at most " + plain(max) + ")");
            return fallback;
        }
        if (number < min.doubleValue()) {
            problem(node, text + " is too small (at least " + plain(min) + ")");
            return fallback;
        }
        return number;
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.abs().compareTo(BigDecimal.valueOf(1_000_000_000_000L)) >= 0 ? stripped.toString()
                : stripped.toPlainString();
    }

    /**
     * A duration such as 500ms, 5s, 2m or 1h, from {@code min} to {@code max}. Computed in exact
     * arithmetic, so any number of digits gives a message, never an overflow.
     */
    private Duration duration(ConfigurationNode node, Duration fallback, Duration min, Duration max) {
        if (node.virtual()) {
            return fallback;
        }
        Object raw = node.rawScalar();
        String text = raw == null ? "" : String.valueOf(raw).trim();
        Matcher m = DURATION.matcher(text);
        if (raw == null || !m.matches()) {
            problem(node, (raw == null ? "must be a duration" : "'" + text + "' is not a duration")
                    + "; write e.g. 500ms, 5s, 2m or 1h");
            return fallback;
        }
        long unitMillis = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            default -> 3_600_000;
        };
        BigInteger millis = new BigInteger(m.group(1)).multiply(BigInteger.valueOf(unitMillis));
        if (millis.compareTo(BigInteger.valueOf(max.toMillis())) > 0) {
            problem(node, text + " is too long (at most " + formatDuration(max) + ")");
            return fallback;
        }
        if (millis.compareTo(BigInteger.valueOf(min.toMillis())) < 0) {
            problem(node, text + " is too short (at least " + formatDuration(min) + ")");
            return fallback;
        }
        return Duration.ofMillis(millis.longValueExact());
    }

    /** A duration the way config.yml writes it: 10m, 3s, 250ms. */
    static String formatDuration(Duration duration) {
        long millis = duration.toMillis();
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis != 0 && millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }

    /** Runs {@code read}, moving the problems it finds into {@code into}, to report them in their place later. */
    private <T> T deferringProblems(List<ConfigProblem> into, Supplier<T> read) {
        int before = problems.size();
        T result = read.get();
        List<ConfigProblem> found = problems.subList(before, problems.size());
        into.addAll(found);
        found.clear();
        return result;
    }

    private void problem(ConfigurationNode node, String reason) {
        problems.add(new ConfigProblem(key(node), reason));
    }

    /** The dotted key of a node; keys that are not plain words are quoted, e.g. a."minecraft:overworld". */
    static String key(ConfigurationNode node) {
        StringBuilder key = new StringBuilder();
        for (Object part : node.path()) {
            String s = String.valueOf(part);
            if (key.length() > 0) {
                key.append('.');
            }
            key.append(s.matches("[A-Za-z0-9_\\-]+") ? s : "\"" + s + "\"");
        }
        return key.length() == 0 ? "(file)" : key.toString();
    }
}
