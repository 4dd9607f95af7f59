package net.ledgernet.sample;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

import net.ledgernet.storage.SqlDialect;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The sample's actions as the tab-separated text MariaDB's {@code LOAD DATA} and PostgreSQL's {@code COPY}
 * read (both: {@code \N} for NULL, backslash escapes), streamed from {@link SampleData} a block at a time
 * so 10M rows never sit in memory. Values are the ones {@link SampleNetworkGenerator#generate} binds:
 * times as wall-clock text in the storage zone with microseconds, booleans as the dialect writes them.
 */
final class ActionText {

    /** Columns in the order of every line; ids (auto-increment/serial) are assigned in line order. */
    private static final String COLUMNS = "action_id, %s, x, y, z, world_id, object_id, old_object_id, block_state, "
            + "old_block_state, %s, player_id, extra_data, rolled_back";
    private static final int ROWS_PER_BLOCK = 2_000;

    private final SampleData data;
    private final SampleNetworkGenerator.Ids ids;
    private final SqlDialect dialect;
    private final ZoneRules zone;
    private final StringBuilder line = new StringBuilder(512);
    private int next;

    private ActionText(SampleData data, SampleNetworkGenerator.Ids ids, SqlDialect dialect) {
        this.data = data;
        this.ids = ids;
        this.dialect = dialect;
        ZoneId z = data.spec().storageZone();
        this.zone = z.getRules();
    }

    /** MariaDB/MySQL: {@code LOAD DATA LOCAL INFILE} from a stream the driver reads instead of a file. */
    static long loadData(Connection c, SampleData data, SampleNetworkGenerator.Ids ids) throws SQLException {
        SqlDialect dialect = SqlDialect.MARIADB;
        ActionText text = new ActionText(data, ids, dialect);
        String sql = "LOAD DATA LOCAL INFILE 'ledgernet-sample-actions' INTO TABLE actions CHARACTER SET utf8mb4 "
                + "FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ("
                + String.format(COLUMNS, LedgerSchema.column(dialect, "time"), LedgerSchema.column(dialect, "source"))
                + ")";
        try (Statement st = c.createStatement()) {
            st.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(text.stream());
            long loaded = st.executeLargeUpdate(sql);
            if (loaded != data.actionCount()) {
                throw new SQLException("LOAD DATA stored " + loaded + " of " + data.actionCount() + " actions");
            }
            return loaded;
        }
    }

    /** PostgreSQL: {@code COPY ... FROM STDIN} through the driver's CopyManager. */
    static long copy(Connection c, SampleData data, SampleNetworkGenerator.Ids ids) throws SQLException {
        SqlDialect dialect = SqlDialect.POSTGRESQL;
        ActionText text = new ActionText(data, ids, dialect);
        String sql = "COPY actions (" + String.format(COLUMNS, LedgerSchema.column(dialect, "time"),
                LedgerSchema.column(dialect, "source")) + ") FROM STDIN";
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            byte[] block;
            while ((block = text.nextBlock()) != null) {
                copy.writeToCopy(block, 0, block.length);
            }
            long copied = copy.endCopy();
            if (copied != data.actionCount()) {
                throw new SQLException("COPY stored " + copied + " of " + data.actionCount() + " actions");
            }
            return copied;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** The next {@link #ROWS_PER_BLOCK} lines as UTF-8, or null after the last action. */
    byte[] nextBlock() {
        int n = data.actionCount();
        if (next >= n) {
            return null;
        }
        line.setLength(0);
        for (int end = Math.min(n, next + ROWS_PER_BLOCK); next < end; next++) {
            append(data.action(next));
        }
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    private InputStream stream() {
        return new InputStream() {
            private byte[] block = new byte[0];
            private int pos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                while (pos == block.length) {
                    block = nextBlock();
                    pos = 0;
                    if (block == null) {
                        block = new byte[0];
                        return -1;
                    }
                }
                int k = Math.min(len, block.length - pos);
                System.arraycopy(block, pos, b, off, k);
                pos += k;
                return k;
            }
        };
    }

    private void append(SampleData.Action a) {
        StringBuilder l = line;
        l.append(SampleNetworkGenerator.id(ids.actions(), a.type())).append('\t');
        appendTime(a.time());
        l.append('\t').append(a.x()).append('\t').append(a.y()).append('\t').append(a.z()).append('\t')
                .append(SampleNetworkGenerator.id(ids.worlds(), a.world())).append('\t')
                .append(SampleNetworkGenerator.id(ids.objects(), a.object())).append('\t')
                .append(SampleNetworkGenerator.id(ids.objects(), a.oldObject())).append('\t');
        appendText(a.blockState());
        l.append('\t');
        appendText(a.oldBlockState());
        l.append('\t').append(SampleNetworkGenerator.id(ids.sources(), a.source())).append('\t');
        if (a.player() >= 0) {
            l.append(ids.players()[a.player()]);
        } else {
            l.append("\\N");
        }
        l.append('\t');
        appendText(a.extraData());
        l.append('\t');
        if (dialect == SqlDialect.POSTGRESQL) {
            l.append(a.rolledBack() ? 't' : 'f');
        } else {
            l.append(a.rolledBack() ? '1' : '0');
        }
        l.append('\n');
    }

    /** {@code yyyy-MM-dd HH:mm:ss.ffffff}: the wall clock in the storage zone, as the JDBC path binds it. */
    private void appendTime(java.time.Instant t) {
        ZoneOffset offset = zone.getOffset(t);
        LocalDateTime w = LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), offset);
        if (t.getNano() % 1000 != 0) {
            throw new IllegalStateException("sample times are whole microseconds: " + t);
        }
        StringBuilder l = line;
        pad(w.getYear(), 4);
        l.append('-');
        pad(w.getMonthValue(), 2);
        l.append('-');
        pad(w.getDayOfMonth(), 2);
        l.append(' ');
        pad(w.getHour(), 2);
        l.append(':');
        pad(w.getMinute(), 2);
        l.append(':');
        pad(w.getSecond(), 2);
        l.append('.');
        pad(w.getNano() / 1000, 6);
    }

    private void pad(int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            line.append('0');
        }
        line.append(s);
    }

    /** NULL as {@code \N}; backslash, tab, newline, carriage return (and NUL, MariaDB) escaped. */
    private void appendText(String s) {
        if (s == null) {
            line.append("\\N");
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\0' -> {
                    if (dialect == SqlDialect.POSTGRESQL) {
                        throw new IllegalArgumentException("PostgreSQL text cannot hold NUL"); // nor can the JDBC path
                    }
                    line.append("\\0");
                }
                default -> line.append(ch);
            }
        }
    }
}
