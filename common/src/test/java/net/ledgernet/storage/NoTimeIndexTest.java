package net.ledgernet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import net.ledgernet.storage.ActionFilter.BlockBox;
import net.ledgernet.storage.ValueSearch.Terms;
import net.ledgernet.sample.SampleNetwork;
import net.ledgernet.sample.SampleSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backends whose Ledger database has no {@code actions_time} index (created before Ledger 1.3.21, or
 * upgraded without {@code updateSchema}) are read in Ledger's own {@code id DESC} order and merged
 * with the others by time. Real databases of every dialect; a network mixing both schemas; the
 * expected stream is built in Java from the sample data: each backend's rows in its own order, merged
 * by the heads' times exactly as {@link ActionFanOut} documents.
 */
class NoTimeIndexTest {
    private static final SampleSpec BASE = TestNetwork.spec(14, 60, 1200);

    /** alpha and charlie without the time index, bravo with it. */
    private static TestNetwork mixed(SqlDialect dialect) throws Exception {
        List<SampleSpec> specs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            specs.add(SampleNetwork.specFor(BASE, i).withTimeIndex(i == 1));
        }
        return TestNetwork.create(dialect, specs);
    }

    static Stream<SqlDialect> dialects() {
        return TestDatabase.dialects();
    }

    private static final Comparator<ActionRow> ID_DESC = Comparator.comparingLong(ActionRow::id).reversed();
    private static final Comparator<ActionRow> TIME_DESC = Comparator.comparing(ActionRow::time).reversed()
            .thenComparing(ID_DESC);

    /** Each backend's matching rows in its order, then LedgerNet's merge: take the newest head. */
    private static List<ActionRow> expectedStream(TestNetwork net, Map<String, PageOrder> orders,
                                                  ValueSearch search) {
        Map<String, List<ActionRow>> streams = new HashMap<>();
        for (TestNetwork.Member m : net.members()) {
            BiPredicate<String, String> known = (part, v) -> switch (part) {
                case "actions" -> m.data().actionTypes().contains(v);
                case "worlds" -> m.data().worlds().contains(v);
                case "objects" -> m.data().objects().contains(v);
                case "sources" -> m.data().sources().contains(v);
                default -> m.data().players().stream().anyMatch(p -> p.name().equalsIgnoreCase(v));
            };
            List<ActionRow> rows = m.expected(r -> search.test(r, known));
            rows.sort(orders.get(m.name()) == PageOrder.ID ? ID_DESC : TIME_DESC);
            streams.put(m.name(), rows);
        }
        record Head(String backend, int index, ActionRow row) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> ActionFanOut.NEWEST_FIRST.compare(a.row, b.row));
        streams.forEach((b, rows) -> {
            if (!rows.isEmpty()) {
                heads.add(new Head(b, 0, rows.get(0)));
            }
        });
        List<ActionRow> out = new ArrayList<>();
        while (!heads.isEmpty()) {
            Head h = heads.poll();
            out.add(h.row);
            List<ActionRow> rows = streams.get(h.backend);
            if (h.index + 1 < rows.size()) {
                heads.add(new Head(h.backend, h.index + 1, rows.get(h.index + 1)));
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void backendsWithoutTheTimeIndexAreReadInIdOrderAndMergedByTime(SqlDialect dialect) throws Exception {
        try (TestNetwork net = mixed(dialect);
             ActionFanOut fanOut = ActionFanOut.open(net.databases(), TestNetwork.settings(Duration.ofSeconds(10)))) {
            TestNetwork.Member alpha = net.member("alpha");
            // The sample's id order differs from its time order somewhere (Ledger's queue), or this
            // test could not tell the orders apart.
            List<ActionRow> alphaById = alpha.expected(r -> true);
            alphaById.sort(ID_DESC);
            List<ActionRow> alphaByTime = new ArrayList<>(alphaById);
            alphaByTime.sort(TIME_DESC);
            assertThat(alphaById).isNotEqualTo(alphaByTime);

            List<ActionRow> sorted = new ArrayList<>(alphaById);
            sorted.sort(Comparator.comparing(ActionRow::time));
            ActionRow pivot = sorted.get(sorted.size() / 2);
            Instant after = sorted.get(sorted.size() / 3).time();
            Instant before = sorted.get(2 * sorted.size() / 3).time();
            String busiest = sorted.stream().filter(r -> r.playerName().isPresent())
                    .collect(java.util.stream.Collectors.groupingBy(r -> r.playerName().get(),
                            java.util.stream.Collectors.counting()))
                    .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();

            Map<String, ValueSearch> cases = new LinkedHashMap<>();
            cases.put("everything", ValueSearch.any());
            cases.put("one action (broad)", ValueSearch.any().with("actions", Terms.allow("block-break")));
            cases.put("two actions", ValueSearch.any().with("actions", Terms.allow("block-break", "block-place")));
            cases.put("object in either column, after", ValueSearch.any()
                    .with("objects", Terms.allow("minecraft:stone")).time(after, null));
            cases.put("player and time window", ValueSearch.any().with("players", Terms.allow(busiest))
                    .time(after, before));
            cases.put("world, not rolled back", ValueSearch.any()
                    .with("worlds", Terms.allow("minecraft:overworld")).rolledBack(false));
            cases.put("block box", ValueSearch.any().box(new BlockBox(pivot.x() - 40, pivot.x() + 40,
                    pivot.y() - 16, pivot.y() + 16, pivot.z() - 40, pivot.z() + 40)));

            for (Map.Entry<String, ValueSearch> c : cases.entrySet()) {
                Map<String, ActionFilter> filters = c.getValue().resolve(fanOut);
                // The schema is read on the first request; every later page keeps its stream's order.
                List<ActionRow> got = TestNetwork.all(fanOut, filters, 7);
                Map<String, PageOrder> orders = Map.of("alpha", PageOrder.ID, "bravo", PageOrder.TIME,
                        "charlie", PageOrder.ID);
                List<ActionRow> want = expectedStream(net, orders, c.getValue());
                assertThat(want).as(c.getKey() + " is not vacuous").isNotEmpty();
                assertEquals(want.size(), got.size(), c.getKey() + ": row count");
                assertEquals(want, got, c.getKey() + ": rows and order");
                // Each backend's own rows: Ledger's id order without the index, time order with it.
                assertThat(got.stream().filter(r -> r.backend().equals("alpha")).toList()).isSortedAccordingTo(ID_DESC);
                assertThat(got.stream().filter(r -> r.backend().equals("bravo")).toList())
                        .isSortedAccordingTo(TIME_DESC);
            }
            assertEquals(PageOrder.ID, fanOut.reader("alpha").orElseThrow().order().orElseThrow());
            assertEquals(PageOrder.TIME, fanOut.reader("bravo").orElseThrow().order().orElseThrow());
            assertEquals(PageOrder.ID, fanOut.reader("charlie").orElseThrow().order().orElseThrow());
        }
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void theSameDatabaseWithTheIndexAddedIsReadInTimeOrderByANewReader(SqlDialect dialect) throws Exception {
        try (TestNetwork net = mixed(dialect)) {
            ValueSearch broad = ValueSearch.any().with("actions", Terms.allow("block-break"));
            List<ActionRow> before;
            try (ActionFanOut fanOut = ActionFanOut.open(net.databases(), TestNetwork.settings(Duration.ofSeconds(10)))) {
                before = TestNetwork.all(fanOut, broad.resolve(fanOut), 8);
            }
            // What doctor and /lgn status tell the operator to run, exactly.
            for (String backend : List.of("alpha", "charlie")) {
                BackendDatabase database = net.databases().get(backend).orElseThrow();
                String statement = TimeIndexAdvice.createStatement(database.dialect(),
                        database.qualify(SchemaProbe.probe(database).tables().get("actions")));
                try (Connection c = net.member(backend).writer(); Statement st = c.createStatement()) {
                    st.execute(statement.replace(" CONCURRENTLY", "")); // not inside the writer's transaction rules
                }
                assertThat(SchemaProbe.probe(database).timeIndex()).as(statement).isTrue();
            }
            try (ActionFanOut fanOut = ActionFanOut.open(net.databases(), TestNetwork.settings(Duration.ofSeconds(10)))) {
                List<ActionRow> after = TestNetwork.all(fanOut, broad.resolve(fanOut), 8);
                assertEquals(PageOrder.TIME, fanOut.reader("alpha").orElseThrow().order().orElseThrow());
                Map<String, PageOrder> orders = Map.of("alpha", PageOrder.TIME, "bravo", PageOrder.TIME,
                        "charlie", PageOrder.TIME);
                assertEquals(expectedStream(net, orders, broad), after, "exact time order once indexed");
                assertThat(after).isSortedAccordingTo(ActionFanOut.NEWEST_FIRST);
                assertThat(after).containsExactlyInAnyOrderElementsOf(before);
            }
        }
    }

    /**
     * SQLite without the time index, an object filter its capped count finds broad: the page walks the
     * primary key back (no sort of every match: on 10M rows an ore over 7 days took 3.3 s that way, 2 ms
     * walking back) and still returns exactly Ledger's id order, page after page.
     */
    @org.junit.jupiter.api.Test
    void aBroadObjectFilterOnSqliteWithoutTheIndexWalksThePrimaryKeyBack() throws Exception {
        SampleSpec spec = SampleNetwork.specFor(TestNetwork.spec(15, 40, 9000), 0).withTimeIndex(false);
        try (TestNetwork net = TestNetwork.create(SqlDialect.SQLITE, List.of(spec));
             ActionFanOut fanOut = ActionFanOut.open(net.databases(), TestNetwork.settings(Duration.ofSeconds(10)))) {
            List<ActionRow> all = net.member("alpha").expected(r -> true);
            all.sort(Comparator.comparing(ActionRow::time));
            Instant after = all.get(all.size() / 4).time();
            Map<String, ValueSearch> cases = new LinkedHashMap<>();
            // Every block break and place has air on one side: thousands of matches, broad.
            cases.put("broad object", ValueSearch.any().with("objects", Terms.allow("minecraft:air")).time(after, null));
            // A rare object stays on its indexes, matches sorted.
            cases.put("selective object", ValueSearch.any().with("objects", Terms.allow("minecraft:diamond_ore")));
            for (Map.Entry<String, ValueSearch> c : cases.entrySet()) {
                boolean broad = c.getKey().startsWith("broad");
                Map<String, ActionFilter> filters = c.getValue().resolve(fanOut);
                BackendReader reader = fanOut.reader("alpha").orElseThrow();
                String plan = reader.call((connection, r) -> {
                    BackendReader.PlannedPage planned = r.planPage(connection, filters.get("alpha"), Optional.empty(), 8);
                    assertEquals(PageOrder.ID, planned.order());
                    long capped = r.countUpTo(connection, filters.get("alpha"), BackendReader.SQLITE_BROAD_FILTER);
                    assertEquals(broad, capped >= BackendReader.SQLITE_BROAD_FILTER, c.getKey() + ": " + capped);
                    assertThat(planned.query().sql()).as(c.getKey())
                            .endsWith(broad ? " ORDER BY id DESC LIMIT ?" : " ORDER BY id + 0 DESC LIMIT ?");
                    StringBuilder out = new StringBuilder();
                    try (java.sql.PreparedStatement ps = connection.prepareStatement("EXPLAIN QUERY PLAN "
                            + planned.query().sql())) {
                        BackendReader.bind(ps, planned.query().parameters());
                        try (java.sql.ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                out.append(rs.getString("detail")).append('\n');
                            }
                        }
                    }
                    return out.toString();
                }).join();
                if (broad) {
                    assertThat(plan).as(c.getKey()).contains("SCAN actions").doesNotContain("TEMP B-TREE");
                } else {
                    assertThat(plan).as(c.getKey()).contains("actions_object_id").contains("actions_old_object_id");
                }
                List<ActionRow> got = TestNetwork.all(fanOut, filters, 8);
                List<ActionRow> want = expectedStream(net, Map.of("alpha", PageOrder.ID), c.getValue());
                assertThat(want.size()).as(c.getKey()).isGreaterThan(broad ? BackendReader.SQLITE_BROAD_FILTER : 0);
                assertEquals(want, got, c.getKey() + ": rows and Ledger's id order");
            }
        }
    }

    /**
     * MariaDB/MySQL read a block box in time order without the time index (IGNORE INDEX by the catalog's name):
     * their planner otherwise walks the time index through a whole backend where the box is empty. The rows
     * are the same on every dialect, with and without the index.
     */
    @ParameterizedTest
    @MethodSource("dialects")
    void aBlockBoxInTimeOrderIsReadFromTheLocationIndex(SqlDialect dialect) throws Exception {
        try (TestNetwork net = mixed(dialect);
             ActionFanOut fanOut = ActionFanOut.open(net.databases(), TestNetwork.settings(Duration.ofSeconds(10)))) {
            List<ActionRow> rows = net.member("bravo").expected(r -> true);
            ActionRow pivot = rows.get(rows.size() / 2);
            ValueSearch box = ValueSearch.any().box(new BlockBox(pivot.x() - 40, pivot.x() + 40,
                    pivot.y() - 16, pivot.y() + 16, pivot.z() - 40, pivot.z() + 40));
            ValueSearch broad = ValueSearch.any().with("actions", Terms.allow("block-break"));
            for (String backend : List.of("alpha", "bravo")) {
                for (ValueSearch search : List.of(box, broad)) {
                    ActionFilter filter = search.resolve(fanOut).get(backend);
                    String sql = fanOut.reader(backend).orElseThrow().call((c, r) ->
                            r.planPage(c, filter, Optional.empty(), 8).query().sql()).join();
                    boolean hinted = dialect.mysqlLike() && backend.equals("bravo") && search == box;
                    assertEquals(hinted, sql.contains(" IGNORE INDEX (`actions_time`) WHERE "), backend + ": " + sql);
                }
            }
            Map<String, PageOrder> orders = Map.of("alpha", PageOrder.ID, "bravo", PageOrder.TIME,
                    "charlie", PageOrder.ID);
            List<ActionRow> want = expectedStream(net, orders, box);
            assertThat(want).isNotEmpty();
            assertEquals(want, TestNetwork.all(fanOut, box.resolve(fanOut), 3));
        }
    }
}
