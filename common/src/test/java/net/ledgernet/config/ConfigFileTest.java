package net.ledgernet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.ledgernet.storage.SqlDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigFileTest {
    @TempDir
    Path dir;

    private static final String SERVERS = """
            config-version: 1
            database-servers:
              main:
                url: "jdbc:mariadb://db.example:3306/"
                user: ledgernet
                password: secret
                pool-size: 6
                connection-timeout: 2s
                query-timeout: 15s
              pg:
                url: "jdbc:postgresql://127.0.0.1/ledger"
            """;

    private LedgerNetConfig load(String yaml) throws Exception {
        Files.writeString(dir.resolve("config.yml"), yaml);
        return new ConfigFile(dir).load();
    }

    private List<ConfigProblem> problems(String yaml) throws IOException {
        Files.writeString(dir.resolve("config.yml"), yaml);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new ConfigFile(dir).load());
        return e.problems();
    }

    @Test
    void missingFileIsWrittenFromTheBundledDefaultAndLoads() throws Exception {
        ConfigFile file = new ConfigFile(dir.resolve("plugins/ledgernet"));
        assertTrue(file.writeDefaultIfMissing());
        byte[] bundled;
        try (InputStream in = ConfigFile.defaultConfig()) {
            bundled = in.readAllBytes();
        }
        assertArrayEquals(bundled, Files.readAllBytes(file.path()), "written byte for byte, comments included");
        assertThat(new String(bundled)).contains("# Time zone the backend's JVM ran in");

        // A first start configures no live backend: nothing is opened until the operator names one.
        LedgerNetConfig config = file.load();
        assertEquals(java.util.Set.of(), config.backends().keySet());
        // The commented examples, switched on as an operator would, are a valid configuration.
        Files.writeString(file.path(), ShippedExamples.uncommented(new String(bundled)));
        config = file.load();
        assertEquals(java.util.Set.of("survival", "skyblock"), config.backends().keySet());
        BackendConfig survival = config.backends().get("survival");
        assertEquals(SqlDialect.SQLITE, survival.database().dialect());
        assertEquals("jdbc:sqlite:/srv/survival/world/ledger.sqlite", survival.database().jdbcUrl());
        assertEquals(SqlDialect.MARIADB, config.backends().get("skyblock").database().dialect());
        assertEquals("lgn", config.command().name());
        assertEquals(PermissionNodes.LEDGER_DEFAULTS, config.permissions());
        assertEquals(5, config.limits().maxPages());
        assertEquals(32767, config.limits().maxPayloadBytes());
        assertEquals("skyblock:overworld", config.dimensionMap().toNetwork("skyblock", "minecraft:overworld"));
        assertEquals(List.of("minecraft:diamond_ore", "minecraft:deepslate_diamond_ore"),
                config.objectTags().get("minecraft:diamond_ores"));
    }

    @Test
    void objectTagsAreIdentifiersWithOrWithoutTheDefaultNamespace() throws Exception {
        LedgerNetConfig config = load("config-version: 1\nbackends:\n  a:\n    jdbc-url: \"jdbc:sqlite:a.sqlite\"\n"
                + "object-tags:\n  \"#mymod:gems\": [mymod:ruby, sapphire]\n");
        assertEquals(java.util.Map.of("mymod:gems", List.of("mymod:ruby", "minecraft:sapphire")), config.objectTags());
    }

    @Test
    void existingFileIsNeverOverwritten() throws Exception {
        Files.writeString(dir.resolve("config.yml"), "config-version: 1\n# mine\n");
        assertFalse(new ConfigFile(dir).writeDefaultIfMissing());
        assertEquals("config-version: 1\n# mine\n", Files.readString(dir.resolve("config.yml")));
    }

    @Test
    void sharedServerBackendsShareOnePoolAndKeepTheirOwnDatabase() throws Exception {
        LedgerNetConfig config = load(SERVERS + """
                backends:
                  survival:
                    server: main
                    database: ledger_survival
                    time-zone: Europe/Berlin
                    ledger-version: "1.3.23"
                    legacy-nbt: true
                  creative:
                    server: main
                    database: ledger_creative
                  skyblock:
                    server: pg
                    database: skyblock
                  lobby:
                    jdbc-url: "jdbc:h2:/srv/lobby/world/ledger.h2;MODE=MySQL"
                dimensions:
                  network-id: "net:{backend}/{dimension}"
                  keep-current-backend-native: false
                  overrides:
                    survival:
                      "minecraft:overworld": "survival:world"
                permissions:
                  search: network.search
                limits:
                  max-pages: 3
                  rate-limit:
                    per-second: 0.5
                    burst: 2
                  backend-deadline: 2500ms
                command:
                  name: ledgernet
                  aliases: [lnet]
                """);
        BackendConfig survival = config.backends().get("survival");
        BackendConfig creative = config.backends().get("creative");
        assertEquals(survival.database().poolKey(), creative.database().poolKey());
        assertEquals(Optional.of("ledger_survival"), survival.database().namespace());
        assertEquals("jdbc:mariadb://db.example:3306/", survival.database().jdbcUrl());
        assertEquals("ledgernet", survival.database().user());
        assertEquals(new PoolSettings(6, Duration.ofSeconds(2), Duration.ofSeconds(15)), survival.database().pool());
        assertEquals(ZoneId.of("Europe/Berlin"), survival.timeZone());
        assertEquals(Optional.of("1.3.23"), survival.ledgerVersion());
        assertTrue(survival.legacyNbt());
        assertEquals(Optional.empty(), creative.ledgerVersion());
        assertEquals(SqlDialect.POSTGRESQL, config.backends().get("skyblock").database().dialect());
        assertEquals(Optional.of("skyblock"), config.backends().get("skyblock").database().namespace());
        assertEquals("jdbc:h2:/srv/lobby/world/ledger.h2;MODE=MySQL", config.backends().get("lobby").database().jdbcUrl());
        assertEquals(PoolSettings.EMBEDDED_DEFAULTS, config.backends().get("lobby").database().pool());

        assertEquals("survival:world", config.dimensionMap().toNetwork("survival", "minecraft:overworld"));
        assertEquals("net:creative/overworld", config.dimensionMap().toNetwork("creative", "minecraft:overworld"));
        assertFalse(config.dimensions().keepCurrentBackendNative());
        assertEquals("network.search", config.permissions().search());
        assertEquals("ledger.commands.purge", config.permissions().purge());
        assertEquals(new Limits(3, 8, 0.5, 2, 1, 8, 32767, Duration.ofMillis(2500)), config.limits());
        assertEquals(new CommandSettings("ledgernet", List.of("lnet")), config.command());
        assertThat(survival.database().toString()).doesNotContain("secret");
    }

    static Stream<Arguments> invalidConfigs() {
        String backend = "backends:\n  survival:\n    jdbc-url: \"jdbc:sqlite:a.sqlite\"\n";
        return Stream.of(
                Arguments.of("unknown database server", SERVERS + "backends:\n  survival:\n    server: nowhere\n    database: x\n",
                        "backends.survival.server", "unknown database server 'nowhere'"),
                Arguments.of("override for an unknown backend", "config-version: 1\n" + backend
                                + "dimensions:\n  overrides:\n    creative:\n      \"minecraft:overworld\": \"c:o\"\n",
                        "dimensions.overrides.creative", "unknown backend"),
                Arguments.of("invalid network identifier", "config-version: 1\n" + backend
                                + "dimensions:\n  overrides:\n    survival:\n      \"minecraft:overworld\": \"Survival:World\"\n",
                        "dimensions.overrides.survival.\"minecraft:overworld\"", "not a valid identifier"),
                Arguments.of("invalid local identifier", "config-version: 1\n" + backend
                                + "dimensions:\n  overrides:\n    survival:\n      \"overworld!\": \"s:o\"\n",
                        "dimensions.overrides.survival.\"overworld!\"", "not a valid dimension identifier"),
                Arguments.of("duplicate network id between overrides", "config-version: 1\n"
                                + "backends:\n  a:\n    jdbc-url: \"jdbc:sqlite:a.sqlite\"\n  b:\n    jdbc-url: \"jdbc:sqlite:b.sqlite\"\n"
                                + "dimensions:\n  overrides:\n    a:\n      \"minecraft:overworld\": \"hub:world\"\n"
                                + "    b:\n      \"minecraft:overworld\": \"hub:world\"\n",
                        "dimensions.overrides.b.\"minecraft:overworld\"", "duplicate network dimension id 'hub:world'"),
                Arguments.of("override colliding with a default id", "config-version: 1\n" + backend
                                + "dimensions:\n  overrides:\n    survival:\n      \"mymod:sky\": \"survival:overworld\"\n",
                        "dimensions.overrides.survival.\"mymod:sky\"", "also what minecraft:overworld on survival gets by default"),
                Arguments.of("template without backend", "config-version: 1\n" + backend
                                + "dimensions:\n  network-id: \"net:{dimension}\"\n",
                        "dimensions.network-id", "{backend} and {dimension} exactly once"),
                Arguments.of("template that can collide", "config-version: 1\n" + backend
                                + "dimensions:\n  network-id: \"net:{backend}_{dimension}\"\n",
                        "dimensions.network-id", "must be followed by ':' or '/'"),
                Arguments.of("backend name unusable in ids", "config-version: 1\n"
                                + "backends:\n  Sur$val:\n    jdbc-url: \"jdbc:sqlite:a.sqlite\"\n",
                        "backends.\"Sur$val\"", "not a valid server name"),
                Arguments.of("two backends on one SQLite file", "config-version: 1\n"
                                + "backends:\n  a:\n    jdbc-url: \"jdbc:sqlite:data/x.sqlite\"\n  b:\n    jdbc-url: \"jdbc:sqlite:./data/../data/x.sqlite\"\n",
                        "backends.b", "same database as backend 'a'"),
                Arguments.of("two backends on one MariaDB database", SERVERS
                                + "backends:\n  a:\n    server: main\n    database: ledger\n"
                                + "  b:\n    jdbc-url: \"jdbc:mariadb://DB.example/LEDGER?user=x\"\n",
                        "backends.b", "same database as backend 'a'"),
                Arguments.of("two backends on one PostgreSQL schema", SERVERS
                                + "backends:\n  a:\n    server: pg\n    database: survival\n"
                                + "  b:\n    jdbc-url: \"jdbc:postgresql://localhost:5432/ledger?currentSchema=survival\"\n",
                        "backends.b", "same database as backend 'a'"),
                Arguments.of("bad JDBC URL", "config-version: 1\nbackends:\n  a:\n    jdbc-url: \"mysql://host/db\"\n",
                        "backends.a.jdbc-url", "not a supported JDBC URL"),
                Arguments.of("server URL naming a database", "config-version: 1\ndatabase-servers:\n  m:\n    url: \"jdbc:mariadb://h/ledger\"\n"
                                + backend, "database-servers.m.url", "must not name a database"),
                Arguments.of("embedded URL as shared server", "config-version: 1\ndatabase-servers:\n  m:\n    url: \"jdbc:sqlite:x\"\n"
                                + backend, "database-servers.m.url", "not a JDBC URL of a database server"),
                Arguments.of("server URL without database for a backend", "config-version: 1\nbackends:\n  a:\n    jdbc-url: \"jdbc:mariadb://h:3306/\"\n",
                        "backends.a.jdbc-url", "must name the backend's database"),
                Arguments.of("in-memory database", "config-version: 1\nbackends:\n  a:\n    jdbc-url: \"jdbc:h2:mem:x\"\n",
                        "backends.a.jdbc-url", "must name a database file"),
                Arguments.of("both jdbc-url and server", SERVERS
                                + "backends:\n  a:\n    server: main\n    database: d\n    jdbc-url: \"jdbc:sqlite:a\"\n",
                        "backends.a", "not both"),
                Arguments.of("neither jdbc-url nor server", "config-version: 1\nbackends:\n  a:\n    time-zone: UTC\n",
                        "backends.a", "no database"),
                Arguments.of("pool settings on a shared-server backend", SERVERS
                                + "backends:\n  a:\n    server: main\n    database: d\n    pool-size: 3\n",
                        "backends.a.pool-size", "on the shared server"),
                Arguments.of("invalid database name", SERVERS + "backends:\n  a:\n    server: main\n    database: \"x; drop\"\n",
                        "backends.a.database", "not a valid database name"),
                Arguments.of("unknown key", "config-version: 1\n" + backend + "    pool-sise: 3\n",
                        "backends.survival.pool-sise", "unknown key"),
                Arguments.of("unknown top-level key", "config-version: 1\n" + backend + "dimension: {}\n",
                        "dimension", "unknown key"),
                Arguments.of("bad time zone", "config-version: 1\n" + backend + "    time-zone: Mars/Olympus\n",
                        "backends.survival.time-zone", "not a time zone"),
                Arguments.of("bad Ledger version", "config-version: 1\n" + backend + "    ledger-version: latest\n",
                        "backends.survival.ledger-version", "not a Ledger version"),
                Arguments.of("bad duration", "config-version: 1\n" + backend + "    query-timeout: 10\n",
                        "backends.survival.query-timeout", "not a duration"),
                Arguments.of("number out of range", "config-version: 1\n" + backend + "limits:\n  max-pages: 0\n",
                        "limits.max-pages", "0 is too small (at least 1)"),
                Arguments.of("payload limit above Minecraft's", "config-version: 1\n" + backend + "limits:\n  max-payload-bytes: 100000\n",
                        "limits.max-payload-bytes", "100000 is too large (at most 32767)"),
                Arguments.of("not a number", "config-version: 1\n" + backend + "limits:\n  page-size: many\n",
                        "limits.page-size", "must be a whole number from 1 to 100"),
                Arguments.of("not a boolean", "config-version: 1\n" + backend + "    legacy-nbt: maybe\n",
                        "backends.survival.legacy-nbt", "true or false"),
                Arguments.of("bad permission node", "config-version: 1\n" + backend + "permissions:\n  search: \"ledger search\"\n",
                        "permissions.search", "not a permission node"),
                Arguments.of("command that shadows /lg", "config-version: 1\n" + backend + "command:\n  name: lg\n",
                        "command.name", "hide the backends' own Ledger command"),
                Arguments.of("alias that shadows /ledger", "config-version: 1\n" + backend + "command:\n  aliases: [ledger]\n",
                        "command.aliases.0", "hide the backends' own Ledger command"),
                Arguments.of("newer config-version", "config-version: 2\n" + backend,
                        "config-version", "written by a newer LedgerNet"),
                Arguments.of("missing config-version", backend, "config-version", "missing"),
                Arguments.of("object tag member not an identifier", "config-version: 1\n" + backend
                                + "object-tags:\n  \"minecraft:logs\": [\"Oak Log\"]\n",
                        "object-tags.\"minecraft:logs\".0", "not a valid object id"),
                Arguments.of("object tag without members", "config-version: 1\n" + backend
                                + "object-tags:\n  \"minecraft:logs\": []\n",
                        "object-tags.\"minecraft:logs\"", "must be a list of object ids"),
                Arguments.of("not YAML", "config-version: 1\nbackends: [unclosed\n", "config.yml line 2, column 11",
                        "this [ list is never closed; add the closing ]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigs")
    void invalidConfigIsRejectedNamingTheKeyAndReason(String what, String yaml, String key, String reason)
            throws IOException {
        List<ConfigProblem> problems = problems(yaml);
        assertThat(problems).as("problems for %s", what)
                .anySatisfy(p -> {
                    assertEquals(key, p.key());
                    assertThat(p.reason()).contains(reason);
                });
    }

    @Test
    void everyProblemIsReportedAtOnceInTheMessage() throws IOException {
        Files.writeString(dir.resolve("config.yml"), "config-version: 1\nbackends:\n  a:\n    jdbc-url: \"nope\"\n"
                + "limits:\n  max-pages: -1\ncommand:\n  name: ledger\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new ConfigFile(dir).load());
        assertEquals(3, e.problems().size(), e.getMessage());
        assertThat(e.getMessage())
                .contains("has 3 problems")
                .contains("backends.a.jdbc-url: 'nope' is not a supported JDBC URL")
                .contains("limits.max-pages: -1 is too small (at least 1)")
                .contains("command.name: 'ledger' would hide");
    }
}
