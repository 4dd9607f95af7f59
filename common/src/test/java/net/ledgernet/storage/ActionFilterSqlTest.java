package net.ledgernet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import net.ledgernet.storage.ActionFilter.BlockBox;
import net.ledgernet.storage.ActionFilter.IdSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact SQL text and bound parameters a filter and a page produce, per dialect (ledger.md §3.2's sample). */
class ActionFilterSqlTest {
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    /** Ledger's own sample filter from ledger.md §3.2, plus an allowed world and player. */
    private static final ActionFilter SAMPLE = ActionFilter.builder()
            .bounds(new BlockBox(-5, 5, 60, 70, -5, 5))
            .after(Instant.parse("2025-01-01T00:00:00Z"))
            .before(Instant.parse("2025-02-01T00:00:00Z"))
            .rolledBack(false)
            .sources(IdSet.allow(2, 1))
            .actions(IdSet.deny(3))
            .objects(new IdSet(Set.of(4), Set.of(5)))
            .worlds(IdSet.allow(7))
            .players(IdSet.deny(6))
            .build();

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void sampleFilterSqlAndParameters(SqlDialect dialect) {
        TimeCodec codec = new TimeCodec(dialect, KOLKATA);
        SqlFragment where = SAMPLE.toSql(dialect, codec);
        String time = switch (dialect) {
            case MARIADB, MYSQL -> "`time`";
            default -> "\"time\"";
        };
        String source = time.replace("time", "source");
        assertEquals("x BETWEEN ? AND ? AND y BETWEEN ? AND ? AND z BETWEEN ? AND ?"
                + " AND " + time + " >= ? AND " + time + " <= ? AND rolled_back = ?"
                + " AND " + source + " IN (?, ?) AND action_id NOT IN (?) AND world_id IN (?)"
                + " AND (object_id IN (?) OR old_object_id IN (?)) AND object_id NOT IN (?) AND old_object_id NOT IN (?)"
                + " AND (player_id NOT IN (?) OR player_id IS NULL)", where.sql());
        // Kolkata is UTC+5:30: wall-clock bounds, as the backend's JVM wrote them.
        Object after = dialect == SqlDialect.SQLITE ? "2025-01-01 05:30:00.000" : LocalDateTime.parse("2025-01-01T05:30");
        Object before = dialect == SqlDialect.SQLITE ? "2025-02-01 05:30:00.000" : LocalDateTime.parse("2025-02-01T05:30");
        assertEquals(List.of(-5, 5, 60, 70, -5, 5, after, before, false, 1, 2, 3, 7, 4, 4, 5, 5, 6), where.parameters());
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void pageQueryAddsTheKeysetConditionAndBindsTheLimit(SqlDialect dialect) {
        TimeCodec codec = new TimeCodec(dialect, ZoneId.of("UTC"));
        String table = dialect.quote("actions");
        String t = dialect.ledgerColumn("time");
        String stored = dialect == SqlDialect.SQLITE ? "2025-01-02 03:04:05.678" : "2025-01-02T03:04:05.678901";
        SqlFragment page = BackendReader.pageQuery(dialect, table, codec,
                ActionFilter.builder().worlds(IdSet.allow(2)).build(), Optional.of(new KeysetPosition(stored, 99)), 8);
        assertEquals("SELECT id, action_id, " + t + ", x, y, z, world_id, object_id, old_object_id, "
                + dialect.ledgerColumn("source") + ", player_id, extra_data, rolled_back FROM " + table
                + " WHERE world_id IN (?) AND " + t + " <= ? AND (" + t + " < ? OR (" + t + " = ? AND id < ?)) ORDER BY "
                + t + " DESC, id DESC LIMIT ?", page.sql());
        Object time = codec.storedParameter(stored);
        assertEquals(List.of(2, time, time, time, 99L, 8), page.parameters());
        // SQLite's broad-filter form keeps the lookup-id indexes out of the plan.
        String broad = BackendReader.pageQuery(dialect, table, codec, ActionFilter.builder().worlds(IdSet.allow(2)).build(),
                Optional.empty(), 8, true, PageOrder.TIME, false).sql();
        assertEquals(" WHERE +world_id IN (?) ORDER BY", broad.substring(broad.indexOf(" WHERE"), broad.indexOf(" ORDER BY") + 9));
        // The first page has no keyset condition.
        assertEquals("SELECT id, action_id, " + t + ", x, y, z, world_id, object_id, old_object_id, "
                + dialect.ledgerColumn("source") + ", player_id, extra_data, rolled_back FROM " + table
                + " WHERE 1 = 1 ORDER BY " + t + " DESC, id DESC LIMIT ?",
                BackendReader.pageQuery(dialect, table, codec, ActionFilter.ALL, Optional.empty(), 8).sql());
        // Without a time index: Ledger's own order, and the keyset on id alone.
        SqlFragment byId = BackendReader.pageQuery(dialect, table, codec,
                ActionFilter.builder().worlds(IdSet.allow(2)).build(),
                Optional.of(new KeysetPosition(stored, 99, PageOrder.ID)), 8, false, PageOrder.ID, false);
        assertEquals("SELECT id, action_id, " + t + ", x, y, z, world_id, object_id, old_object_id, "
                + dialect.ledgerColumn("source") + ", player_id, extra_data, rolled_back FROM " + table
                + " WHERE world_id IN (?) AND id < ? ORDER BY id DESC LIMIT ?", byId.sql());
        assertEquals(List.of(2, 99L, 8), byId.parameters());
        // A selective filter: its matches sorted, the primary key not walked.
        assertThat(BackendReader.pageQuery(dialect, table, codec, ActionFilter.builder().worlds(IdSet.allow(2)).build(),
                Optional.empty(), 8, false, PageOrder.ID, true).sql()).endsWith(" ORDER BY id + 0 DESC LIMIT ?");
    }

    @Test
    void timeIndexStatementIsLedgersOwnIndexPerDialect() {
        assertEquals("CREATE INDEX IF NOT EXISTS actions_time ON `ledger`.`actions` (`time`);",
                TimeIndexAdvice.createStatement(SqlDialect.MARIADB, "`ledger`.`actions`"));
        assertEquals("CREATE INDEX actions_time ON `actions` (`time`);",
                TimeIndexAdvice.createStatement(SqlDialect.MYSQL, "`actions`"));
        assertEquals("CREATE INDEX CONCURRENTLY IF NOT EXISTS actions_time ON \"s1\".\"actions\" (\"time\");",
                TimeIndexAdvice.createStatement(SqlDialect.POSTGRESQL, "\"s1\".\"actions\""));
        assertEquals("CREATE INDEX IF NOT EXISTS actions_time ON \"actions\" (\"time\");",
                TimeIndexAdvice.createStatement(SqlDialect.SQLITE, "\"actions\""));
        assertEquals("CREATE INDEX IF NOT EXISTS \"actions_time\" ON \"ACTIONS\" (\"time\");",
                TimeIndexAdvice.createStatement(SqlDialect.H2, "\"ACTIONS\""));
    }

    @Test
    void noneMatchIsFalseAndSetsAreBounded() {
        assertEquals(new SqlFragment("1 = 0", List.of()),
                ActionFilter.NONE_MATCH.toSql(SqlDialect.H2, new TimeCodec(SqlDialect.H2, KOLKATA)));
        List<Integer> many = new ArrayList<>();
        IntStream.range(0, ActionFilter.MAX_IDS + 1).forEach(many::add);
        assertThrows(IllegalArgumentException.class,
                () -> ActionFilter.builder().worlds(new IdSet(Set.copyOf(many), Set.of())).build());
        assertThrows(IllegalArgumentException.class, () -> new BlockBox(5, -5, 0, 0, 0, 0));
    }

    @Test
    void idSetSemanticsInJava() {
        IdSet deny = IdSet.deny(6);
        assertEquals(true, deny.test(null), "a denied player keeps rows without a player");
        assertEquals(false, deny.test(6));
        assertEquals(false, IdSet.allow(1).test(null));
        assertEquals(true, IdSet.ANY.test(null));
    }
}
