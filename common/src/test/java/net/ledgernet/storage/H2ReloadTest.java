package net.ledgernet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An embedded H2 database is closed for the whole JVM when a thread reading it is interrupted
 * (H2 2.3.232: "The database has been closed" for every connection afterwards). A reload closes the
 * old readers while a search may still run: they must let it finish, never interrupt it, and the
 * backend must answer the next search. Real H2 file, as Ledger-Databases opens it.
 */
class H2ReloadTest {

    /**
     * A read of the H2 file that takes seconds: the actions table scanned again and again with a page
     * cache far smaller than the table, so the reading thread is in the file channel most of the time
     * (where an interrupt closes the channel, and with it the database).
     */
    private static long longRead(java.sql.Connection c, String actions) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (SELECT x FROM SYSTEM_RANGE(1, 2000)) r, "
                + actions + " a WHERE a.x <> r.x OR a.extra_data IS NULL")) {
            ps.setQueryTimeout(4);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void closingReadersDuringALongH2SearchLeavesTheDatabaseOpen() throws Exception {
        try (TestNetwork net = TestNetwork.create(SqlDialect.H2, List.of(TestNetwork.spec(21, 40, 20_000)))) {
            try (var st = net.member("alpha").writer().createStatement()) {
                st.execute("SET CACHE_SIZE 256"); // KB, for the whole database: reads go to the file
            }
            List<ActionRow> want = net.expected(r -> true);
            for (int reload = 0; reload < 3; reload++) {
                ActionFanOut old = ActionFanOut.open(net.databases(), TestNetwork.settings(Duration.ofSeconds(30)));
                BackendReader reader = old.reader("alpha").orElseThrow();
                String actions = net.databases().get("alpha").orElseThrow()
                        .qualify(SchemaProbe.probe(net.databases().get("alpha").orElseThrow()).tables().get("actions"));
                CompletableFuture<Long> running = reader.call((c, r) -> longRead(c, actions));
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (reader.busyThreads() == 0 && System.nanoTime() < until) {
                    Thread.sleep(5);
                }
                Thread.sleep(300); // well inside the query
                assertEquals(1, reader.busyThreads(), "the long read is running when the reload closes the readers");
                old.close(); // what a reload (or disable) does with the old readers
                // The read ends by itself (result or its own query timeout), never by an interrupt.
                running.handle((v, e) -> null).get(30, TimeUnit.SECONDS);

                try (ActionFanOut fresh = ActionFanOut.open(net.databases(),
                        TestNetwork.settings(Duration.ofSeconds(30)))) {
                    List<ActionRow> got = TestNetwork.all(fresh, Map.of("alpha", ActionFilter.ALL), 1000);
                    assertEquals(want, got, "after reload " + (reload + 1) + " the H2 backend answers every row");
                }
            }
            // The writer (Ledger's side of the same file) is still usable too.
            try (var st = net.member("alpha").writer().createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM ACTIONS")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(20_000);
            }
        }
    }
}
