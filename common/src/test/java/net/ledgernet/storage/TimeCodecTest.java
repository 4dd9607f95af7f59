package net.ledgernet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.ledgernet.sample.SampleSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Instants ↔ stored wall-clock times per dialect and backend zone, in memory and through real databases. */
class TimeCodecTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    @Test
    void encodesWallClockInTheBackendZone() {
        Instant t = Instant.parse("2025-01-02T03:04:05.678901Z");
        assertEquals("2025-01-02 08:34:05.678", new TimeCodec(SqlDialect.SQLITE, KOLKATA).encode(t),
                "SQLite: Ledger's text form, milliseconds truncated");
        assertEquals(LocalDateTime.parse("2025-01-01T22:04:05.678901"), new TimeCodec(SqlDialect.POSTGRESQL, NEW_YORK).encode(t));
        assertEquals(Instant.parse("2025-01-02T03:04:05.678Z"),
                new TimeCodec(SqlDialect.SQLITE, KOLKATA).decodeStored("2025-01-02 08:34:05.678"));
        assertEquals(Instant.parse("2025-01-02T03:04:05Z"),
                new TimeCodec(SqlDialect.SQLITE, KOLKATA).decodeStored("2025-01-02 08:34:05"), "no fraction");
    }

    @Test
    void dstOverlapAndGap() {
        TimeCodec ny = new TimeCodec(SqlDialect.MARIADB, NEW_YORK);
        // 2025-11-02 01:30 happened twice in New York: EDT (05:30Z) then EST (06:30Z).
        assertEquals(LocalDateTime.parse("2025-11-02T01:30"), ny.encode(Instant.parse("2025-11-02T05:30:00Z")));
        assertEquals(LocalDateTime.parse("2025-11-02T01:30"), ny.encode(Instant.parse("2025-11-02T06:30:00Z")));
        assertEquals(Instant.parse("2025-11-02T05:30:00Z"), ny.decode(LocalDateTime.parse("2025-11-02T01:30")),
                "the stored value is ambiguous: the earlier offset is chosen");
        // 2025-03-09 02:30 never happened in New York; only a foreign writer stores it. Decoding shifts it
        // forward; the stored form survives unchanged for cursors.
        assertEquals(Instant.parse("2025-03-09T07:30:00Z"), ny.decode(LocalDateTime.parse("2025-03-09T02:30")));
        assertEquals(LocalDateTime.parse("2025-03-09T02:30"), ny.storedParameter("2025-03-09T02:30"));
        // Monotonic across the overlap: wall-clock order (what the database sorts by) = decoded order.
        Instant previous = Instant.MIN;
        for (LocalDateTime w = LocalDateTime.parse("2025-11-02T00:00"); w.isBefore(LocalDateTime.parse("2025-11-02T03:00"));
             w = w.plusMinutes(7)) {
            Instant i = ny.decode(w);
            assertThat(i).isAfter(previous);
            previous = i;
        }
    }

    /** Backends in New York (across the fall-back night) and Kolkata, merged by true instant. */
    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void readsExactInstantsFromZonedBackendsAcrossDst(SqlDialect dialect) throws Exception {
        Instant end = Instant.parse("2025-11-03T12:00:00Z");
        SampleSpec ny = TestNetwork.spec(21, 20, 400).withTime(3, end, NEW_YORK);
        SampleSpec kolkata = TestNetwork.spec(22, 20, 400).withTime(3, end, KOLKATA);
        try (TestNetwork net = TestNetwork.create(dialect, List.of(ny, kolkata));
             ActionFanOut fanOut = ActionFanOut.open(net.databases(), TestNetwork.settings(Duration.ofSeconds(10)))) {
            List<ActionRow> want = net.expected(r -> true);
            assertThat(want).anyMatch(r -> r.backend().equals("alpha")
                    && r.time().isAfter(Instant.parse("2025-11-02T05:00:00Z"))
                    && r.time().isBefore(Instant.parse("2025-11-02T07:00:00Z")));
            List<ActionRow> got = TestNetwork.all(fanOut, Map.of("alpha", ActionFilter.ALL, "bravo", ActionFilter.ALL), 33);
            assertEquals(want, got);

            // Inclusive bounds given as Instants select exactly the rows in that true-time window.
            Instant from = Instant.parse("2025-11-02T04:00:00Z");
            Instant to = Instant.parse("2025-11-02T08:00:00Z");
            ActionFilter window = ActionFilter.builder().after(from).before(to).build();
            List<ActionRow> windowed = TestNetwork.all(fanOut, Map.of("alpha", window, "bravo", window), 10);
            List<ActionRow> wantWindow = new ArrayList<>(want.stream()
                    .filter(r -> !r.time().isBefore(trunc(dialect, from)) && !r.time().isAfter(trunc(dialect, to))).toList());
            assertEquals(wantWindow, windowed);

            // Raw check: what the column holds is New York wall-clock time.
            TestNetwork.Member alpha = net.member("alpha");
            try (Statement st = alpha.writer().createStatement();
                 ResultSet rs = st.executeQuery("SELECT " + dialect.ledgerColumn("time") + " FROM actions WHERE id = 1")) {
                rs.next();
                String raw = dialect == SqlDialect.SQLITE ? rs.getString(1) : rs.getObject(1, LocalDateTime.class).toString();
                Instant t = alpha.data().action(0).time();
                LocalDateTime wall = LocalDateTime.ofInstant(t, NEW_YORK);
                assertEquals(dialect == SqlDialect.SQLITE ? new TimeCodec(dialect, NEW_YORK).encode(t) : wall.toString(), raw);
            }
        }
    }

    private static Instant trunc(SqlDialect dialect, Instant t) {
        return dialect == SqlDialect.SQLITE ? t.truncatedTo(ChronoUnit.MILLIS) : t;
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void bindAndReadRoundTripThroughTheColumnType(SqlDialect dialect) throws Exception {
        try (TestNetwork net = TestNetwork.create(dialect, List.of(TestNetwork.spec(23, 2, 1)))) {
            Connection c = net.members().get(0).writer();
            TimeCodec codec = new TimeCodec(dialect, KOLKATA);
            Instant t = Instant.parse("2025-03-09T07:30:00.123456Z");
            try (PreparedStatement ps = c.prepareStatement("UPDATE players SET first_join = ? WHERE id = 1")) {
                codec.bind(ps, 1, t);
                ps.executeUpdate();
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT first_join FROM players WHERE id = 1")) {
                rs.next();
                assertEquals(trunc(dialect, t), codec.read(rs, 1));
            }
        }
    }
}
