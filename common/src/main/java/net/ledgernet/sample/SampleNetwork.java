package net.ledgernet.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import net.ledgernet.storage.SqlDialect;

/**
 * A small network of file-based Ledger backends in one directory, for the demo and for tests:
 * {@code <dir>/backend-<n>/ledger.sqlite} (or {@code ledger.h2.mv.db}, opened as Ledger-Databases does,
 * {@code jdbc:h2:<dir>/ledger.h2;MODE=MySQL}). Each backend gets its own seed and a slightly different
 * set of worlds.
 *
 * <p>Idempotent: a backend file that exists and has the expected row counts is left alone. A file is
 * written under a temporary name and moved into place when complete, so a crash never leaves a
 * half-written backend that looks finished.
 */
public final class SampleNetwork {

    /** One generated backend: where it is, how to open it, and what it contains. */
    public record Backend(String name, SqlDialect dialect, Path file, String jdbcUrl, SampleSpec spec) {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl);
        }
    }

    private SampleNetwork() {
    }

    /** SQLite backends: what the demo command calls. */
    public static List<Backend> ensureSqlite(Path dir, int backends, SampleSpec base) throws SQLException {
        return ensure(dir, backends, base, SqlDialect.SQLITE);
    }

    /** Creates the missing or incomplete backends; {@code dialect} is SQLITE or H2. */
    public static List<Backend> ensure(Path dir, int backends, SampleSpec base, SqlDialect dialect)
            throws SQLException {
        if (dialect != SqlDialect.SQLITE && dialect != SqlDialect.H2) {
            throw new IllegalArgumentException("file databases only: " + dialect);
        }
        List<Backend> out = new ArrayList<>(backends);
        for (int i = 0; i < backends; i++) {
            String name = "backend-" + (i + 1);
            SampleSpec spec = specFor(base, i);
            Path folder = dir.resolve(name).toAbsolutePath();
            Backend backend = backend(name, dialect, folder, "", spec);
            if (!isComplete(backend)) {
                build(backend, backend(name, dialect, folder, ".partial", spec));
            }
            out.add(backend);
        }
        return List.copyOf(out);
    }

    /**
     * Backend {@code index}'s spec: its own seed; the base worlds, minus the End on every second
     * backend and the first modded world on every third (a network's servers rarely load the same set).
     */
    public static SampleSpec specFor(SampleSpec base, int index) {
        List<String> worlds = new ArrayList<>(base.worlds());
        if (index % 2 == 1 && worlds.size() > 1) {
            worlds.remove("minecraft:the_end");
        }
        if (index % 3 == 2) {
            worlds.stream().filter(w -> !w.startsWith("minecraft:")).findFirst().ifPresent(worlds::remove);
        }
        return base.withSeed(base.seed() * 31 + index * 0x9E3779B97F4AL).withWorlds(worlds);
    }

    private static Backend backend(String name, SqlDialect dialect, Path folder, String suffix, SampleSpec spec) {
        return at(name, dialect, folder.resolve((dialect == SqlDialect.SQLITE ? "ledger.sqlite" : "ledger.h2") + suffix), spec);
    }

    /** A backend at {@code base}: the SQLite file itself, or the H2 database name (file {@code base.mv.db}). */
    private static Backend at(String name, SqlDialect dialect, Path base, SampleSpec spec) {
        return dialect == SqlDialect.SQLITE
                ? new Backend(name, dialect, base, "jdbc:sqlite:" + base, spec)
                : new Backend(name, dialect, Path.of(base + ".mv.db"), "jdbc:h2:" + base + ";MODE=MySQL", spec);
    }

    /**
     * Writes one sample backend at {@code base} (a SQLite file, or an H2 database name as in a
     * {@code jdbc:h2:} URL) if no database is there yet. An existing file is never touched, whatever
     * it holds: it may be someone's real Ledger database.
     *
     * @return true if it was written
     */
    public static boolean createIfAbsent(String name, SqlDialect dialect, Path base, SampleSpec spec) throws SQLException {
        if (dialect != SqlDialect.SQLITE && dialect != SqlDialect.H2) {
            throw new IllegalArgumentException("file databases only: " + dialect);
        }
        Backend target = at(name, dialect, base.toAbsolutePath(), spec);
        if (Files.exists(target.file())) {
            return false;
        }
        build(target, at(name, dialect, Path.of(base.toAbsolutePath() + ".partial"), spec));
        return true;
    }

    private static boolean isComplete(Backend b) {
        if (!Files.isRegularFile(b.file())) {
            return false;
        }
        String url = b.dialect() == SqlDialect.H2 ? b.jdbcUrl() + ";IFEXISTS=TRUE" : b.jdbcUrl();
        try (Connection c = DriverManager.getConnection(url);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(
                     "SELECT (SELECT COUNT(*) FROM actions), (SELECT COUNT(*) FROM players)")) {
            rs.next();
            return rs.getLong(1) == b.spec().actions() && rs.getLong(2) == b.spec().players();
        } catch (SQLException e) {
            return false; // missing tables, a foreign file: rebuild
        }
    }

    private static void build(Backend target, Backend partial) throws SQLException {
        try {
            Files.createDirectories(target.file().getParent());
            deleteWithCompanions(partial.file());
            try (Connection c = partial.connect()) {
                SampleNetworkGenerator.load(c, target.dialect(), target.spec());
            }
            // Closing the last connection checkpoints SQLite's WAL; the file alone is the database.
            deleteWithCompanions(target.file());
            Files.move(partial.file(), target.file(), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteWithCompanions(Path file) throws IOException {
        String f = file.toString();
        for (String s : List.of(f, f + "-wal", f + "-shm", f + "-journal",
                f.replace(".mv.db", ".trace.db"))) {
            Files.deleteIfExists(Path.of(s));
        }
    }
}
