package net.ledgernet.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.ledgernet.storage.SqlDialect;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SampleNetworkTest {

    private static final SampleSpec BASE = SampleGeneratorTest.SPEC.withSize(8, 300);

    @ParameterizedTest
    @EnumSource(value = SqlDialect.class, names = {"SQLITE", "H2"})
    void createsBackendsOnceAndRepairsOnlyWhatIsMissing(SqlDialect dialect, @TempDir Path dir)
            throws SQLException, IOException {
        List<SampleNetwork.Backend> first = SampleNetwork.ensure(dir, 3, BASE, dialect);
        assertEquals(3, first.size());
        List<Object> stamps = new ArrayList<>();
        Set<Long> seeds = new HashSet<>();
        Set<List<String>> worldSets = new HashSet<>();
        for (SampleNetwork.Backend b : first) {
            assertTrue(Files.isRegularFile(b.file()), b.file().toString());
            assertTrue(b.file().startsWith(dir.resolve(b.name()).toAbsolutePath()));
            stamps.add(fileKey(b.file()));
            seeds.add(b.spec().seed());
            worldSets.add(worlds(b));
            assertEquals(b.spec().worlds(), worlds(b));
            assertEquals(300, actions(b));
        }
        assertEquals(3, seeds.size(), "each backend has its own seed");
        assertEquals(3, worldSets.size(), "each backend loads a slightly different set of worlds");
        try (var files = Files.list(dir.resolve("backend-1"))) {
            assertEquals(List.of(first.get(0).file().getFileName().toString()),
                    files.map(p -> p.getFileName().toString())
                            // H2 logs an internal assertion (-ea, store compaction on close) to a trace file.
                            .filter(n -> !n.endsWith(".trace.db")).toList(),
                    "no leftovers (WAL, partial files)");
        }

        List<SampleNetwork.Backend> second = SampleNetwork.ensure(dir, 3, BASE, dialect);
        assertEquals(first, second);
        for (int i = 0; i < 3; i++) {
            assertEquals(stamps.get(i), fileKey(second.get(i).file()), "left alone (not rewritten)");
        }

        // A missing backend and a broken one are rebuilt; the intact one stays untouched.
        Files.delete(first.get(1).file());
        Files.writeString(first.get(2).file(), "not a database");
        List<SampleNetwork.Backend> third = SampleNetwork.ensure(dir, 3, BASE, dialect);
        assertEquals(stamps.get(0), fileKey(third.get(0).file()));
        for (int i = 1; i < 3; i++) {
            assertEquals(300, actions(third.get(i)));
        }
        assertNotEquals(worlds(third.get(0)), worlds(third.get(1)));
    }

    /** The file's identity (inode): a rebuilt backend is a new file moved into place. */
    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private static long actions(SampleNetwork.Backend b) throws SQLException {
        try (Connection c = b.connect()) {
            return SampleGeneratorTest.count(c, "SELECT COUNT(*) FROM actions");
        }
    }

    private static List<String> worlds(SampleNetwork.Backend b) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = b.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT identifier FROM worlds ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
