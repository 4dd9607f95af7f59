package net.ledgernet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import net.ledgernet.search.SearchParser;
import net.ledgernet.search.SearchQuery;
import net.ledgernet.sample.SampleData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11 item 7: {@code players.player_name} has no index in Ledger's schema on any dialect, so
 * player names are resolved through LedgerNet's in-memory name index: all names of a search cost at
 * most one query by primary key, and made-up names none at all. New and renamed players are found.
 */
class NameResolutionTest {

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void allNamesOfASearchCostOneQueryByIdAndMadeUpNamesNone(SqlDialect dialect) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        try (TestNetwork net = TestNetwork.create(dialect, List.of(TestNetwork.spec(71, 60, 600)));
             ActionFanOut fanOut = ActionFanOut.open(net.databases(),
                     TestNetwork.settings(Duration.ofSeconds(10)).withClock(clock))) {
            TestNetwork.Member m = net.member("alpha");
            BackendReader reader = fanOut.reader("alpha").orElseThrow();
            assertTrue(reader.prepareNames().join(), "the name index is read");
            PlayerDirectory players = reader.call((c, r) -> r.players(c)).join();
            assertEquals(60, players.namesIndexedCount());

            // 32 made-up names, never asked before: nothing to read.
            List<String> madeUp = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                madeUp.add("Nobody" + i + "_" + Integer.toHexString(i * 7919));
            }
            resolve(reader, "source:" + madeUp.get(0)); // a first catch-up of new players, at most once per second
            long before = players.queries();
            ActionFilter none = resolve(reader, madeUp.stream().map(n -> "source:" + n).collect(Collectors.joining(" ")));
            assertTrue(none.noneMatch());
            assertEquals(before, players.queries(), "32 unknown names cost no query");

            // 30 real names in another case, plus two made-up ones: one query by primary key for all.
            List<SampleData.Player> real = m.data().players().subList(0, 30);
            StringBuilder search = new StringBuilder();
            real.forEach(p -> search.append("source:").append(p.name().toUpperCase(Locale.ROOT)).append(' '));
            search.append("source:").append(madeUp.get(1)).append(" source:").append(madeUp.get(2));
            before = players.queries();
            ActionFilter filter = resolve(reader, search.toString().trim());
            assertEquals(before + 1, players.queries(), "one query for 32 names");
            Set<UUID> uuids = real.stream().map(SampleData.Player::uuid).collect(Collectors.toSet());
            List<ActionRow> rows = TestNetwork.all(fanOut, Map.of("alpha", filter), 50);
            assertEquals(net.expected(r -> r.playerUuid().filter(uuids::contains).isPresent()), rows);
            assertThat(rows).isNotEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void newAndRenamedPlayersAreFound(SqlDialect dialect) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        try (TestNetwork net = TestNetwork.create(dialect, List.of(TestNetwork.spec(72, 20, 200)));
             ActionFanOut fanOut = ActionFanOut.open(net.databases(),
                     TestNetwork.settings(Duration.ofSeconds(10)).withClock(clock))) {
            TestNetwork.Member m = net.member("alpha");
            BackendReader reader = fanOut.reader("alpha").orElseThrow();
            assertTrue(reader.prepareNames().join());

            // A player joins for the first time after the index was read: found by the catch-up.
            UUID newcomer = UUID.randomUUID();
            int id = LookupCacheTest.insertPlayer(m.writer(), dialect, newcomer, "Late_Joiner");
            LookupCacheTest.insertAction(m.writer(), dialect, 1, 1, id, Instant.parse("2025-06-01T12:00:00Z"));
            clock.advance(Duration.ofSeconds(2));
            assertEquals(List.of(newcomer), uuids(reader, "late_joiner"));

            // A player renames (Ledger rewrites player_name on join): the old name no longer matches at
            // once (rows are compared by name), and the new one is found after the re-read that the
            // unmatched name asked for (at most once a minute).
            SampleData.Player renamed = m.data().players().get(3);
            try (PreparedStatement ps = m.writer().prepareStatement("UPDATE players SET player_name = ? WHERE id = 4")) {
                ps.setString(1, "Fresh_Name");
                ps.executeUpdate();
            }
            assertEquals(List.of(), uuids(reader, renamed.name()), "the old name matches nobody");
            clock.advance(Duration.ofSeconds(61));
            uuids(reader, "fresh_name"); // unmatched (not in the index yet): asks for the re-read
            long start = System.nanoTime();
            while (uuids(reader, "fresh_name").isEmpty() && System.nanoTime() - start < 10_000_000_000L) {
                Thread.sleep(20);
            }
            assertEquals(List.of(renamed.uuid()), uuids(reader, "FRESH_NAME"));
            ActionFilter filter = resolve(reader, "source:fresh_name");
            assertEquals(m.expected(r -> r.playerUuid().equals(Optional.of(renamed.uuid()))).size(),
                    TestNetwork.all(fanOut, Map.of("alpha", filter), 50).size());
        }
    }

    private static List<UUID> uuids(BackendReader reader, String name) {
        return reader.call((c, r) -> r.playersNamed(name, c)).join().stream().map(PlayerDirectory.PlayerRecord::uuid)
                .toList();
    }

    private static ActionFilter resolve(BackendReader reader, String input) throws Exception {
        SearchQuery query = SearchParser.parse(input);
        return reader.call((c, r) -> SearchResolver.resolve(query, Optional.empty(), Instant.now(), Map.of(), c, r))
                .join();
    }
}
