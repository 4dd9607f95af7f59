package net.ledgernet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import net.ledgernet.config.ConfigFile;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.storage.NetworkPlayers.Basis;
import net.ledgernet.storage.NetworkPlayers.LastPosition;
import net.ledgernet.storage.NetworkPlayers.NetworkPlayer;
import net.ledgernet.sample.SampleData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11 item 8: a {@code ledger:player} request for many players is answered for every one of them
 * (positions batched per backend, not one request per player that a full queue refuses), or says
 * which players it could not answer; more players than {@code limits.max-player-uuids} are refused.
 */
class PlayerLookupBatchTest {
    private static final int PLAYERS_PER_BACKEND = 1100;

    static Stream<SqlDialect> servers() {
        return Stream.of(SqlDialect.MARIADB, SqlDialect.POSTGRESQL);
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void answersEveryOneOf300And2000Players(SqlDialect dialect) throws Exception {
        try (TestNetwork net = TestNetwork.create(dialect, List.of(TestNetwork.spec(81, PLAYERS_PER_BACKEND, 3000),
                TestNetwork.spec(82, PLAYERS_PER_BACKEND, 3000)));
             // The test default: 2 threads and a queue of 16 per backend.
             ActionFanOut fanOut = ActionFanOut.open(net.databases(), TestNetwork.settings(Duration.ofSeconds(20)))) {
            Map<UUID, Optional<LastPosition>> expected = expectedPositions(net);
            List<UUID> all = new ArrayList<>(expected.keySet());
            for (int n : List.of(300, 2000)) {
                List<UUID> asked = new ArrayList<>();
                for (int i = 0; i < n - 5; i++) {
                    asked.add(all.get((i * 7) % all.size())); // from both backends, in no particular order
                }
                for (int i = 0; i < 5; i++) {
                    asked.add(UUID.randomUUID()); // nobody
                }
                List<UUID> distinct = asked.stream().distinct().toList();
                NetworkPlayers.Result result = NetworkPlayers.lookup(fanOut, asked, List.of()).join();
                assertThat(result.missing()).isEmpty();
                assertThat(result.unanswered()).as(n + " players").isEmpty();
                assertTrue(result.complete());
                List<UUID> known = distinct.stream().filter(expected::containsKey).toList();
                assertEquals(known, result.players().stream().map(NetworkPlayer::uuid).toList(),
                        "every known player of " + n + ", in the order asked");
                for (NetworkPlayer p : result.players()) {
                    assertEquals(expected.get(p.uuid()), p.lastJoinPosition(), p.name());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void playersWhosePositionCannotBeReadAreReportedNotDropped(SqlDialect dialect) throws Exception {
        try (TestNetwork net = TestNetwork.create(dialect, List.of(TestNetwork.spec(83, 400, 2000)));
             ActionFanOut fanOut = ActionFanOut.open(net.databases(), TestNetwork.settings(Duration.ofMillis(800)))) {
            TestNetwork.Member alpha = net.member("alpha");
            List<UUID> asked = alpha.data().players().subList(0, 300).stream().map(SampleData.Player::uuid).toList();
            // The reader knows the backend's schema (read at its first request), then the actions table,
            // which gives the positions, is locked while the players table answers.
            NetworkPlayers.lookup(fanOut, asked.subList(0, 1), List.of()).join();
            lockActions(dialect, alpha);
            NetworkPlayers.Result result;
            try {
                result = NetworkPlayers.lookup(fanOut, asked, List.of()).join();
            } finally {
                unlockActions(dialect, alpha);
            }
            assertThat(result.players()).isEmpty();
            assertEquals(asked, List.copyOf(result.unanswered().keySet()), "all 300, in the order asked");
            assertThat(result.unanswered().values()).allMatch(f -> f.reason() == BackendFailure.Reason.TIMEOUT);
            assertThat(result.complete()).isFalse();
        }
    }

    @Test
    void moreThanTheConfiguredCapIsRefusedWhole(@TempDir Path dir) throws Exception {
        try (TestNetwork net = TestNetwork.create(SqlDialect.SQLITE, List.of(TestNetwork.spec(84, 2100, 4000)))) {
            List<UUID> asked = net.member("alpha").data().players().subList(0, 2000).stream()
                    .map(SampleData.Player::uuid).toList();
            try (ActionFanOut fanOut = ActionFanOut.open(net.databases(), TestNetwork.settings(Duration.ofSeconds(20)))) {
                NetworkSearch defaults = new NetworkSearch(config(dir, net, ""), fanOut, Clock.systemUTC());
                CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                        () -> defaults.players(asked, List.of("alpha")).join());
                assertThat(refused.getCause()).isInstanceOf(NetworkSearch.SearchRefusedException.class)
                        .hasMessageContaining("2000 players").hasMessageContaining("at most 500")
                        .hasMessageContaining("limits.max-player-uuids");
                assertEquals(500, defaults.players(asked.subList(0, 500), List.of("alpha")).join().players().size());

                NetworkSearch raised = new NetworkSearch(config(dir, net, "limits:\n  max-player-uuids: 2047\n"),
                        fanOut, Clock.systemUTC());
                NetworkPlayers.Result all = raised.players(asked, List.of("alpha")).join();
                assertEquals(asked, all.players().stream().map(NetworkPlayer::uuid).toList());
                assertTrue(all.complete());
            }
        }
    }

    private static LedgerNetConfig config(Path dir, TestNetwork net, String extra) throws Exception {
        StringBuilder yaml = new StringBuilder("config-version: 1\n").append(extra).append("backends:\n");
        for (TestNetwork.Member m : net.members()) {
            yaml.append("  ").append(m.name()).append(":\n    jdbc-url: \"").append(m.db().jdbcUrl())
                    .append("\"\n    time-zone: UTC\n");
        }
        Files.writeString(dir.resolve(ConfigFile.FILE_NAME), yaml);
        return new ConfigFile(dir).load();
    }

    /** The position each player must get (NetworkPlayers' rule), from the generated data. */
    private static Map<UUID, Optional<LastPosition>> expectedPositions(TestNetwork net) {
        Map<UUID, Optional<LastPosition>> out = new LinkedHashMap<>();
        for (TestNetwork.Member m : net.members()) {
            Map<UUID, List<ActionRow>> byPlayer = new HashMap<>();
            for (ActionRow row : m.expected(r -> r.playerUuid().isPresent())) {
                byPlayer.computeIfAbsent(row.playerUuid().get(), u -> new ArrayList<>()).add(row);
            }
            Comparator<ActionRow> order = Comparator.comparing(ActionRow::time).thenComparing(ActionRow::id);
            for (SampleData.Player p : m.data().players()) {
                Instant lastJoin = m.db().dialect() == SqlDialect.SQLITE ? p.lastJoin().truncatedTo(ChronoUnit.MILLIS)
                        : p.lastJoin();
                List<ActionRow> rows = byPlayer.getOrDefault(p.uuid(), List.of());
                Optional<LastPosition> position = rows.stream().filter(r -> !r.time().isBefore(lastJoin)).min(order)
                        .map(r -> at(m, r, Basis.FIRST_ACTION_AFTER_LAST_JOIN))
                        .or(() -> rows.stream().filter(r -> r.time().isBefore(lastJoin)).max(order)
                                .map(r -> at(m, r, Basis.LAST_ACTION_BEFORE_LAST_JOIN)));
                out.put(p.uuid(), position);
            }
        }
        return out;
    }

    private static LastPosition at(TestNetwork.Member m, ActionRow r, Basis basis) {
        return new LastPosition(m.name(), r.world(), r.x(), r.y(), r.z(), r.time(), basis);
    }

    /** MariaDB LOCK TABLES / PostgreSQL ACCESS EXCLUSIVE from the writer's own connection. */
    static void lockActions(SqlDialect dialect, TestNetwork.Member m) throws Exception {
        try (Statement st = m.writer().createStatement()) {
            if (dialect == SqlDialect.POSTGRESQL) {
                m.writer().setAutoCommit(false);
                st.execute("LOCK TABLE actions IN ACCESS EXCLUSIVE MODE");
            } else {
                st.execute("LOCK TABLES actions WRITE");
            }
        }
    }

    static void unlockActions(SqlDialect dialect, TestNetwork.Member m) throws Exception {
        if (dialect == SqlDialect.POSTGRESQL) {
            m.writer().rollback();
            m.writer().setAutoCommit(true);
        } else {
            try (Statement st = m.writer().createStatement()) {
                st.execute("UNLOCK TABLES");
            }
        }
    }
}
