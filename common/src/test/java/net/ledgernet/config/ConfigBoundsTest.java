package net.ledgernet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every number in config.yml has a lower and an upper bound, refused with the key, the value and the bound. */
class ConfigBoundsTest {
    @TempDir
    Path dir;

    private static final String HUGE = "99999999999999999999";

    /** Where a key sits: the YAML around a {@code %s} that becomes {@code key: value}. */
    private enum Place {
        SERVER("database-servers.main.", "config-version: 1\ndatabase-servers:\n  main:\n    url: \"jdbc:mariadb://db:3306/\"\n"
                + "    %s\nbackends:\n  a:\n    server: main\n    database: ledger_a\n"),
        BACKEND("backends.a.", "config-version: 1\nbackends:\n  a:\n    jdbc-url: \"jdbc:sqlite:a.sqlite\"\n    %s\n"),
        LIMITS("limits.", "config-version: 1\nbackends:\n  a:\n    jdbc-url: \"jdbc:sqlite:a.sqlite\"\nlimits:\n  %s\n"),
        RATE("limits.rate-limit.", "config-version: 1\nbackends:\n  a:\n    jdbc-url: \"jdbc:sqlite:a.sqlite\"\n"
                + "limits:\n  rate-limit:\n    %s\n");

        final String prefix;
        final String yaml;

        Place(String prefix, String yaml) {
            this.prefix = prefix;
            this.yaml = yaml;
        }
    }

    /** Each key with a value too large, one too small and one that overflows any Java number, and the exact refusals. */
    static Stream<Arguments> outOfBounds() {
        List<Arguments> cases = new ArrayList<>();
        for (Place place : List.of(Place.SERVER, Place.BACKEND)) {
            add(cases, place, "pool-size", "65", "65 is too large (at most 64)");
            add(cases, place, "pool-size", "0", "0 is too small (at least 1)");
            add(cases, place, "pool-size", HUGE, HUGE + " is too large (at most 64)");
            add(cases, place, "connection-timeout", "2m", "2m is too long (at most 1m)");
            add(cases, place, "connection-timeout", "100ms", "100ms is too short (at least 250ms)");
            add(cases, place, "connection-timeout", HUGE + "h", HUGE + "h is too long (at most 1m)");
            add(cases, place, "query-timeout", "11m", "11m is too long (at most 10m)");
            add(cases, place, "query-timeout", "999ms", "999ms is too short (at least 1s)");
            add(cases, place, "query-timeout", HUGE + "ms", HUGE + "ms is too long (at most 10m)");
        }
        add(cases, Place.LIMITS, "max-pages", "101", "101 is too large (at most 100)");
        add(cases, Place.LIMITS, "max-pages", "0", "0 is too small (at least 1)");
        add(cases, Place.LIMITS, "max-pages", HUGE, HUGE + " is too large (at most 100)");
        add(cases, Place.LIMITS, "page-size", "101", "101 is too large (at most 100)");
        add(cases, Place.LIMITS, "page-size", "-1", "-1 is too small (at least 1)");
        add(cases, Place.LIMITS, "page-size", "9999999999", "9999999999 is too large (at most 100)");
        add(cases, Place.RATE, "per-second", "1001", "1001 is too large (at most 1000)");
        add(cases, Place.RATE, "per-second", "0.001", "0.001 is too small (at least 0.01)");
        add(cases, Place.RATE, "per-second", HUGE, HUGE + " is too large (at most 1000)");
        add(cases, Place.RATE, "per-second", "1e400", ".inf is too large (at most 1000)");
        add(cases, Place.RATE, "burst", "1001", "1001 is too large (at most 1000)");
        add(cases, Place.RATE, "burst", "0", "0 is too small (at least 1)");
        add(cases, Place.RATE, "burst", HUGE, HUGE + " is too large (at most 1000)");
        add(cases, Place.LIMITS, "max-in-flight-per-player", "17", "17 is too large (at most 16)");
        add(cases, Place.LIMITS, "max-in-flight-per-player", "0", "0 is too small (at least 1)");
        add(cases, Place.LIMITS, "max-in-flight-per-player", HUGE, HUGE + " is too large (at most 16)");
        add(cases, Place.LIMITS, "max-fan-outs-in-flight", "257", "257 is too large (at most 256)");
        add(cases, Place.LIMITS, "max-fan-outs-in-flight", "0", "0 is too small (at least 1)");
        add(cases, Place.LIMITS, "max-fan-outs-in-flight", HUGE, HUGE + " is too large (at most 256)");
        add(cases, Place.LIMITS, "max-payload-bytes", "32768", "32768 is too large (at most 32767)");
        add(cases, Place.LIMITS, "max-payload-bytes", "63", "63 is too small (at least 64)");
        add(cases, Place.LIMITS, "max-payload-bytes", HUGE, HUGE + " is too large (at most 32767)");
        add(cases, Place.LIMITS, "backend-deadline", "3000000h", "3000000h is too long (at most 10m)");
        add(cases, Place.LIMITS, "backend-deadline", "11m", "11m is too long (at most 10m)");
        add(cases, Place.LIMITS, "backend-deadline", "249ms", "249ms is too short (at least 250ms)");
        add(cases, Place.LIMITS, "backend-deadline", "0s", "0s is too short (at least 250ms)");
        add(cases, Place.LIMITS, "backend-deadline", HUGE + "h", HUGE + "h is too long (at most 10m)");
        return cases.stream();
    }

    private static void add(List<Arguments> cases, Place place, String key, String value, String reason) {
        cases.add(Arguments.of(place.prefix + key + ": " + value, place.yaml.formatted(key + ": " + value),
                place.prefix + key + ": " + reason));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfBounds")
    void everyNumberIsRefusedOutsideItsBoundsNamingKeyValueAndBound(String what, String yaml, String message)
            throws IOException {
        assertEquals(List.of(message), messages(yaml));
    }

    static Stream<Arguments> atTheBounds() {
        return Stream.of(
                Arguments.of("pool-size: 64\n    connection-timeout: 250ms\n    query-timeout: 10m\n", "",
                        new PoolSettings(64, Duration.ofMillis(250), Duration.ofMinutes(10))),
                Arguments.of("pool-size: 1\n    connection-timeout: 1m\n    query-timeout: 1s\n", "limits:\n  backend-deadline: 10m\n",
                        new PoolSettings(1, Duration.ofMinutes(1), Duration.ofSeconds(1))));
    }

    @ParameterizedTest
    @MethodSource("atTheBounds")
    void theBoundsThemselvesAreAllowed(String pool, String limits, PoolSettings expected) throws Exception {
        LedgerNetConfig config = load("config-version: 1\nbackends:\n  a:\n    jdbc-url: \"jdbc:sqlite:a.sqlite\"\n    "
                + pool + limits);
        assertEquals(expected, config.backends().get("a").database().pool());
    }

    @Test
    void limitsAtTheirBoundsAreAllowed() throws Exception {
        String backend = "config-version: 1\nbackends:\n  a:\n    jdbc-url: \"jdbc:sqlite:a.sqlite\"\n";
        assertEquals(new Limits(100, 100, 1000, 1000, 16, 256, 32767, Duration.ofMinutes(10)), load(backend + """
                limits:
                  max-pages: 100
                  page-size: 100
                  rate-limit: {per-second: 1000, burst: 1000}
                  max-in-flight-per-player: 16
                  max-fan-outs-in-flight: 256
                  max-payload-bytes: 32767
                  backend-deadline: 10m
                """).limits());
        assertEquals(new Limits(1, 1, 0.01, 1, 1, 1, 64, Duration.ofMillis(250)), load(backend + """
                limits:
                  max-pages: 1
                  page-size: 1
                  rate-limit: {per-second: 0.01, burst: 1}
                  max-in-flight-per-player: 1
                  max-fan-outs-in-flight: 1
                  max-payload-bytes: 64
                  backend-deadline: 250ms
                """).limits());
    }

    @Test
    void aNumberThatIsNotOneNamesTheRange() throws IOException {
        String backend = "config-version: 1\nbackends:\n  a:\n    jdbc-url: \"jdbc:sqlite:a.sqlite\"\n";
        assertEquals(List.of("limits.page-size: must be a whole number from 1 to 100",
                        "limits.rate-limit.per-second: must be a number from 0.01 to 1000",
                        "limits.backend-deadline: 'soon' is not a duration; write e.g. 500ms, 5s, 2m or 1h"),
                messages(backend + "limits:\n  page-size: 2.5\n  rate-limit:\n    per-second: .nan\n  backend-deadline: soon\n"));
    }

    @Test
    void configVersionOfAnySizeIsReportedWithoutOverflow() throws IOException {
        String backend = "backends:\n  a:\n    jdbc-url: \"jdbc:sqlite:a.sqlite\"\n";
        assertEquals(List.of("config-version: " + HUGE + " was written by a newer LedgerNet (this one reads 1);"
                + " update LedgerNet or restore your previous config.yml"), messages("config-version: " + HUGE + "\n" + backend));
        assertEquals(List.of("config-version: unknown version -" + HUGE + " (this LedgerNet reads 1)"),
                messages("config-version: -" + HUGE + "\n" + backend));
    }

    static Stream<Arguments> ports() {
        return Stream.of(
                Arguments.of("database-servers:\n  main:\n    url: \"jdbc:mariadb://db:99999/\"\n",
                        "database-servers.main.url: 'jdbc:mariadb://db:99999/': port 99999 is too large (at most 65535)"),
                Arguments.of("database-servers:\n  main:\n    url: \"jdbc:postgresql://db:0/ledger\"\n",
                        "database-servers.main.url: 'jdbc:postgresql://db:0/ledger': port 0 is too small (at least 1)"),
                Arguments.of("backends:\n  b:\n    jdbc-url: \"jdbc:mysql://db:" + HUGE + "/ledger_b?password=secret\"\n",
                        "backends.b.jdbc-url: 'jdbc:mysql://db:" + HUGE + "/ledger_b?password=***': port " + HUGE
                                + " is too large (at most 65535)"));
    }

    @ParameterizedTest
    @MethodSource("ports")
    void aPortInAJdbcUrlIsBounded(String yaml, String message) throws IOException {
        assertEquals(List.of(message), messages("config-version: 1\n" + yaml
                + (yaml.startsWith("backends") ? "" : "backends:\n") + "  a:\n    jdbc-url: \"jdbc:sqlite:a.sqlite\"\n"));
    }

    // --- connection-timeout within limits.backend-deadline ---

    @Test
    void aConnectionTimeoutLongerThanTheDefaultDeadlineIsRefused() throws IOException {
        assertEquals(List.of("database-servers.main.connection-timeout: 5s is longer than limits.backend-deadline"
                        + " (3s, the default), so a database that is down would be reported as slow; make it at most 3s"),
                messages(Place.SERVER.yaml.formatted("connection-timeout: 5s")));
    }

    @Test
    void aConnectionTimeoutLongerThanTheConfiguredDeadlineIsRefused() throws IOException {
        assertEquals(List.of("backends.a.connection-timeout: 1500ms is longer than limits.backend-deadline (1s),"
                        + " so a database that is down would be reported as slow; make it at most 1s"),
                messages(Place.BACKEND.yaml.formatted("connection-timeout: 1500ms") + "limits:\n  backend-deadline: 1s\n"));
    }

    @Test
    void aConnectionTimeoutEqualToTheDeadlineIsAllowed() throws Exception {
        LedgerNetConfig config = load(Place.SERVER.yaml.formatted("connection-timeout: 10s") + "limits:\n  backend-deadline: 10s\n");
        assertEquals(Duration.ofSeconds(10), config.backends().get("a").database().pool().connectionTimeout());
    }

    @Test
    void aLeftOutConnectionTimeoutNeverExceedsTheDeadline() throws Exception {
        LedgerNetConfig config = load(Place.SERVER.yaml.formatted("pool-size: 2") + "  b:\n    jdbc-url: \"jdbc:sqlite:b.sqlite\"\n"
                + "limits:\n  backend-deadline: 500ms\n");
        assertEquals(Duration.ofMillis(500), config.backends().get("a").database().pool().connectionTimeout());
        assertEquals(Duration.ofMillis(500), config.backends().get("b").database().pool().connectionTimeout());
        LedgerNetConfig defaults = load(Place.BACKEND.yaml.formatted("pool-size: 2"));
        assertEquals(Duration.ofSeconds(2), defaults.backends().get("a").database().pool().connectionTimeout());
    }

    @Test
    void aWrongDeadlineIsReportedAloneNotAsEveryConnectionTimeoutToo() throws IOException {
        assertEquals(List.of("limits.backend-deadline: 100ms is too short (at least 250ms)"),
                messages(Place.SERVER.yaml.formatted("connection-timeout: 5s") + "limits:\n  backend-deadline: 100ms\n"));
    }

    @Test
    void theShippedDefaultsAreConsistent() throws Exception {
        ConfigFile file = new ConfigFile(dir);
        file.writeDefaultIfMissing();
        String shipped = Files.readString(file.path());
        assertThat(shipped).contains("connection-timeout: 2s").contains("backend-deadline: 3s");
        // The example server, used by a backend, passes the cross-key check as shipped.
        Files.writeString(file.path(), ShippedExamples.uncommented(shipped));
        LedgerNetConfig config = file.load();
        assertEquals(2, config.backends().size());
        for (BackendConfig backend : config.backends().values()) {
            assertThat(backend.database().pool().connectionTimeout()).as(backend.name())
                    .isLessThanOrEqualTo(config.limits().backendDeadline());
        }
        assertThat(PoolSettings.DEFAULTS.connectionTimeout()).isLessThanOrEqualTo(ConfigParser.DEFAULT_BACKEND_DEADLINE);
        assertThat(PoolSettings.EMBEDDED_DEFAULTS.connectionTimeout()).isLessThanOrEqualTo(ConfigParser.DEFAULT_BACKEND_DEADLINE);
    }

    private LedgerNetConfig load(String yaml) throws Exception {
        Files.writeString(dir.resolve("config.yml"), yaml);
        return new ConfigFile(dir).load();
    }

    private List<String> messages(String yaml) throws IOException {
        Files.writeString(dir.resolve("config.yml"), yaml);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new ConfigFile(dir).load());
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }
}
