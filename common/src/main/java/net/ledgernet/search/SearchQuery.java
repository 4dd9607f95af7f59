package net.ledgernet.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.Function;
import net.ledgernet.dimension.DimensionMap.Dimension;

/**
 * One parsed search, rollback or purge string: Ledger's parameters plus LedgerNet's
 * {@code backend:} terms. Immutable; equal queries render to the same string.
 *
 * <p>Keys combine by AND. Within a key see {@link Filter}: allowed values OR-ed, denied values AND-ed.
 * Durations are relative to "now" of whoever runs the query ({@code after:1d} is
 * {@code time >= now - 1d}); LedgerNet evaluates them once per search, on the proxy.
 *
 * @param actions    action type ids ({@code block-break}), case as written
 * @param sources    players (lower-cased names) and {@code @}-sources
 * @param objects    object ids and tags, namespaces written out
 * @param worlds     dimension ids, namespaces written out; network or local ids depending on
 *                   which side of {@link #localTo} the query is
 * @param range      {@code range:N} or {@code range:@global}, empty if not given
 * @param before     {@code before:}, whole seconds, not negative
 * @param after      {@code after:}, whole seconds, not negative
 * @param rolledBack {@code rolledback:true|false}
 * @param backends   {@code backend:} terms; never rendered for Ledger
 */
public record SearchQuery(
        Filter<String> actions,
        Filter<Source> sources,
        Filter<ObjectRef> objects,
        Filter<String> worlds,
        Optional<Range> range,
        Optional<Duration> before,
        Optional<Duration> after,
        Optional<Boolean> rolledBack,
        BackendSelection backends) {

    /** The empty search: no filters, which Ledger (and LedgerNet) answers with everything. */
    public static final SearchQuery ALL = builder().build();

    public SearchQuery {
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(objects, "objects");
        Objects.requireNonNull(worlds, "worlds");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(rolledBack, "rolledBack");
        Objects.requireNonNull(backends, "backends");
        actions.allowed().forEach(a -> Terms.require(Terms.checkAction(a)));
        actions.denied().forEach(a -> Terms.require(Terms.checkAction(a)));
        worlds = worlds.map(id -> Terms.requireIdentifier("world", id));
        before.ifPresent(SearchQuery::checkDuration);
        after.ifPresent(SearchQuery::checkDuration);
    }

    private static void checkDuration(Duration d) {
        if (!LedgerDurations.isRenderable(d)) {
            throw new IllegalArgumentException("durations are whole seconds, not negative: " + d);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * This query in Ledger's syntax, to send to a backend: canonical key order (action, source,
     * object, world, range, before, after, rolledback), allowed before denied, values sorted, one
     * space between terms, and no {@code backend:} terms. {@code parse(q.toLedgerString())} equals
     * {@code q.withoutBackends()} (for a query within the parser's limits, as parsed ones are).
     * Every value is from the parser's allow-lists, so the string needs no escaping anywhere.
     */
    public String toLedgerString() {
        return render(false);
    }

    /** Like {@link #toLedgerString()} but with the {@code backend:} terms, e.g. for logs and chat. */
    public String toSearchString() {
        return render(true);
    }

    public SearchQuery withoutBackends() {
        return withBackends(BackendSelection.DEFAULT);
    }

    public SearchQuery withBackends(BackendSelection selection) {
        return new SearchQuery(actions, sources, objects, worlds, range, before, after, rolledBack, selection);
    }

    public SearchQuery withRange(Optional<Range> newRange) {
        return new SearchQuery(actions, sources, objects, worlds, newRange, before, after, rolledBack, backends);
    }

    public SearchQuery withWorlds(Filter<String> newWorlds) {
        return new SearchQuery(actions, sources, objects, newWorlds, range, before, after, rolledBack, backends);
    }

    /**
     * Every {@code world:} id (allowed and denied) through {@code mapping}, all or nothing.
     *
     * @return the mapped query, or the terms that {@code mapping} had no answer for (as
     *         {@code world:id} / {@code world:!id}, sorted), never a half-mapped query
     */
    public MappedWorlds mapWorlds(Function<String, Optional<String>> mapping) {
        List<String> unmapped = new ArrayList<>();
        Set<String> allowed = mapAll(worlds.allowed(), mapping, false, unmapped);
        Set<String> denied = mapAll(worlds.denied(), mapping, true, unmapped);
        if (!unmapped.isEmpty()) {
            return new MappedWorlds(Optional.empty(), List.copyOf(unmapped));
        }
        return new MappedWorlds(Optional.of(withWorlds(new Filter<>(allowed, denied))), List.of());
    }

    /** Result of {@link #mapWorlds}: a query exactly when nothing was left unmapped. */
    public record MappedWorlds(Optional<SearchQuery> query, List<String> unmapped) {
        public MappedWorlds {
            unmapped = List.copyOf(unmapped);
            if (query.isPresent() != unmapped.isEmpty()) {
                throw new IllegalArgumentException("a query exactly when nothing is unmapped");
            }
        }
    }

    /** The backends that the allowed {@code world:} terms name (unresolvable ids are left out). */
    public Set<String> worldBackends(WorldResolver resolver) {
        Set<String> out = new TreeSet<>();
        for (String id : worlds.allowed()) {
            resolver.resolve(id).ifPresent(d -> out.add(d.backend()));
        }
        return out;
    }

    /** The {@code world:} terms {@code resolver} cannot place on any backend, e.g. {@code world:!foo:bar}. */
    public List<String> unresolvedWorlds(WorldResolver resolver) {
        List<String> out = new ArrayList<>();
        worlds.allowed().stream().filter(id -> resolver.resolve(id).isEmpty()).forEach(id -> out.add("world:" + id));
        worlds.denied().stream().filter(id -> resolver.resolve(id).isEmpty()).forEach(id -> out.add("world:!" + id));
        return List.copyOf(out);
    }

    /**
     * This query as {@code backend} must run it, with its {@code world:} ids turned into that
     * backend's local ids. Allowed worlds of other backends are dropped, and if that leaves none of
     * several, the query cannot match there: empty. Denied worlds of other backends are dropped (they
     * exclude nothing there). Unresolvable ids are treated as another backend's; refuse them first
     * ({@link #unresolvedWorlds}, or {@link SearchTargets}, which does).
     */
    public Optional<SearchQuery> localTo(String backend, WorldResolver resolver) {
        Set<String> allowed = new TreeSet<>();
        Set<String> denied = new TreeSet<>();
        worlds.allowed().forEach(id -> localId(resolver, id, backend).ifPresent(allowed::add));
        worlds.denied().forEach(id -> localId(resolver, id, backend).ifPresent(denied::add));
        if (!worlds.allowed().isEmpty() && allowed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(withWorlds(new Filter<>(allowed, denied)));
    }

    private static Optional<String> localId(WorldResolver resolver, String id, String backend) {
        return resolver.resolve(id).filter(d -> d.backend().equals(backend)).map(Dimension::localId);
    }

    private static Set<String> mapAll(
            Set<String> ids, Function<String, Optional<String>> mapping, boolean denied, List<String> unmapped) {
        Set<String> out = new TreeSet<>();
        for (String id : ids) {
            Optional<String> mapped = mapping.apply(id);
            if (mapped.isPresent()) {
                out.add(mapped.get());
            } else {
                unmapped.add(denied ? "world:!" + id : "world:" + id);
            }
        }
        return out;
    }

    private String render(boolean withBackends) {
        StringJoiner out = new StringJoiner(" ");
        terms(out, "action", actions, Function.identity());
        terms(out, "source", sources, Source::term);
        terms(out, "object", objects, ObjectRef::term);
        terms(out, "world", worlds, Function.identity());
        range.ifPresent(r -> out.add("range:" + r.term()));
        before.ifPresent(d -> out.add("before:" + LedgerDurations.render(d)));
        after.ifPresent(d -> out.add("after:" + LedgerDurations.render(d)));
        rolledBack.ifPresent(b -> out.add("rolledback:" + b));
        if (withBackends) {
            if (backends.all()) {
                out.add("backend:*");
            }
            backends.included().forEach(b -> out.add("backend:" + b));
            backends.excluded().forEach(b -> out.add("backend:!" + b));
        }
        return out.toString();
    }

    private static <T extends Comparable<? super T>> void terms(
            StringJoiner out, String key, Filter<T> filter, Function<T, String> term) {
        filter.allowed().forEach(v -> out.add(key + ":" + term.apply(v)));
        filter.denied().forEach(v -> out.add(key + ":!" + term.apply(v)));
    }

    /** Collects terms; values are checked when added, so {@link #build} cannot fail on them. */
    public static final class Builder {
        private final Set<String> allowedActions = new TreeSet<>();
        private final Set<String> deniedActions = new TreeSet<>();
        private final Set<Source> allowedSources = new TreeSet<>();
        private final Set<Source> deniedSources = new TreeSet<>();
        private final Set<ObjectRef> allowedObjects = new TreeSet<>();
        private final Set<ObjectRef> deniedObjects = new TreeSet<>();
        private final Set<String> allowedWorlds = new TreeSet<>();
        private final Set<String> deniedWorlds = new TreeSet<>();
        private Optional<Range> range = Optional.empty();
        private Optional<Duration> before = Optional.empty();
        private Optional<Duration> after = Optional.empty();
        private Optional<Boolean> rolledBack = Optional.empty();
        private BackendSelection backends = BackendSelection.DEFAULT;

        private Builder() {
        }

        public Builder action(boolean allowed, String id) {
            Terms.require(Terms.checkAction(id));
            (allowed ? allowedActions : deniedActions).add(id);
            return this;
        }

        public Builder source(boolean allowed, Source source) {
            (allowed ? allowedSources : deniedSources).add(Objects.requireNonNull(source));
            return this;
        }

        public Builder object(boolean allowed, ObjectRef object) {
            (allowed ? allowedObjects : deniedObjects).add(Objects.requireNonNull(object));
            return this;
        }

        public Builder world(boolean allowed, String id) {
            (allowed ? allowedWorlds : deniedWorlds).add(Terms.requireIdentifier("world", id));
            return this;
        }

        public Builder range(Range value) {
            range = Optional.of(value);
            return this;
        }

        public Builder before(Duration value) {
            checkDuration(value);
            before = Optional.of(value);
            return this;
        }

        public Builder after(Duration value) {
            checkDuration(value);
            after = Optional.of(value);
            return this;
        }

        public Builder rolledBack(boolean value) {
            rolledBack = Optional.of(value);
            return this;
        }

        public Builder backends(BackendSelection value) {
            backends = Objects.requireNonNull(value);
            return this;
        }

        public SearchQuery build() {
            return new SearchQuery(
                    new Filter<>(allowedActions, deniedActions),
                    new Filter<>(allowedSources, deniedSources),
                    new Filter<>(allowedObjects, deniedObjects),
                    new Filter<>(allowedWorlds, deniedWorlds),
                    range, before, after, rolledBack, backends);
        }
    }
}
