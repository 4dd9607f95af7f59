package net.ledgernet.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import net.ledgernet.search.Filter;
import net.ledgernet.search.ObjectRef;
import net.ledgernet.search.SearchQuery;
import net.ledgernet.search.Source;
import net.ledgernet.storage.ActionFilter.IdSet;

/**
 * A backend's query (its own dimension ids, see {@code SearchQuery.localTo}) resolved to that
 * backend's lookup ids, as Ledger does before it builds its SQL (ledger.md §3.1).
 *
 * <p>Deliberate difference: Ledger answers "no rows" as soon as any value is unknown to the
 * database, even a negated one ({@code action:!nonexistent}). Here an unknown allowed value simply
 * matches nothing (if every allowed value of a key is unknown, the backend has no rows), and an
 * unknown denied value excludes nothing. A name unknown on one backend must not blank the others.
 */
final class SearchResolver {
    private SearchResolver() {
    }

    /**
     * @param objectTags tag id -> object ids (config.yml's object-tags); a tag not listed there cannot
     *                   be answered, since the proxy has no game registry
     */
    static ActionFilter resolve(SearchQuery query, Optional<ActionFilter.BlockBox> bounds, Instant now,
                                Map<String, List<String>> objectTags, Connection connection, BackendReader reader)
            throws SQLException {
        ActionFilter.Builder filter = ActionFilter.builder();
        bounds.ifPresent(filter::bounds);
        query.after().ifPresent(after -> filter.after(now.minus(after)));
        query.before().ifPresent(before -> filter.before(now.minus(before)));
        query.rolledBack().ifPresent(filter::rolledBack);

        Optional<IdSet> actions = ids(query.actions(), LookupTable.Kind.ACTION, connection, reader);
        Optional<IdSet> worlds = ids(query.worlds(), LookupTable.Kind.WORLD, connection, reader);
        Optional<IdSet> objects = ids(expandTags(query.objects(), objectTags), LookupTable.Kind.OBJECT, connection,
                reader);
        Filter<String> named = Filter.<String>none();
        Filter<String> players = Filter.<String>none();
        for (Source source : query.sources().allowed()) {
            if (source instanceof Source.Named n) {
                named = named.andAllow(n.name());
            } else {
                players = players.andAllow(((Source.Player) source).name());
            }
        }
        for (Source source : query.sources().denied()) {
            if (source instanceof Source.Named n) {
                named = named.andDeny(n.name());
            } else {
                players = players.andDeny(((Source.Player) source).name());
            }
        }
        Optional<IdSet> sources = ids(named, LookupTable.Kind.SOURCE, connection, reader);
        Optional<IdSet> playerIds = playerIds(players, connection, reader);
        if (actions.isEmpty() || worlds.isEmpty() || objects.isEmpty() || sources.isEmpty() || playerIds.isEmpty()) {
            return ActionFilter.NONE_MATCH;
        }
        return filter.actions(actions.get()).worlds(worlds.get()).objects(objects.get()).sources(sources.get())
                .players(playerIds.get()).build();
    }

    /** Object ids and tags as object ids only: each tag becomes its members (allowed or denied alike). */
    private static Filter<String> expandTags(Filter<ObjectRef> objects, Map<String, List<String>> objectTags) {
        Filter<String> out = Filter.none();
        for (ObjectRef object : objects.allowed()) {
            for (String id : members(object, objectTags)) {
                out = out.andAllow(id);
            }
        }
        for (ObjectRef object : objects.denied()) {
            for (String id : members(object, objectTags)) {
                out = out.andDeny(id);
            }
        }
        return out;
    }

    private static List<String> members(ObjectRef object, Map<String, List<String>> objectTags) {
        if (object instanceof ObjectRef.Id id) {
            return List.of(id.id());
        }
        String tag = ((ObjectRef.Tag) object).id();
        List<String> members = objectTags.get(tag);
        if (members == null) {
            // NetworkSearch refuses such a query before asking any database.
            throw new IllegalStateException("object tag #" + tag + " is not in object-tags");
        }
        return members;
    }

    /** The ids of a filter's values; empty when it allows values of which none exists here. */
    private static Optional<IdSet> ids(Filter<String> values, LookupTable.Kind kind, Connection connection,
                                       BackendReader reader) throws SQLException {
        Set<Integer> allowed = new HashSet<>();
        for (String value : values.allowed()) {
            OptionalInt id = reader.lookupId(kind, value, connection);
            if (id.isPresent()) {
                allowed.add(id.getAsInt());
            }
        }
        Set<Integer> denied = new HashSet<>();
        for (String value : values.denied()) {
            OptionalInt id = reader.lookupId(kind, value, connection);
            if (id.isPresent()) {
                denied.add(id.getAsInt());
            }
        }
        return !values.allowed().isEmpty() && allowed.isEmpty() ? Optional.empty()
                : Optional.of(new IdSet(allowed, denied));
    }

    /**
     * Player names to one player id each here, as Ledger resolves {@code source:<name>}: through the
     * server's name-to-profile cache, which holds one profile per name ignoring case, the one that last
     * joined with it (see {@link #ledgersChoice}). All names of the search at once, from the in-memory
     * name index and one query by primary key.
     */
    private static Optional<IdSet> playerIds(Filter<String> names, Connection connection, BackendReader reader)
            throws SQLException {
        if (names.allowed().isEmpty() && names.denied().isEmpty()) {
            return Optional.of(new IdSet(Set.of(), Set.of()));
        }
        Set<String> all = new HashSet<>(names.allowed());
        all.addAll(names.denied());
        Map<String, List<PlayerDirectory.PlayerRecord>> found = reader.playersNamed(all, connection);
        Set<Integer> allowed = new HashSet<>();
        for (String name : names.allowed()) {
            ledgersChoice(found.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of()))
                    .ifPresent(p -> allowed.add(p.id()));
        }
        Set<Integer> denied = new HashSet<>();
        for (String name : names.denied()) {
            ledgersChoice(found.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of()))
                    .ifPresent(p -> denied.add(p.id()));
        }
        return !names.allowed().isEmpty() && allowed.isEmpty() ? Optional.empty()
                : Optional.of(new IdSet(allowed, denied));
    }

    /**
     * Of the players whose stored name equals a searched name ignoring case (an offline-mode network can
     * have {@code Steve} and {@code steve}; a renamed player's name can recur on another UUID), the one
     * Ledger's search would mean: Minecraft's name cache keys profiles by lower-cased name and the latest
     * join replaces the entry, so the player with the latest {@code last_join}; on a tie, the newer row
     * (higher id).
     */
    static Optional<PlayerDirectory.PlayerRecord> ledgersChoice(List<PlayerDirectory.PlayerRecord> sameName) {
        return sameName.stream().max(java.util.Comparator.comparing(PlayerDirectory.PlayerRecord::lastJoin)
                .thenComparingInt(PlayerDirectory.PlayerRecord::id));
    }
}
