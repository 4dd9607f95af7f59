package net.ledgernet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import net.ledgernet.storage.ActionFilter.IdSet;
import net.ledgernet.sample.SampleData;
import net.ledgernet.sample.SampleNetworkGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Lookup caches: identifiers created after startup, the miss rate limit, periodic refresh, players by name. */
class LookupCacheTest {

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void findsIdentifiersCreatedAfterStartupWithoutHammeringTheDatabase(SqlDialect dialect) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        try (TestNetwork net = TestNetwork.create(dialect, List.of(TestNetwork.spec(41, 10, 100)));
             ActionFanOut fanOut = ActionFanOut.open(net.databases(),
                     TestNetwork.settings(Duration.ofSeconds(10)).withClock(clock))) {
            TestNetwork.Member m = net.members().get(0);
            BackendReader reader = fanOut.reader(m.name()).orElseThrow();
            LookupTable worlds = reader.call((c, r) -> r.lookupTable(LookupTable.Kind.WORLD, c)).join();
            assertEquals(OptionalInt.of(1), lookup(reader, "minecraft:overworld"));
            assertEquals(1, worlds.loads());

            // A client asking for an unknown world over and over: at most one reload per interval.
            for (int i = 0; i < 50; i++) {
                assertTrue(lookup(reader, "late:world").isEmpty());
            }
            assertEquals(1, worlds.loads(), "a miss right after a load does not reload");
            clock.advance(Duration.ofSeconds(10));
            for (int i = 0; i < 50; i++) {
                assertTrue(lookup(reader, "late:world").isEmpty());
            }
            assertEquals(2, worlds.loads(), "one reload for fifty misses");

            // Ledger registers the world after LedgerNet started: found on the next allowed miss.
            int id = FanOutTest.insertLookup(m.writer(), dialect, "worlds", "identifier", "late:world");
            assertTrue(lookup(reader, "late:world").isEmpty(), "rate-limited until the interval passed");
            clock.advance(Duration.ofSeconds(10));
            assertEquals(OptionalInt.of(id), lookup(reader, "late:world"));

            // A row with an object id newer than the cache: the row's read triggers the reload.
            int object = FanOutTest.insertLookup(m.writer(), dialect, "ObjectIdentifiers", "identifier", "late:block");
            insertAction(m.writer(), dialect, object, id, null, Instant.parse("2025-06-01T12:00:00Z"));
            clock.advance(Duration.ofSeconds(10));
            ActionRow row = fanOut.firstPage(Map.of(m.name(), ActionFilter.ALL), 1).join().rows().get(0);
            assertEquals("late:block", row.object());
            assertEquals("late:world", row.world());

            // Periodic refresh: an old table is reloaded on use even without a miss.
            long before = worlds.loads();
            clock.advance(Duration.ofMinutes(5));
            lookup(reader, "minecraft:overworld");
            assertEquals(before + 1, worlds.loads());
        }
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void playerNamesMatchIgnoringCaseAndMayBelongToSeveralUuids(SqlDialect dialect) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        try (TestNetwork net = TestNetwork.create(dialect, List.of(TestNetwork.spec(42, 10, 300)));
             ActionFanOut fanOut = ActionFanOut.open(net.databases(),
                     TestNetwork.settings(Duration.ofSeconds(10)).withClock(clock))) {
            TestNetwork.Member m = net.members().get(0);
            BackendReader reader = fanOut.reader(m.name()).orElseThrow();
            SampleData.Player original = m.data().players().get(0);
            // The name was released and taken, in another case, by a new account.
            String recased = swapCase(original.name());
            UUID newcomer = UUID.nameUUIDFromBytes(recased.getBytes());
            int newcomerId = insertPlayer(m.writer(), dialect, newcomer, recased);
            insertAction(m.writer(), dialect, 1, 1, newcomerId, Instant.parse("2025-06-01T12:00:00Z"));

            List<PlayerDirectory.PlayerRecord> found = reader.call((c, r) -> r.playersNamed(
                    original.name().toLowerCase(java.util.Locale.ROOT), c)).join();
            assertEquals(List.of(original.uuid(), newcomer), found.stream().map(PlayerDirectory.PlayerRecord::uuid).toList());
            assertEquals(List.of(original.name(), recased), found.stream().map(PlayerDirectory.PlayerRecord::name).toList());
            assertEquals(original.firstJoin().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                    found.get(0).firstJoin().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertEquals(newcomerId, reader.call((c, r) -> r.player(newcomer, c)).join().orElseThrow().id());

            // Rows of both accounts, each shown with its own current name.
            Set<Integer> ids = found.stream().map(PlayerDirectory.PlayerRecord::id).collect(Collectors.toSet());
            ActionFilter filter = ActionFilter.builder().players(new IdSet(ids, Set.of())).build();
            List<ActionRow> rows = TestNetwork.all(fanOut, Map.of(m.name(), filter), 50);
            List<ActionRow> want = m.expected(r -> r.playerUuid().equals(java.util.Optional.of(original.uuid())));
            assertEquals(want.size() + 1, rows.size());
            assertEquals(recased, rows.get(0).playerName().orElseThrow());
            assertThat(rows.subList(1, rows.size())).allMatch(r -> r.playerName().orElseThrow().equals(original.name()));

            // Unknown names: once the name index is read, no query at all however often they are asked
            // (no candidate to read by id; new players are looked for at most once per second).
            assertTrue(reader.prepareNames().join());
            PlayerDirectory players = reader.call((c, r) -> r.players(c)).join();
            assertTrue(reader.call((c, r) -> r.playersNamed("Nobody", c)).join().isEmpty());
            long queries = players.queries();
            for (int i = 0; i < 20; i++) {
                String nobody = "Nobody_" + (i % 2);
                assertTrue(reader.call((c, r) -> r.playersNamed(nobody, c)).join().isEmpty());
            }
            assertEquals(queries, players.queries());
            assertEquals(List.of(original.uuid(), newcomer), reader.call((c, r) -> r.playersNamed(original.name(), c))
                    .join().stream().map(PlayerDirectory.PlayerRecord::uuid).toList(), "and from the index alike");
        }
    }

    private static OptionalInt lookup(BackendReader reader, String world) {
        return reader.call((c, r) -> r.lookupId(LookupTable.Kind.WORLD, world, c)).join();
    }

    private static String swapCase(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            sb.append(Character.isUpperCase(ch) ? Character.toLowerCase(ch) : Character.toUpperCase(ch));
        }
        return sb.toString();
    }

    static int insertPlayer(Connection c, SqlDialect dialect, UUID uuid, String name) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO players (player_id, player_name, first_join, last_join) VALUES (?, ?, ?, ?)")) {
            if (dialect == SqlDialect.H2 || dialect == SqlDialect.POSTGRESQL) {
                ps.setObject(1, uuid);
            } else {
                ps.setBytes(1, SampleNetworkGenerator.uuidBytes(uuid));
            }
            ps.setString(2, name);
            TimeCodec codec = new TimeCodec(dialect, ZoneOffset.UTC);
            codec.bind(ps, 3, Instant.parse("2025-06-01T10:00:00Z"));
            codec.bind(ps, 4, Instant.parse("2025-06-01T11:00:00Z"));
            ps.executeUpdate();
        }
        return FanOutTest.id(c, "SELECT MAX(id) FROM players");
    }

    static void insertAction(Connection c, SqlDialect dialect, int object, int world, Integer player, Instant time)
            throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO actions (action_id, " + dialect.ledgerColumn("time")
                + ", x, y, z, world_id, object_id, old_object_id, " + dialect.ledgerColumn("source")
                + ", player_id, rolled_back) VALUES (1, ?, 0, 64, 0, ?, ?, ?, 1, ?, ?)")) {
            new TimeCodec(dialect, ZoneOffset.UTC).bind(ps, 1, time);
            ps.setInt(2, world);
            ps.setInt(3, object);
            ps.setInt(4, object);
            if (player == null) {
                ps.setNull(5, java.sql.Types.INTEGER);
            } else {
                ps.setInt(5, player);
            }
            ps.setBoolean(6, false);
            ps.executeUpdate();
        }
    }
}
