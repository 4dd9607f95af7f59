package net.ledgernet.benchmarks;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.ledgernet.storage.ActionFilter;
import net.ledgernet.storage.SqlDialect;
import net.ledgernet.sample.LedgerSchema;
import net.ledgernet.sample.SampleNetworkGenerator;

/**
 * Ledger's own query shape on one backend, in plain JDBC (ledger.md §3.1, §3.2): resolve every value to its
 * lookup id with one query each (what Ledger does on a cache miss; {@code players} by UUID, since Ledger turns
 * a player name into a UUID through the server's profile cache), then {@code SELECT COUNT(*) FROM actions WHERE
 * <pred>} and, if anything matched, {@code SELECT <all 15 columns> ... WHERE <pred> ORDER BY id DESC LIMIT 8
 * OFFSET 8*(page-1)}, reading every column of every row. Predicates are written the way Exposed renders them:
 * {@code x BETWEEN}, {@code time >=}, {@code rolled_back =}, {@code action_id =}, {@code world_id =},
 * {@code (object_id = ? OR old_object_id = ?)}, {@code player_id =}.
 */
final class LedgerBaseline {

    /** A search in Ledger's terms ({@code ActionSearchParams}), values not yet resolved. */
    record Params(Optional<ActionFilter.BlockBox> bounds, Optional<Duration> after, Optional<Boolean> rolledBack,
                  Optional<String> action, Optional<String> world, Optional<String> object, Optional<UUID> player) {
        static Params none() {
            return new Params(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }

        Params bounds(ActionFilter.BlockBox b) {
            return new Params(Optional.of(b), after, rolledBack, action, world, object, player);
        }

        Params after(Duration d) {
            return new Params(bounds, Optional.of(d), rolledBack, action, world, object, player);
        }

        Params rolledBack(boolean r) {
            return new Params(bounds, after, Optional.of(r), action, world, object, player);
        }

        Params action(String a) {
            return new Params(bounds, after, rolledBack, Optional.of(a), world, object, player);
        }

        Params world(String w) {
            return new Params(bounds, after, rolledBack, action, Optional.of(w), object, player);
        }

        Params object(String o) {
            return new Params(bounds, after, rolledBack, action, world, Optional.of(o), player);
        }

        Params player(UUID p) {
            return new Params(bounds, after, rolledBack, action, world, object, Optional.of(p));
        }
    }

    /**
     * What Ledger does for a client-mod search (ledger.md §1.8, {@code MessageUtils.sendSearchResults}): for a
     * networked player it sends every page from 1 to the last, each one {@code selectActionsSearch} = COUNT + page
     * query. {@code pagesDone} of {@code pages} were run within the budget; the total for all pages is estimated
     * from their average, a lower bound since OFFSET grows with the page.
     */
    record Stream(long count, long pages, long pagesDone, long nanos) {
        double measuredMs() {
            return nanos / 1e6;
        }

        double estimatedTotalMs() {
            return pagesDone == 0 ? 0 : measuredMs() / pagesDone * pages;
        }
    }

    Stream clientModStream(Params p, int pageSize, double budgetMs) throws SQLException {
        long t0 = System.nanoTime();
        long end = t0 + (long) (budgetMs * 1e6);
        Result first = page(p, 1, pageSize);
        long pages = (first.count() + pageSize - 1) / pageSize;
        long done = 1;
        while (done < pages && System.nanoTime() < end) {
            page(p, (int) done + 1, pageSize);
            done++;
        }
        return new Stream(first.count(), pages, Math.min(done, Math.max(pages, 1)), System.nanoTime() - t0);
    }

    /** One page as Ledger computes it, with the time of each step. */
    record Result(long count, int rows, long lookupNanos, long countNanos, long pageNanos) {
    }

    private final Connection connection;
    private final SqlDialect dialect;
    private final Instant now;
    private final String time;

    LedgerBaseline(Connection connection, SqlDialect dialect, Instant now) {
        this.connection = connection;
        this.dialect = dialect;
        this.now = now;
        this.time = LedgerSchema.column(dialect, "time");
    }

    Result page(Params p, int page, int pageSize) throws SQLException {
        long t0 = System.nanoTime();
        List<String> terms = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        p.bounds().ifPresent(b -> {
            terms.add("(x BETWEEN ? AND ?)");
            terms.add("(y BETWEEN ? AND ?)");
            terms.add("(z BETWEEN ? AND ?)");
            params.addAll(List.of(b.minX(), b.maxX(), b.minY(), b.maxY(), b.minZ(), b.maxZ()));
        });
        p.after().ifPresent(d -> {
            terms.add("(" + time + " >= ?)");
            params.add(timeParam(now.minus(d)));
        });
        p.rolledBack().ifPresent(r -> {
            terms.add("(rolled_back = ?)");
            params.add(r);
        });
        boolean unknown = false;
        if (p.action().isPresent()) {
            Optional<Integer> id = lookup("SELECT id FROM ActionIdentifiers WHERE action_identifier = ?", p.action().get());
            unknown |= id.isEmpty();
            terms.add("(action_id = ?)");
            params.add(id.orElse(-1));
        }
        if (p.world().isPresent()) {
            Optional<Integer> id = lookup("SELECT id FROM worlds WHERE identifier = ?", p.world().get());
            unknown |= id.isEmpty();
            terms.add("(world_id = ?)");
            params.add(id.orElse(-1));
        }
        if (p.object().isPresent()) {
            Optional<Integer> id = lookup("SELECT id FROM ObjectIdentifiers WHERE identifier = ?", p.object().get());
            unknown |= id.isEmpty();
            terms.add("((object_id = ?) OR (old_object_id = ?))");
            params.add(id.orElse(-1));
            params.add(id.orElse(-1));
        }
        if (p.player().isPresent()) {
            Optional<Integer> id = lookup("SELECT id FROM players WHERE player_id = ?", p.player().get());
            unknown |= id.isEmpty();
            terms.add("(player_id = ?)");
            params.add(id.orElse(-1));
        }
        String where = unknown ? "1 = 0" : terms.isEmpty() ? "1 = 1" : "1 = 1 AND " + String.join(" AND ", terms);
        long t1 = System.nanoTime();
        long count;
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM actions WHERE " + where)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                count = rs.getLong(1);
            }
        }
        long t2 = System.nanoTime();
        int rows = 0;
        if (count > 0) {
            String sql = "SELECT id, action_id, " + time + ", x, y, z, world_id, object_id, old_object_id, block_state,"
                    + " old_block_state, " + LedgerSchema.column(dialect, "source") + ", player_id, extra_data, rolled_back"
                    + " FROM actions WHERE " + where + " ORDER BY id DESC LIMIT ? OFFSET ?";
            List<Object> all = new ArrayList<>(params);
            all.add(pageSize);
            all.add(pageSize * (page - 1));
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                bind(ps, all);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // Read every column, as Exposed materialises the whole row.
                        rs.getLong(1);
                        rs.getInt(2);
                        rs.getObject(3);
                        for (int c = 4; c <= 9; c++) {
                            rs.getInt(c);
                        }
                        rs.getString(10);
                        rs.getString(11);
                        rs.getInt(12);
                        rs.getInt(13);
                        rs.getString(14);
                        rs.getBoolean(15);
                        rows++;
                    }
                }
            }
        }
        long t3 = System.nanoTime();
        return new Result(count, rows, t1 - t0, t2 - t1, t3 - t2);
    }

    private Optional<Integer> lookup(String sql, Object value) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (value instanceof UUID u) {
                if (dialect == SqlDialect.POSTGRESQL || dialect == SqlDialect.H2) {
                    ps.setObject(1, u);
                } else {
                    ps.setBytes(1, ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                            .putLong(u.getLeastSignificantBits()).array());
                }
            } else {
                ps.setString(1, (String) value);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    private Object timeParam(Instant t) {
        return dialect == SqlDialect.SQLITE ? SampleNetworkGenerator.sqliteTime(t, ZoneOffset.UTC)
                : LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Integer v) {
                ps.setInt(i + 1, v);
            } else if (p instanceof Boolean v) {
                ps.setBoolean(i + 1, v);
            } else if (p instanceof String v) {
                ps.setString(i + 1, v);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }
}
