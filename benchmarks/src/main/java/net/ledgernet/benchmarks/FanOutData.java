package net.ledgernet.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.ledgernet.storage.SqlDialect;
import net.ledgernet.sample.SampleNetwork;
import net.ledgernet.sample.SampleNetworkGenerator;
import net.ledgernet.sample.SampleSpec;

/**
 * The benchmark's backends: N sample Ledger databases per dialect, created once and reused.
 *
 * <ul>
 *   <li>MariaDB: databases {@code ledgernet_bench_1..N} on 127.0.0.1:3306 (root);
 *   <li>PostgreSQL: schemas {@code ledgernet_bench_1..N} in database {@code test} on 127.0.0.1:5432 (postgres);
 *   <li>SQLite: {@code <dir>/sqlite/backend-<n>/ledger.sqlite} (through {@link SampleNetwork}).
 * </ul>
 * Every backend gets {@link SampleNetwork#specFor} of one base spec: its own seed, 90 days ending at the fixed
 * {@link #END}, UTC storage, the {@code actions_time} index (Ledger 1.3.21+). The data is deterministic, so a
 * database is reused when its completion marker (MariaDB/PostgreSQL: table {@code ledgernet_bench_done} with
 * the seed and action count) matches; anything else is dropped and written again. Searches run with a clock
 * fixed at {@link #END}, so "after:1d" means the same rows on every rerun, whatever the date.
 */
final class FanOutData {
    /** Newest possible action time of every sample backend, and the benchmark's "now". */
    static final Instant END = Instant.parse("2026-11-20T00:00:00Z");
    static final String MARIADB_ADMIN = System.getProperty("ledgernet.bench.mariadb", "jdbc:mariadb://127.0.0.1:3306/");
    static final String POSTGRES_URL = System.getProperty("ledgernet.bench.postgres", "jdbc:postgresql://127.0.0.1:5432/test");

    /** The generator bulk-loads MariaDB with LOAD DATA LOCAL INFILE from a stream, which the driver must allow. */
    private static final String LOCAL_INFILE = "?allowLocalInfile=true";

    /** One backend database of the benchmark. */
    record Backend(String name, SqlDialect dialect, String jdbcUrl, String user, String databaseOrSchema,
                   Path file, SampleSpec spec) {
        Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, user, "");
        }
    }

    private FanOutData() {
    }

    static SampleSpec base(int players, int actions) {
        return SampleSpec.defaults(20261121L).withSize(players, actions).withTime(90, END, ZoneOffset.UTC)
                .withTimeIndex(true);
    }

    static String backendName(int index) {
        return "s" + (index + 1);
    }

    /** Creates what is missing; returns the backends in order. Logs what it does to stderr. */
    static List<Backend> ensure(SqlDialect dialect, int backends, SampleSpec base, Path dir) throws SQLException {
        return ensure(dialect, backends, base, dir, "ledgernet_bench_");
    }

    /**
     * Gives every backend Ledger's {@code actions_time} index, or takes it away (a database from before Ledger
     * 1.3.21): the same data measured both ways. Creating it on MariaDB/PostgreSQL is followed by ANALYZE.
     */
    static void setTimeIndex(List<Backend> backends, boolean present) throws SQLException {
        for (Backend b : backends) {
            long t0 = System.nanoTime();
            try (Connection c = b.connect(); Statement st = c.createStatement()) {
                String drop = b.dialect().mysqlLike() ? "DROP INDEX IF EXISTS actions_time ON actions"
                        : "DROP INDEX IF EXISTS actions_time";
                st.execute(present ? net.ledgernet.storage.TimeIndexAdvice.createStatement(b.dialect(), "actions")
                        .replace(";", "") : drop);
                if (b.dialect() != SqlDialect.SQLITE) {
                    st.execute(b.dialect() == SqlDialect.POSTGRESQL ? "ANALYZE actions" : "ANALYZE TABLE actions");
                }
            }
            log(b.dialect() + "/" + b.name() + ": time index " + (present ? "present" : "absent") + " (" + secs(t0) + ")");
        }
    }

    static List<Backend> ensure(SqlDialect dialect, int backends, SampleSpec base, Path dir, String prefix)
            throws SQLException {
        List<Backend> out = new ArrayList<>();
        switch (dialect) {
            case SQLITE -> {
                long t0 = System.nanoTime();
                List<SampleNetwork.Backend> files = SampleNetwork.ensureSqlite(dir.resolve("sqlite"), backends, base);
                for (int i = 0; i < files.size(); i++) {
                    SampleNetwork.Backend f = files.get(i);
                    out.add(new Backend(backendName(i), dialect, f.jdbcUrl(), "", null, f.file(), f.spec()));
                }
                log("sqlite: " + backends + " backends ready in " + secs(t0));
            }
            case MARIADB -> {
                for (int i = 0; i < backends; i++) {
                    String db = prefix + (i + 1);
                    SampleSpec spec = SampleNetwork.specFor(base, i);
                    Backend b = new Backend(backendName(i), dialect, MARIADB_ADMIN + db + LOCAL_INFILE, "root", db, null,
                            spec);
                    if (!complete(b)) {
                        long t0 = System.nanoTime();
                        admin(MARIADB_ADMIN, "root", "DROP DATABASE IF EXISTS " + db,
                                "CREATE DATABASE " + db + " CHARACTER SET utf8mb4");
                        write(b);
                        log("mariadb: " + db + " written in " + secs(t0));
                    } else {
                        log("mariadb: " + db + " reused");
                    }
                    out.add(b);
                }
            }
            case POSTGRESQL -> {
                for (int i = 0; i < backends; i++) {
                    String schema = prefix + (i + 1);
                    SampleSpec spec = SampleNetwork.specFor(base, i);
                    Backend b = new Backend(backendName(i), dialect, POSTGRES_URL + "?currentSchema=" + schema
                            + "&reWriteBatchedInserts=true", "postgres", schema, null, spec);
                    if (!complete(b)) {
                        long t0 = System.nanoTime();
                        admin(POSTGRES_URL, "postgres", "DROP SCHEMA IF EXISTS " + schema + " CASCADE",
                                "CREATE SCHEMA " + schema);
                        write(b);
                        log("postgresql: " + schema + " written in " + secs(t0));
                    } else {
                        log("postgresql: " + schema + " reused");
                    }
                    out.add(b);
                }
            }
            default -> throw new IllegalArgumentException("unsupported dialect " + dialect);
        }
        return out;
    }

    /**
     * The one large backend of the name-resolution measurement ({@code --scale}): MariaDB database / PostgreSQL
     * schema {@code ledgernet_scale_<players>_<actions>}, SQLite file
     * {@code <dir>/ledgernet_scale_<players>_<actions>/backend-1/ledger.sqlite}.
     */
    static Backend ensureScale(SqlDialect dialect, SampleSpec spec, Path dir) throws SQLException {
        // One per size, so data of one size is kept while another is written.
        String name = "ledgernet_scale_" + spec.players() + "_" + spec.actions();
        long t0 = System.nanoTime();
        Backend b = switch (dialect) {
            case SQLITE -> {
                SampleNetwork.Backend f = SampleNetwork.ensureSqlite(dir.resolve(name), 1, spec).get(0);
                yield new Backend("big", dialect, f.jdbcUrl(), "", null, f.file(), f.spec());
            }
            case MARIADB -> new Backend("big", dialect, MARIADB_ADMIN + name + LOCAL_INFILE, "root", name, null,
                    SampleNetwork.specFor(spec, 0));
            case POSTGRESQL -> new Backend("big", dialect, POSTGRES_URL + "?currentSchema=" + name
                    + "&reWriteBatchedInserts=true", "postgres", name, null, SampleNetwork.specFor(spec, 0));
            default -> throw new IllegalArgumentException("unsupported dialect " + dialect);
        };
        if (dialect != SqlDialect.SQLITE && !complete(b)) {
            if (dialect == SqlDialect.MARIADB) {
                admin(MARIADB_ADMIN, "root", "DROP DATABASE IF EXISTS " + name,
                        "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
            } else {
                admin(POSTGRES_URL, "postgres", "DROP SCHEMA IF EXISTS " + name + " CASCADE", "CREATE SCHEMA " + name);
            }
            write(b);
        }
        log(dialect + ": scale backend (" + spec.players() + " players, " + spec.actions() + " actions) ready in "
                + secs(t0));
        return b;
    }

    private static void write(Backend b) throws SQLException {
        try (Connection c = b.connect()) {
            var result = SampleNetworkGenerator.load(c, b.dialect(), b.spec());
            log(String.format(Locale.ROOT, "  %s/%s: %,d actions at %,.0f rows/s (bulk load and indexes)", b.dialect(),
                    b.databaseOrSchema(), result.actionsWritten(), result.actionsPerSecond()));
            try (Statement st = c.createStatement()) {
                // Statistics (and on PostgreSQL the visibility map) as the server's own background work would
                // have them on a live database (InnoDB persistent stats / autovacuum); done explicitly so every
                // run plans the same way and no autovacuum starts in the middle of a measurement.
                st.execute(b.dialect() == SqlDialect.POSTGRESQL ? "VACUUM ANALYZE" : "ANALYZE TABLE actions");
                st.execute("CREATE TABLE ledgernet_bench_done (seed BIGINT, actions INT, players INT)");
                st.execute("INSERT INTO ledgernet_bench_done VALUES (" + b.spec().seed() + ", " + b.spec().actions()
                        + ", " + b.spec().players() + ")");
            }
        }
    }

    private static boolean complete(Backend b) {
        try (Connection c = b.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT seed, actions, players FROM ledgernet_bench_done")) {
            return rs.next() && rs.getLong(1) == b.spec().seed() && rs.getInt(2) == b.spec().actions()
                    && rs.getInt(3) == b.spec().players();
        } catch (SQLException e) {
            return false;
        }
    }

    private static void admin(String url, String user, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    static void log(String message) {
        System.err.println("[fanout-bench] " + message);
    }

    private static String secs(long t0) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9);
    }
}
