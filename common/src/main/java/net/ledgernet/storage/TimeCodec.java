package net.ledgernet.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Objects;

/**
 * Converts between an {@link Instant} and how one backend stores {@code actions.time} and
 * {@code players.first_join/last_join} (ledger.md §2.5): wall-clock time in the Minecraft server's
 * JVM zone, as TEXT {@code yyyy-MM-dd HH:mm:ss.SSS} on SQLite (so a bound string compares
 * lexically like Ledger's own) and as TIMESTAMP without zone elsewhere (bound as {@link LocalDateTime},
 * never as {@code java.sql.Timestamp}, which would drag the proxy JVM's zone in).
 *
 * <p><b>Stored form.</b> Keyset cursors keep the column value exactly as read ({@link #readStored}),
 * not a decoded Instant: a wall-clock time inside a DST gap (only a foreign writer can produce one,
 * e.g. Ledger 1.3.13/14's UTC rows on SQLite) does not survive decode + encode, the stored form does.
 *
 * <p><b>DST overlap.</b> A wall-clock time in the repeated hour is ambiguous; it decodes to the earlier
 * offset (as {@link java.time.ZonedDateTime#of} does). The database orders by wall clock, and this
 * rule keeps the decoded Instants in the same (non-decreasing) order, which the merge relies on.
 */
/*
 * MariaDB TIMESTAMP converts from the session time zone to UTC on write and back on read. Ledger's
 * pool and LedgerNet's both use the server's default session zone, so the wall clock round-trips as
 * long as that default is not changed between writing and reading.
 */
public final class TimeCodec {
    private static final DateTimeFormatter SQLITE_WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    /** Reads what Ledger wrote, and also values without fraction or with more digits. */
    private static final DateTimeFormatter SQLITE_READ = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ ]['T']HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private final SqlDialect dialect;
    private final ZoneId zone;

    public TimeCodec(SqlDialect dialect, ZoneId zone) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public static TimeCodec of(BackendDatabase database) {
        return new TimeCodec(database.dialect(), database.config().timeZone());
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean textual() {
        return dialect == SqlDialect.SQLITE;
    }

    /** The value to bind for an Instant: a String on SQLite (ms, truncated like Ledger), else a LocalDateTime. */
    public Object encode(Instant instant) {
        LocalDateTime wall = LocalDateTime.ofInstant(instant, zone);
        return textual() ? SQLITE_WRITE.format(wall) : wall;
    }

    /** The Instant a stored wall-clock time stands for (earlier offset in an overlap, shifted forward in a gap). */
    public Instant decode(LocalDateTime wall) {
        return wall.atZone(zone).toInstant();
    }

    public void bind(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, encode(instant));
    }

    /** The column value in a form that {@link #bindStored} puts back unchanged; null for SQL NULL. */
    public String readStored(ResultSet rs, int column) throws SQLException {
        if (textual()) {
            return rs.getString(column);
        }
        LocalDateTime wall = rs.getObject(column, LocalDateTime.class);
        return wall == null ? null : wall.toString();
    }

    public void bindStored(PreparedStatement statement, int index, String stored) throws SQLException {
        statement.setObject(index, storedParameter(stored));
    }

    /** The value to bind for a stored form: the text itself on SQLite, else the LocalDateTime. */
    public Object storedParameter(String stored) {
        return textual() ? stored : LocalDateTime.parse(stored);
    }

    /** Decodes a value from {@link #readStored}. */
    public Instant decodeStored(String stored) {
        return decode(textual() ? LocalDateTime.parse(stored.trim(), SQLITE_READ) : LocalDateTime.parse(stored));
    }

    /** Reads and decodes a time column; null for SQL NULL. */
    public Instant read(ResultSet rs, int column) throws SQLException {
        String stored = readStored(rs, column);
        return stored == null ? null : decodeStored(stored);
    }

    @Override
    public String toString() {
        return "TimeCodec[" + dialect + " " + zone + "]";
    }
}
