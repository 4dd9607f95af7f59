package net.ledgernet.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A search already resolved to one backend's lookup ids: what Ledger's {@code ActionSearchParams}
 * becomes in {@code DatabaseManager.buildQueryParams} (ledger.md §3.1), as plain data.
 *
 * <ul>
 *   <li>bounds and both time ends are inclusive;
 *   <li>allowed ids within one set are OR-ed, denied ids AND-ed, different sets AND-ed;
 *   <li>objects match on {@code object_id OR old_object_id}; a denied object is in neither column;
 *   <li>a denied player keeps rows without a player ({@code player_id IS NULL}), as in Ledger.
 * </ul>
 * {@link #NONE_MATCH} is the filter of a search that cannot match on this backend (Ledger turns the
 * whole query FALSE when any value, even a negated one, is unknown there); the fan-out does not even
 * query such a backend.
 */
public record ActionFilter(
        Optional<BlockBox> bounds,
        Optional<Instant> after,
        Optional<Instant> before,
        Optional<Boolean> rolledBack,
        IdSet actions,
        IdSet worlds,
        IdSet objects,
        IdSet sources,
        IdSet players,
        boolean noneMatch) {

    /** More bound ids than any sane search needs; keeps statements far below every driver's limit. */
    public static final int MAX_IDS = 2000;

    public static final ActionFilter ALL = builder().build();
    public static final ActionFilter NONE_MATCH = new ActionFilter(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), IdSet.ANY, IdSet.ANY, IdSet.ANY, IdSet.ANY, IdSet.ANY, true);

    public ActionFilter {
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(rolledBack, "rolledBack");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(worlds, "worlds");
        Objects.requireNonNull(objects, "objects");
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(players, "players");
        int ids = actions.size() + worlds.size() + objects.size() * 2 + sources.size() + players.size();
        if (ids > MAX_IDS) {
            throw new IllegalArgumentException("too many ids in one filter: " + ids + " > " + MAX_IDS);
        }
    }

    /** Inclusive block bounds, as Ledger's {@code BETWEEN}. */
    public record BlockBox(int minX, int maxX, int minY, int maxY, int minZ, int maxZ) {
        public BlockBox {
            if (minX > maxX || minY > maxY || minZ > maxZ) {
                throw new IllegalArgumentException("min above max in " + minX + ".." + maxX + ", " + minY + ".."
                        + maxY + ", " + minZ + ".." + maxZ);
            }
        }

        public static BlockBox of(int x, int y, int z) {
            return new BlockBox(x, x, y, y, z, z);
        }
    }

    /** Allowed and denied lookup ids for one column; both empty = no condition. */
    public record IdSet(Set<Integer> allowed, Set<Integer> denied) {
        public static final IdSet ANY = new IdSet(Set.of(), Set.of());

        public IdSet {
            // Sorted: the generated SQL and its parameters are the same for the same filter.
            allowed = java.util.Collections.unmodifiableSet(new TreeSet<>(allowed));
            denied = java.util.Collections.unmodifiableSet(new TreeSet<>(denied));
        }

        public static IdSet allow(Integer... ids) {
            return new IdSet(Set.of(ids), Set.of());
        }

        public static IdSet deny(Integer... ids) {
            return new IdSet(Set.of(), Set.of(ids));
        }

        public boolean isAny() {
            return allowed.isEmpty() && denied.isEmpty();
        }

        int size() {
            return allowed.size() + denied.size();
        }

        /** In Java, what the SQL does: for tests and for checking rows. */
        public boolean test(Integer id) {
            if (!allowed.isEmpty() && (id == null || !allowed.contains(id))) {
                return false;
            }
            return id == null || !denied.contains(id);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The WHERE condition (without the keyword) for {@code actions}, unqualified columns, {@code ?}
     * for every value. Times are encoded by the backend's codec.
     */
    public SqlFragment toSql(SqlDialect dialect, TimeCodec codec) {
        return toSql(dialect, codec, false);
    }

    /**
     * @param withoutIdIndexes write the lookup-id columns as {@code +column}, which keeps SQLite from
     *                         choosing their indexes: for a broad filter, walking the time index newest
     *                         first finds a page in a few rows, where an id index makes SQLite sort
     *                         every match before the LIMIT (BENCHMARKS.md)
     */
    public SqlFragment toSql(SqlDialect dialect, TimeCodec codec, boolean withoutIdIndexes) {
        java.util.function.UnaryOperator<String> col = c -> withoutIdIndexes ? "+" + c : c;
        if (noneMatch) {
            return new SqlFragment("1 = 0", List.of());
        }
        List<String> terms = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        bounds.ifPresent(b -> {
            terms.add("x BETWEEN ? AND ?");
            terms.add("y BETWEEN ? AND ?");
            terms.add("z BETWEEN ? AND ?");
            params.addAll(List.of(b.minX, b.maxX, b.minY, b.maxY, b.minZ, b.maxZ));
        });
        String time = dialect.ledgerColumn("time");
        after.ifPresent(t -> {
            terms.add(time + " >= ?");
            params.add(codec.encode(t));
        });
        before.ifPresent(t -> {
            terms.add(time + " <= ?");
            params.add(codec.encode(t));
        });
        rolledBack.ifPresent(r -> {
            terms.add("rolled_back = ?");
            params.add(r);
        });
        plain(terms, params, col.apply(dialect.ledgerColumn("source")), sources, false);
        plain(terms, params, col.apply("action_id"), actions, false);
        plain(terms, params, col.apply("world_id"), worlds, false);
        if (!objects.allowed.isEmpty()) {
            terms.add("(" + col.apply("object_id") + " IN " + marks(objects.allowed) + " OR "
                    + col.apply("old_object_id") + " IN " + marks(objects.allowed) + ")");
            params.addAll(objects.allowed);
            params.addAll(objects.allowed);
        }
        if (!objects.denied.isEmpty()) {
            terms.add(col.apply("object_id") + " NOT IN " + marks(objects.denied));
            terms.add(col.apply("old_object_id") + " NOT IN " + marks(objects.denied));
            params.addAll(objects.denied);
            params.addAll(objects.denied);
        }
        // player_id is the only nullable column: Ledger's `<> x OR IS NULL` keeps environment rows.
        plain(terms, params, col.apply("player_id"), players, true);
        return new SqlFragment(terms.isEmpty() ? "1 = 1" : String.join(" AND ", terms), params);
    }

    private static void plain(List<String> terms, List<Object> params, String column, IdSet set, boolean nullable) {
        if (!set.allowed.isEmpty()) {
            terms.add(column + " IN " + marks(set.allowed));
            params.addAll(set.allowed);
        }
        if (!set.denied.isEmpty()) {
            terms.add(nullable ? "(" + column + " NOT IN " + marks(set.denied) + " OR " + column + " IS NULL)"
                    : column + " NOT IN " + marks(set.denied));
            params.addAll(set.denied);
        }
    }

    private static String marks(Set<Integer> ids) {
        return ids.stream().map(i -> "?").collect(Collectors.joining(", ", "(", ")"));
    }

    /** Fluent construction; unset parts match everything. */
    public static final class Builder {
        private Optional<BlockBox> bounds = Optional.empty();
        private Optional<Instant> after = Optional.empty();
        private Optional<Instant> before = Optional.empty();
        private Optional<Boolean> rolledBack = Optional.empty();
        private IdSet actions = IdSet.ANY;
        private IdSet worlds = IdSet.ANY;
        private IdSet objects = IdSet.ANY;
        private IdSet sources = IdSet.ANY;
        private IdSet players = IdSet.ANY;

        public Builder bounds(BlockBox box) {
            bounds = Optional.of(box);
            return this;
        }

        public Builder after(Instant t) {
            after = Optional.of(t);
            return this;
        }

        public Builder before(Instant t) {
            before = Optional.of(t);
            return this;
        }

        public Builder rolledBack(boolean r) {
            rolledBack = Optional.of(r);
            return this;
        }

        public Builder actions(IdSet s) {
            actions = s;
            return this;
        }

        public Builder worlds(IdSet s) {
            worlds = s;
            return this;
        }

        public Builder objects(IdSet s) {
            objects = s;
            return this;
        }

        public Builder sources(IdSet s) {
            sources = s;
            return this;
        }

        public Builder players(IdSet s) {
            players = s;
            return this;
        }

        public ActionFilter build() {
            return new ActionFilter(bounds, after, before, rolledBack, actions, worlds, objects, sources, players,
                    false);
        }
    }

    @Override
    public String toString() {
        if (noneMatch) {
            return "ActionFilter[NONE_MATCH]";
        }
        StringBuilder sb = new StringBuilder("ActionFilter[");
        bounds.ifPresent(b -> sb.append(b).append(' '));
        after.ifPresent(t -> sb.append("after=").append(t).append(' '));
        before.ifPresent(t -> sb.append("before=").append(t).append(' '));
        rolledBack.ifPresent(r -> sb.append("rolledBack=").append(r).append(' '));
        Map<String, IdSet> sets = new LinkedHashMap<>();
        sets.put("actions", actions);
        sets.put("worlds", worlds);
        sets.put("objects", objects);
        sets.put("sources", sources);
        sets.put("players", players);
        sets.forEach((name, set) -> {
            if (!set.isAny()) {
                sb.append(name).append('=').append(set.allowed).append('!').append(set.denied).append(' ');
            }
        });
        return sb.toString().trim() + "]";
    }
}
