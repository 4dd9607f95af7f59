package net.ledgernet.storage.sample;

import java.sql.Connection;
import java.sql.SQLException;

import net.ledgernet.storage.SqlDialect;
import net.ledgernet.storage.TestDatabase;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Opt-in write throughput check (not part of the normal run):
 * {@code mvn -o -pl common test -Dtest=SampleThroughputTest -Dledgernet.sample.rows=100000}.
 */
@EnabledIfSystemProperty(named = "ledgernet.sample.rows", matches = "\\d+")
class SampleThroughputTest {

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void writeThroughput(SqlDialect dialect) throws SQLException {
        int rows = Integer.parseInt(System.getProperty("ledgernet.sample.rows"));
        SampleSpec spec = SampleSpec.defaults(7).withSize(2_000, rows);
        try (TestDatabase db = TestDatabase.create(dialect); Connection c = db.connect()) {
            long t0 = System.nanoTime();
            SampleData data = SampleData.of(spec);
            long model = System.nanoTime() - t0;
            SampleNetworkGenerator.Result r = SampleNetworkGenerator.write(c, dialect, data);
            System.out.printf("%-10s %,d actions in %.2f s (model %.2f s): %,.0f actions/s%n", dialect,
                    r.actionsWritten(), r.nanos() / 1e9, model / 1e9, r.actionsPerSecond());
        }
    }
}
