package net.ledgernet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import net.ledgernet.storage.ActionFilter.BlockBox;
import net.ledgernet.storage.ValueSearch.Terms;
import net.ledgernet.sample.SampleNetwork;
import net.ledgernet.sample.SampleNetworkGenerator;
import net.ledgernet.sample.SampleSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fan-out engine against real databases of every dialect: filter semantics, merge order,
 * keyset paging (deep pages, stability under inserts). Expectations come from {@link
 * net.ledgernet.sample.SampleData}, evaluated in Java, never from the database under test.
 */
class FanOutTest {
    private static final SampleSpec BASE = TestNetwork.spec(11, 60, 1000);

    private static TestNetwork network(SqlDialect dialect, int backends) throws Exception {
        List<SampleSpec> specs = new ArrayList<>();
        for (int i = 0; i < backends; i++) {
            specs.add(SampleNetwork.specFor(BASE, i)); // own seed, differing world sets
        }
        return TestNetwork.create(dialect, specs);
    }

    private static BiPredicate<String, String> known(TestNetwork.Member m) {
        return (part, v) -> switch (part) {
            case "actions" -> m.data().actionTypes().contains(v);
            case "worlds" -> m.data().worlds().contains(v);
            case "objects" -> m.data().objects().contains(v);
            case "sources" -> m.data().sources().contains(v);
            default -> m.data().players().stream().anyMatch(p -> p.name().equalsIgnoreCase(v));
        };
    }

    private static List<ActionRow> expected(TestNetwork net, ValueSearch search) {
        List<ActionRow> all = new ArrayList<>();
        for (TestNetwork.Member m : net.members()) {
            BiPredicate<String, String> k = known(m);
            all.addAll(m.expected(row -> search.test(row, k)));
        }
        all.sort(ActionFanOut.NEWEST_FIRST);
        return all;
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void filtersMatchLedgerSemanticsRowForRow(SqlDialect dialect) throws Exception {
        try (TestNetwork net = network(dialect, 3);
             ActionFanOut fanOut = ActionFanOut.open(net.databases(), TestNetwork.settings(Duration.ofSeconds(10)))) {
            TestNetwork.Member alpha = net.member("alpha");
            List<ActionRow> alphaRows = alpha.expected(r -> true);
            alphaRows.sort(Comparator.comparing(ActionRow::time));
            // The most active player, searched with a different case than stored.
            String busiest = alphaRows.stream().filter(r -> r.playerName().isPresent())
                    .collect(Collectors.groupingBy(r -> r.playerName().get(), Collectors.counting()))
                    .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            String shouted = busiest.toUpperCase(java.util.Locale.ROOT);
            ActionRow pivot = alphaRows.get(alphaRows.size() / 2);
            Instant after = alphaRows.get(alphaRows.size() / 3).time();
            Instant before = alphaRows.get(2 * alphaRows.size() / 3).time();

            Map<String, ValueSearch> cases = new LinkedHashMap<>();
            cases.put("world allowed, object denied, not rolled back", ValueSearch.any()
                    .with("worlds", Terms.allow("minecraft:overworld"))
                    .with("objects", Terms.deny("minecraft:stone")).rolledBack(false));
            cases.put("objects in old or new column, action denied", ValueSearch.any()
                    .with("objects", Terms.allow("minecraft:stone", "minecraft:dirt"))
                    .with("actions", Terms.deny("item-insert")));
            cases.put("denied player keeps rows without player", ValueSearch.any()
                    .with("players", Terms.deny(shouted)));
            cases.put("allowed player by name in another case, two sources", ValueSearch.any()
                    .with("players", Terms.allow(shouted)).with("sources", Terms.allow("player", "fire")));
            cases.put("inclusive time bounds on exact row times", ValueSearch.any().time(after, before));
            cases.put("only after / only before", ValueSearch.any().time(pivot.time(), null).rolledBack(true));
            cases.put("block box around a row", ValueSearch.any().box(new BlockBox(pivot.x() - 40, pivot.x() + 40,
                    pivot.y() - 16, pivot.y() + 16, pivot.z() - 40, pivot.z() + 40)).time(null, pivot.time()));
            cases.put("a world only some backends have", ValueSearch.any().with("worlds", Terms.allow("minecraft:the_end")));
            cases.put("unknown negated value matches nothing (as Ledger)", ValueSearch.any()
                    .with("actions", Terms.deny("no-such-action")));

            for (Map.Entry<String, ValueSearch> c : cases.entrySet()) {
                List<ActionRow> want = expected(net, c.getValue());
                List<ActionRow> got = TestNetwork.all(fanOut, c.getValue().resolve(fanOut), 50);
                assertEquals(want.size(), got.size(), c.getKey() + ": row count");
                assertEquals(want, got, c.getKey());
            }
            // The cases are not vacuous.
            assertThat(expected(net, cases.get("denied player keeps rows without player")))
                    .anyMatch(r -> r.playerName().isEmpty());
            assertThat(expected(net, cases.get("objects in old or new column, action denied")))
                    .anyMatch(r -> r.oldObject().equals("minecraft:stone") && !r.object().equals("minecraft:stone"))
                    .anyMatch(r -> r.object().equals("minecraft:stone") && !r.oldObject().equals("minecraft:stone"));
            assertThat(expected(net, cases.get("inclusive time bounds on exact row times")))
                    .anyMatch(r -> r.time().equals(after)).anyMatch(r -> r.time().equals(before));
            assertThat(expected(net, cases.get("a world only some backends have"))).isNotEmpty()
                    .allMatch(r -> r.backend().equals("alpha") || r.backend().equals("charlie"));
        }
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void mergesThreeBackendsAndPagesDeepByKeyset(SqlDialect dialect) throws Exception {
        try (TestNetwork net = network(dialect, 3);
             ActionFanOut fanOut = ActionFanOut.open(net.databases(), TestNetwork.settings(Duration.ofSeconds(10)))) {
            Map<String, ActionFilter> all = Map.of("alpha", ActionFilter.ALL, "bravo", ActionFilter.ALL,
                    "charlie", ActionFilter.ALL);
            List<ActionRow> want = net.expected(r -> true);
            assertEquals(3000, want.size());

            List<ActionRow> got = TestNetwork.all(fanOut, all, 64);
            assertEquals(want, got, "every row of every backend, once, in merge order");

            int size = 7;
            MergedPage page50 = fanOut.page(all, size, 50).join();
            assertEquals(want.subList(49 * size, 50 * size), page50.rows());
            long readBefore = rowsRead(fanOut);
            MergedPage page51 = fanOut.nextPage(page50.next()).join();
            assertThat(rowsRead(fanOut) - readBefore).as("a deep page reads at most page-size rows per backend")
                    .isLessThanOrEqualTo(3L * size);
            assertEquals(want.subList(50 * size, 51 * size), page51.rows(), "page N+1 continues exactly after N");
            // A total is a separate, capped estimate.
            ActionFanOut.TotalEstimate exact = fanOut.estimateTotal(all, 5000).join();
            assertEquals(new ActionFanOut.TotalEstimate(3000, true, java.util.Map.of("alpha", 1000L, "bravo", 1000L,
                    "charlie", 1000L), java.util.Map.of()), exact);
            ActionFanOut.TotalEstimate capped = fanOut.estimateTotal(all, 400).join();
            assertEquals(1200, capped.count());
            assertEquals(false, capped.exact(), "at least 1200");
            // A backend without a database is reported once, and does not keep the search open.
            MergedPage withUnknown = fanOut.firstPage(Map.of("alpha", ActionFilter.ALL, "nowhere", ActionFilter.ALL),
                    2000).join();
            assertEquals(BackendFailure.Reason.UNKNOWN_BACKEND, withUnknown.missing().get("nowhere").reason());
            assertTrue(withUnknown.last());
            // The cursor holds one keyset position per backend, never an offset.
            assertThat(page51.next().backends()).containsOnlyKeys("alpha", "bravo", "charlie");
            assertThat(page51.next().backends().values()).allMatch(b -> b.position().isPresent());
            // Memory: one page query asks each backend for page-size rows, whatever the page number.
            String sql = BackendReader.pageQuery(dialect, "actions", fanOut.reader("alpha").orElseThrow().codec(),
                    ActionFilter.ALL, page51.next().backends().get("alpha").position(), size).sql();
            assertThat(sql).doesNotContainIgnoringCase("offset").doesNotContainIgnoringCase("count(");
        }
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void pagesStayStableWhileRowsAreInserted(SqlDialect dialect) throws Exception {
        try (TestNetwork net = network(dialect, 3);
             ActionFanOut fanOut = ActionFanOut.open(net.databases(), TestNetwork.settings(Duration.ofSeconds(10)))) {
            Map<String, ActionFilter> all = Map.of("alpha", ActionFilter.ALL, "bravo", ActionFilter.ALL,
                    "charlie", ActionFilter.ALL);
            List<ActionRow> want = net.expected(r -> true);
            List<ActionRow> got = new ArrayList<>();
            MergedPage page = fanOut.firstPage(all, 100).join();
            int inserted = 0;
            while (true) {
                got.addAll(page.rows());
                if (page.last()) {
                    break;
                }
                // Ledger keeps logging between two pages: new rows (newer than every cursor) on each backend.
                for (TestNetwork.Member m : net.members()) {
                    insertNewRows(m, 3, Instant.parse("2025-06-02T00:00:00Z").plusSeconds(inserted));
                }
                inserted++;
                page = fanOut.nextPage(page.next()).join();
            }
            assertEquals(want, got, "new rows never shift later pages");
            assertThat(inserted).isGreaterThan(10);
            MergedPage fresh = fanOut.firstPage(all, 5).join();
            assertThat(fresh.rows()).allMatch(r -> r.time().isAfter(Instant.parse("2025-06-01T23:00:00Z")),
                    "a new search sees the new rows first");
        }
    }

    private static long rowsRead(ActionFanOut fanOut) {
        return fanOut.readers().stream().mapToLong(BackendReader::rowsRead).sum();
    }

    /** Writes rows as Ledger would, through a separate writable connection. */
    static void insertNewRows(TestNetwork.Member m, int count, Instant time) throws Exception {
        SqlDialect dialect = m.db().dialect();
        TimeCodec codec = new TimeCodec(dialect, m.config().timeZone());
        Connection c = m.writer();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO actions (action_id, " + dialect.ledgerColumn("time") + ", x, y, z, world_id, object_id,"
                        + " old_object_id, block_state, old_block_state, " + dialect.ledgerColumn("source")
                        + ", player_id, extra_data, rolled_back) VALUES (1, ?, 1, 2, 3, 1, 1, 1, NULL, NULL, 1, NULL, NULL, ?)")) {
            for (int i = 0; i < count; i++) {
                codec.bind(ps, 1, time.plusMillis(i));
                ps.setBoolean(2, false);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void sqlMetacharactersInValuesAreOnlyEverBound(SqlDialect dialect) throws Exception {
        try (TestNetwork net = network(dialect, 1);
             ActionFanOut fanOut = ActionFanOut.open(net.databases(), TestNetwork.settings(Duration.ofSeconds(10)))) {
            TestNetwork.Member m = net.members().get(0);
            String world = "evil:x'); DROP TABLE actions; --";
            String object = "evil:\"q\"\\b`s`";
            String source = "%_'\";--/*";
            String player = "O'B\"r\\%_;--";
            Map<String, Integer> ids = new HashMap<>();
            {
                Connection c = m.writer();
                ids.put("world", insertLookup(c, dialect, "worlds", "identifier", world));
                ids.put("object", insertLookup(c, dialect, "ObjectIdentifiers", "identifier", object));
                ids.put("source", insertLookup(c, dialect, "sources", "name", source));
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO players (player_id, player_name, first_join, last_join) VALUES (?, ?, ?, ?)")) {
                    java.util.UUID uuid = java.util.UUID.nameUUIDFromBytes(player.getBytes());
                    if (dialect == SqlDialect.H2 || dialect == SqlDialect.POSTGRESQL) {
                        ps.setObject(1, uuid);
                    } else {
                        ps.setBytes(1, SampleNetworkGenerator.uuidBytes(uuid));
                    }
                    ps.setString(2, player);
                    TimeCodec codec = new TimeCodec(dialect, ZoneOffset.UTC);
                    codec.bind(ps, 3, Instant.parse("2025-06-01T10:00:00Z"));
                    codec.bind(ps, 4, Instant.parse("2025-06-01T10:00:00Z"));
                    ps.executeUpdate();
                }
                ids.put("player", id(c, "SELECT MAX(id) FROM players"));
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO actions (action_id, "
                        + dialect.ledgerColumn("time") + ", x, y, z, world_id, object_id, old_object_id, "
                        + dialect.ledgerColumn("source") + ", player_id, extra_data, rolled_back)"
                        + " VALUES (1, ?, 0, 64, 0, ?, ?, ?, ?, ?, ?, ?)")) {
                    new TimeCodec(dialect, ZoneOffset.UTC).bind(ps, 1, Instant.parse("2025-06-01T12:00:00Z"));
                    ps.setInt(2, ids.get("world"));
                    ps.setInt(3, ids.get("object"));
                    ps.setInt(4, ids.get("object"));
                    ps.setInt(5, ids.get("source"));
                    ps.setInt(6, ids.get("player"));
                    ps.setString(7, "{text:\"'; DROP TABLE players; --\"}");
                    ps.setBoolean(8, false);
                    ps.executeUpdate();
                }
            }
            ValueSearch search = ValueSearch.any().with("worlds", Terms.allow(world))
                    .with("objects", Terms.allow(object)).with("sources", Terms.allow(source))
                    .with("players", Terms.allow(player.toUpperCase(java.util.Locale.ROOT)));
            List<ActionRow> rows = TestNetwork.all(fanOut, search.resolve(fanOut), 10);
            assertEquals(1, rows.size());
            ActionRow row = rows.get(0);
            assertEquals(world, row.world());
            assertEquals(object, row.object());
            assertEquals(source, row.source());
            assertEquals(player, row.playerName().orElseThrow());
            assertEquals(player, row.sourceLabel());
            assertEquals("{text:\"'; DROP TABLE players; --\"}", row.extraData().orElseThrow());
            // Everything is still there.
            List<ActionRow> everything = TestNetwork.all(fanOut, Map.of(m.name(), ActionFilter.ALL), 500);
            assertEquals(m.data().actionCount() + 1, everything.size());
        }
    }

    static int insertLookup(Connection c, SqlDialect dialect, String table, String column, String value) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + dialect.ledgerColumn(column)
                + ") VALUES (?)")) {
            ps.setString(1, value);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + table + " WHERE "
                + dialect.ledgerColumn(column) + " = ?")) {
            ps.setString(1, value);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static int id(Connection c, String sql) throws Exception {
        try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
