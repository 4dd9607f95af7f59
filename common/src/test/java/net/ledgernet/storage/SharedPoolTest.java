package net.ledgernet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import net.ledgernet.config.BackendConfig;
import net.ledgernet.config.DatabaseTarget;
import net.ledgernet.config.PoolSettings;
import net.ledgernet.sample.SampleData;
import net.ledgernet.sample.SampleNetworkGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11 item 9: backends on one database server share one pool, and a backend whose table is
 * locked must not take every connection of it: its neighbour's search stays fast.
 */
class SharedPoolTest {
    private static final Duration DEADLINE = Duration.ofSeconds(3);

    static Stream<SqlDialect> servers() {
        return Stream.of(SqlDialect.MARIADB, SqlDialect.POSTGRESQL);
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aLockedBackendLeavesItsNeighbourAConnection(SqlDialect dialect) throws Exception {
        try (TestDatabase survivalDb = TestDatabase.create(dialect); TestDatabase creativeDb = TestDatabase.create(dialect);
             Connection survivalWriter = survivalDb.connect(); Connection creativeWriter = creativeDb.connect()) {
            SampleData survivalData = SampleData.of(TestNetwork.spec(91, 10, 300));
            SampleData creativeData = SampleData.of(TestNetwork.spec(92, 10, 300));
            SampleNetworkGenerator.write(survivalWriter, dialect, survivalData);
            SampleNetworkGenerator.write(creativeWriter, dialect, creativeData);
            // One server, one pool of 4, as config.yml's database-servers gives it; 4 threads per backend,
            // so a stalled backend's requests could hold the whole pool.
            PoolSettings pool = new PoolSettings(4, Duration.ofSeconds(2), Duration.ofSeconds(10));
            List<BackendConfig> configs = List.of(shared("survival", dialect, survivalDb, pool),
                    shared("creative", dialect, creativeDb, pool));
            FanOutSettings settings = new FanOutSettings(DEADLINE, 4, 32, 3, Duration.ofSeconds(30),
                    Duration.ofMinutes(5), Duration.ofSeconds(10), 256, java.time.Clock.systemUTC());
            try (BackendDatabases dbs = BackendDatabases.open(configs); ActionFanOut fanOut = ActionFanOut.open(dbs, settings)) {
                assertEquals(1, dbs.poolCount());
                TestNetwork.Member creative = new TestNetwork.Member("creative", creativeDb, creativeData,
                        configs.get(1), creativeWriter);
                List<ActionRow> creativeRows = creative.expected(r -> true);
                creativeRows.sort(ActionFanOut.NEWEST_FIRST);
                Map<String, ActionFilter> creativeOnly = Map.of("creative", ActionFilter.ALL);
                assertEquals(creativeRows.subList(0, 8), fanOut.firstPage(creativeOnly, 8).join().rows());

                TestNetwork.Member survival = new TestNetwork.Member("survival", survivalDb, survivalData,
                        configs.get(0), survivalWriter);
                PlayerLookupBatchTest.lockActions(dialect, survival);
                List<CompletableFuture<MergedPage>> stuck = new ArrayList<>();
                try {
                    for (int i = 0; i < 8; i++) {
                        stuck.add(fanOut.firstPage(Map.of("survival", ActionFilter.ALL), 8));
                    }
                    BackendDatabase survivalDatabase = dbs.get("survival").orElseThrow();
                    long start = System.nanoTime();
                    while (survivalDatabase.connectionsHeld() < 3 && System.nanoTime() - start < 2_000_000_000L) {
                        Thread.sleep(10);
                    }
                    assertEquals(3, survivalDatabase.connectionsHeld(),
                            "survival's waiting queries hold all the pool but creative's one");

                    long t0 = System.nanoTime();
                    MergedPage page = fanOut.firstPage(creativeOnly, 8).join();
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    assertThat(page.missing()).isEmpty();
                    assertEquals(creativeRows.subList(0, 8), page.rows());
                    assertThat(ms).as("creative waited for no connection of survival's").isLessThan(1000);
                    assertTrue(stuck.stream().noneMatch(CompletableFuture::isDone), "survival still waits on its lock");
                } finally {
                    PlayerLookupBatchTest.unlockActions(dialect, survival);
                }
                for (CompletableFuture<MergedPage> f : stuck) {
                    MergedPage p = f.join();
                    assertTrue(p.rows().size() == 8 || p.missing().containsKey("survival"));
                }
            }
        }
    }

    @Test
    void everyBackendKeepsAConnectionWhateverTheOthersHold() throws Exception {
        PoolShares shares = new PoolShares(4);
        for (String b : List.of("a", "b", "c")) {
            shares.register(b);
        }
        assertTrue(shares.acquire("a", 0));
        assertTrue(shares.acquire("a", 0), "a second one, leaving one each for b and c");
        assertFalse(shares.acquire("a", 0), "a third would leave b or c without");
        assertTrue(shares.acquire("b", 0));
        assertFalse(shares.acquire("b", 0), "c still holds none");
        assertTrue(shares.acquire("c", 0));
        assertFalse(shares.acquire("c", 0), "the pool is used up");
        shares.release("a");
        assertTrue(shares.acquire("c", 0), "everyone holds one now: the free one goes to whoever asks");
        assertEquals(List.of(1, 1, 2), List.of(shares.held("a"), shares.held("b"), shares.held("c")));
    }

    /** A backend as database-servers + database: the server's URL, its own database or schema. */
    private static BackendConfig shared(String name, SqlDialect dialect, TestDatabase db, PoolSettings pool) {
        String url = dialect == SqlDialect.MARIADB ? TestDatabase.MARIADB_URL : TestDatabase.POSTGRES_URL;
        DatabaseTarget target = new DatabaseTarget("server:main", dialect, url, "", "", pool, Optional.of(db.name()),
                db.name(), Optional.empty());
        return new BackendConfig(name, target, ZoneId.of("UTC"), Optional.empty(), false, true);
    }
}
