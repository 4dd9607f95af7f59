package net.ledgernet.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import net.ledgernet.storage.ActionFilter.BlockBox;
import net.ledgernet.storage.ActionFilter.IdSet;

/**
 * A search in values (what the parser will produce), resolved per backend through the engine's own
 * lookups the way the later resolver step will, plus the same search evaluated in Java on expected
 * rows: the two must agree row for row.
 */
record ValueSearch(Optional<BlockBox> box, Optional<Instant> after, Optional<Instant> before,
                   Optional<Boolean> rolledBack, Terms actions, Terms worlds, Terms objects, Terms sources,
                   Terms players) {

    record Terms(Set<String> allow, Set<String> deny) {
        static final Terms ANY = new Terms(Set.of(), Set.of());

        static Terms allow(String... v) {
            return new Terms(Set.of(v), Set.of());
        }

        static Terms deny(String... v) {
            return new Terms(Set.of(), Set.of(v));
        }

        boolean test(String value) {
            return (allow.isEmpty() || (value != null && allow.contains(value)))
                    && (value == null || !deny.contains(value));
        }
    }

    static ValueSearch any() {
        return new ValueSearch(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Terms.ANY,
                Terms.ANY, Terms.ANY, Terms.ANY, Terms.ANY);
    }

    ValueSearch with(String part, Terms t) {
        return new ValueSearch(box, after, before, rolledBack, part.equals("actions") ? t : actions,
                part.equals("worlds") ? t : worlds, part.equals("objects") ? t : objects,
                part.equals("sources") ? t : sources, part.equals("players") ? t : players);
    }

    ValueSearch time(Instant after, Instant before) {
        return new ValueSearch(box, Optional.ofNullable(after), Optional.ofNullable(before), rolledBack, actions,
                worlds, objects, sources, players);
    }

    ValueSearch box(BlockBox b) {
        return new ValueSearch(Optional.of(b), after, before, rolledBack, actions, worlds, objects, sources, players);
    }

    ValueSearch rolledBack(boolean r) {
        return new ValueSearch(box, after, before, Optional.of(r), actions, worlds, objects, sources, players);
    }

    /** Resolves on every backend of the fan-out (Ledger: any unknown value, even negated, matches nothing). */
    Map<String, ActionFilter> resolve(ActionFanOut fanOut) {
        Map<String, ActionFilter> out = new TreeMap<>();
        for (BackendReader reader : fanOut.readers()) {
            out.put(reader.backend(), reader.call((c, r) -> resolve(c, r)).join());
        }
        return out;
    }

    ActionFilter resolve(Connection c, BackendReader r) throws SQLException {
        ActionFilter.Builder b = ActionFilter.builder();
        box.ifPresent(b::bounds);
        after.ifPresent(b::after);
        before.ifPresent(b::before);
        rolledBack.ifPresent(b::rolledBack);
        IdSet a = ids(actions, LookupTable.Kind.ACTION, c, r);
        IdSet w = ids(worlds, LookupTable.Kind.WORLD, c, r);
        IdSet o = ids(objects, LookupTable.Kind.OBJECT, c, r);
        IdSet s = ids(sources, LookupTable.Kind.SOURCE, c, r);
        IdSet p = playerIds(c, r);
        if (a == null || w == null || o == null || s == null || p == null) {
            return ActionFilter.NONE_MATCH;
        }
        return b.actions(a).worlds(w).objects(o).sources(s).players(p).build();
    }

    private static IdSet ids(Terms t, LookupTable.Kind kind, Connection c, BackendReader r) throws SQLException {
        Set<Integer> allow = new HashSet<>();
        Set<Integer> deny = new HashSet<>();
        for (String v : t.allow) {
            OptionalInt id = r.lookupId(kind, v, c);
            if (id.isEmpty()) {
                return null;
            }
            allow.add(id.getAsInt());
        }
        for (String v : t.deny) {
            OptionalInt id = r.lookupId(kind, v, c);
            if (id.isEmpty()) {
                return null;
            }
            deny.add(id.getAsInt());
        }
        return new IdSet(allow, deny);
    }

    private IdSet playerIds(Connection c, BackendReader r) throws SQLException {
        Set<Integer> allow = new HashSet<>();
        Set<Integer> deny = new HashSet<>();
        for (String v : players.allow) {
            List<PlayerDirectory.PlayerRecord> found = r.playersNamed(v, c);
            if (found.isEmpty()) {
                return null;
            }
            found.forEach(p -> allow.add(p.id()));
        }
        for (String v : players.deny) {
            List<PlayerDirectory.PlayerRecord> found = r.playersNamed(v, c);
            if (found.isEmpty()) {
                return null;
            }
            found.forEach(p -> deny.add(p.id()));
        }
        return new IdSet(allow, deny);
    }

    /** The same search in Java, on a row one member is expected to hold; {@code known} = value exists there. */
    boolean test(ActionRow row, java.util.function.BiPredicate<String, String> known) {
        for (var e : Map.of("actions", actions, "worlds", worlds, "objects", objects, "sources", sources,
                "players", players).entrySet()) {
            for (String v : union(e.getValue())) {
                if (!known.test(e.getKey(), v)) {
                    return false;
                }
            }
        }
        if (box.isPresent()) {
            BlockBox b = box.get();
            if (row.x() < b.minX() || row.x() > b.maxX() || row.y() < b.minY() || row.y() > b.maxY()
                    || row.z() < b.minZ() || row.z() > b.maxZ()) {
                return false;
            }
        }
        if (after.isPresent() && row.time().isBefore(after.get())
                || before.isPresent() && row.time().isAfter(before.get())) {
            return false;
        }
        if (rolledBack.isPresent() && rolledBack.get() != row.rolledBack()) {
            return false;
        }
        boolean objectAllowed = objects.allow.isEmpty()
                || objects.allow.contains(row.object()) || objects.allow.contains(row.oldObject());
        boolean objectDenied = objects.deny.contains(row.object()) || objects.deny.contains(row.oldObject());
        String player = row.playerName().map(n -> n.toLowerCase(Locale.ROOT)).orElse(null);
        Terms lowerPlayers = new Terms(lower(players.allow), lower(players.deny));
        return actions.test(row.action()) && worlds.test(row.world()) && objectAllowed && !objectDenied
                && sources.test(row.source()) && lowerPlayers.test(player);
    }

    private static Set<String> union(Terms t) {
        Set<String> all = new HashSet<>(t.allow);
        all.addAll(t.deny);
        return all;
    }

    private static Set<String> lower(Set<String> names) {
        Set<String> out = new HashSet<>();
        names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
        return out;
    }
}
