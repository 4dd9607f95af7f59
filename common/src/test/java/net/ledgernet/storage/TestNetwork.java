package net.ledgernet.storage;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import net.ledgernet.config.BackendConfig;
import net.ledgernet.config.DatabaseTarget;
import net.ledgernet.config.PoolSettings;
import net.ledgernet.sample.SampleData;
import net.ledgernet.sample.SampleNetworkGenerator;
import net.ledgernet.sample.SampleSpec;

/**
 * Several generated Ledger backends of one dialect (one real database each), opened through
 * {@link BackendDatabases} the way the proxy opens them, plus what each one must return, computed
 * in Java from its {@link SampleData}.
 */
final class TestNetwork implements AutoCloseable {
    static final List<String> NAMES = List.of("alpha", "bravo", "charlie", "delta");

    /**
     * @param writer a writable connection kept open for the network's life: it inserts rows "while
     *               Ledger keeps logging", and for H2 it keeps the database open read-write (an H2 file
     *               opened first by the read-only pool would refuse every later writer in this JVM)
     */
    record Member(String name, TestDatabase db, SampleData data, BackendConfig config, Connection writer) {
        /** The row Ledger wrote for action index i (id i + 1), as the engine must return it. */
        ActionRow expectedRow(int i) {
            SampleData.Action a = data.action(i);
            Instant time = db.dialect() == SqlDialect.SQLITE ? a.time().truncatedTo(ChronoUnit.MILLIS) : a.time();
            Optional<SampleData.Player> p = a.player() < 0 ? Optional.empty()
                    : Optional.of(data.players().get(a.player()));
            return new ActionRow(name, i + 1, time, a.type(), a.x(), a.y(), a.z(), a.world(), a.object(),
                    a.oldObject(), a.source(), p.map(SampleData.Player::uuid), p.map(SampleData.Player::name),
                    Optional.ofNullable(a.extraData()), a.rolledBack());
        }

        List<ActionRow> expected(Predicate<ActionRow> filter) {
            List<ActionRow> out = new ArrayList<>();
            for (int i = 0; i < data.actionCount(); i++) {
                ActionRow row = expectedRow(i);
                if (filter.test(row)) {
                    out.add(row);
                }
            }
            return out;
        }

        String playerName(SampleData.Action a) {
            return a.player() < 0 ? null : data.players().get(a.player()).name();
        }
    }

    private final List<Member> members;
    private final BackendDatabases databases;

    private TestNetwork(List<Member> members, BackendDatabases databases) {
        this.members = members;
        this.databases = databases;
    }

    static TestNetwork create(SqlDialect dialect, List<SampleSpec> specs) throws Exception {
        List<Member> members = new ArrayList<>();
        try {
            for (int i = 0; i < specs.size(); i++) {
                TestDatabase db = TestDatabase.create(dialect);
                SampleData data = SampleData.of(specs.get(i));
                Connection writer = db.connect();
                members.add(new Member(NAMES.get(i), db, data, config(NAMES.get(i), db, data.spec().storageZone()),
                        writer));
                SampleNetworkGenerator.write(writer, dialect, data);
            }
            return new TestNetwork(List.copyOf(members),
                    BackendDatabases.open(members.stream().map(Member::config).toList()));
        } catch (Exception | Error e) {
            members.forEach(TestNetwork::closeQuietly);
            throw e;
        }
    }

    /** A backend config reaching {@code db} directly, with short timeouts for tests. */
    static BackendConfig config(String name, TestDatabase db, ZoneId zone) {
        return config(name, db.dialect(), db.jdbcUrl(), zone);
    }

    static BackendConfig config(String name, SqlDialect dialect, String jdbcUrl, ZoneId zone) {
        return config(name, dialect, jdbcUrl, zone, new PoolSettings(2, Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }

    static BackendConfig config(String name, SqlDialect dialect, String jdbcUrl, ZoneId zone, PoolSettings pool) {
        DatabaseTarget target = new DatabaseTarget("backend:" + name, dialect, jdbcUrl, "", "", pool,
                Optional.empty(), name, Optional.empty());
        return new BackendConfig(name, target, zone, Optional.empty(), false, true);
    }

    List<Member> members() {
        return members;
    }

    Member member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    BackendDatabases databases() {
        return databases;
    }

    /** All expected rows of every member matching {@code filter}, in merge order. */
    List<ActionRow> expected(Predicate<ActionRow> filter) {
        List<ActionRow> all = new ArrayList<>();
        members.forEach(m -> all.addAll(m.expected(filter)));
        all.sort(ActionFanOut.NEWEST_FIRST);
        return all;
    }

    static SampleSpec spec(long seed, int players, int actions) {
        return SampleSpec.defaults(seed).withSize(players, actions).withTime(20,
                Instant.parse("2025-06-01T00:00:00Z"), ZoneId.of("UTC")).withRolledBackShare(0.1);
    }

    static FanOutSettings settings(Duration deadline) {
        return new FanOutSettings(deadline, 2, 16, 3, Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofSeconds(10), 256, java.time.Clock.systemUTC());
    }

    /** Walks every page of a search. */
    static List<ActionRow> all(ActionFanOut fanOut, java.util.Map<String, ActionFilter> filters, int pageSize) {
        List<ActionRow> out = new ArrayList<>();
        MergedPage page = fanOut.firstPage(filters, pageSize).join();
        int guard = 0;
        while (true) {
            if (page.partial()) {
                throw new AssertionError("backends missing: " + page.missing());
            }
            out.addAll(page.rows());
            if (page.last()) {
                return out;
            }
            if (++guard > 100_000) {
                throw new AssertionError("no end");
            }
            page = fanOut.nextPage(page.next()).join();
        }
    }

    @Override
    public void close() {
        databases.close();
        members.forEach(TestNetwork::closeQuietly);
    }

    private static void closeQuietly(Member m) {
        try {
            m.writer().close();
        } catch (java.sql.SQLException ignored) {
            // closing anyway
        }
        m.db().close();
    }
}
