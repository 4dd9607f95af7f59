package net.ledgernet.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.dimension.DimensionMap;
import net.ledgernet.routing.BackendState;
import net.ledgernet.storage.ActionRow;
import net.ledgernet.storage.NetworkSearch;

/**
 * Tab completion for {@code /lgn}, answered from memory only (a completion must never wait for a
 * database): the config, the action types backends announced, online players, and the sources,
 * players, objects and worlds seen in recent results. What results showed is kept per backend and
 * offered to a sender only from the backends they may read, never from other staff's searches
 * elsewhere.
 */
public final class Completions {
    /** Ledger's built-in action types (ledger.md §5): offered before any backend has announced its own. */
    private static final List<String> LEDGER_ACTIONS = List.of("block-break", "block-place", "block-change",
            "item-insert", "item-remove", "item-pick-up", "item-drop", "entity-kill", "entity-change",
            "entity-mount", "entity-dismount");
    private static final List<String> KEYS = List.of("action:", "source:", "object:", "world:", "backend:", "before:",
            "after:", "rolledback:");
    private static final int RECENT = 64;
    private static final int MAX_SUGGESTIONS = 50;

    private final LedgerNetCore core;
    private final Supplier<Collection<String>> onlineNames;
    /** Backend -> what its rows showed. */
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    private static final class Seen {
        final Recent players = new Recent();
        final Recent sources = new Recent();
        final Recent objects = new Recent();
        final Recent worlds = new Recent();
    }

    public Completions(LedgerNetCore core, Supplier<Collection<String>> onlineNames) {
        this.core = core;
        this.onlineNames = onlineNames;
    }

    public void note(ActionRow row, NetworkSearch search) {
        Seen at = seen(row.backend());
        row.playerName().ifPresentOrElse(at.players::add, () -> at.sources.add("@" + row.source()));
        at.objects.add(ChatMessages.shortId(row.object()));
        at.worlds.add(search.worldFor(row.backend(), row.world(), Optional.empty()));
    }

    /** A player found by a lookup, filed under the backend of their last join. */
    public void notePlayer(String name, String backend) {
        seen(backend).players.add(name);
    }

    private Seen seen(String backend) {
        return seen.computeIfAbsent(backend, b -> new Seen());
    }

    /** Values seen on the backends in {@code readable} that are still configured. */
    private Collection<String> seenOn(Set<String> readable, Function<Seen, Recent> kind) {
        Set<String> values = new LinkedHashSet<>();
        for (String backend : backendNames()) {
            Seen at = seen.get(backend);
            if (at != null && readable.contains(backend)) {
                values.addAll(kind.apply(at).values());
            }
        }
        return values;
    }

    /**
     * One search term being typed: a key, or a value for the key before the colon ({@code !} kept).
     *
     * @param readable the backends the sender may search
     */
    public List<String> searchTerm(String typed, Set<String> readable) {
        int colon = typed.indexOf(':');
        if (colon < 0) {
            return filter(KEYS, "", typed);
        }
        String key = typed.substring(0, colon);
        String value = typed.substring(colon + 1);
        String negation = value.startsWith("!") ? "!" : "";
        String head = key + ":" + negation;
        Collection<String> values = switch (key) {
            case "action" -> actions();
            case "source" -> union(onlineNames.get(), seenOn(readable, at -> at.players),
                    seenOn(readable, at -> at.sources));
            case "object" -> seenOn(readable, at -> at.objects);
            case "world" -> networkWorlds(readable);
            // Only backends the sender may search: a backend they may not read is never named to them.
            case "backend" -> union(List.of("*"), backendNames().stream().filter(readable::contains).toList());
            case "before", "after" -> List.of("10m", "1h", "1d", "7d", "30d");
            case "rolledback" -> List.of("true", "false");
            default -> List.of();
        };
        return filter(values, head, typed);
    }

    /** @param readable the backends the sender may look players up on */
    public List<String> players(String typed, Set<String> readable) {
        return filter(union(onlineNames.get(), seenOn(readable, at -> at.players)), "", typed);
    }

    List<String> backends(String typed) {
        return filter(backendNames(), "", typed);
    }

    /** @param readable the backends the sender may inspect */
    List<String> worldsOf(String backend, String typed, Set<String> readable) {
        return filter(networkWorlds(readable).stream().filter(w -> core.config()
                .flatMap(c -> c.dimensionMap().toLocal(w)).map(d -> d.backend().equalsIgnoreCase(backend))
                .orElse(false)).toList(), "", typed);
    }

    private Collection<String> backendNames() {
        return core.config().map(c -> (Collection<String>) c.backends().keySet()).orElse(List.of());
    }

    private Collection<String> actions() {
        Set<String> types = new LinkedHashSet<>(LEDGER_ACTIONS);
        core.router().ifPresent(router -> router.backends().values().stream().map(BackendState::actionTypes)
                .forEach(types::addAll));
        return types;
    }

    /** Each readable backend's vanilla dimensions as network ids, plus worlds seen in its results (modded ones). */
    private Collection<String> networkWorlds(Set<String> readable) {
        Set<String> ids = new LinkedHashSet<>();
        core.config().map(LedgerNetConfig::dimensionMap).ifPresent(map -> {
            for (String backend : backendNames()) {
                if (readable.contains(backend)) {
                    for (String dimension : DimensionMap.VANILLA_DIMENSIONS) {
                        ids.add(map.toNetwork(backend, dimension));
                    }
                }
            }
        });
        ids.addAll(seenOn(readable, at -> at.worlds));
        return ids;
    }

    @SafeVarargs
    private static Collection<String> union(Collection<String>... parts) {
        Set<String> all = new LinkedHashSet<>();
        for (Collection<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    /** Values starting with what was typed after {@code head}, case-insensitively, each prefixed with head. */
    private static List<String> filter(Collection<String> values, String head, String typed) {
        String prefix = typed.substring(Math.min(head.length(), typed.length())).toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String value : values) {
            if (value.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                out.add(head + value);
                if (out.size() == MAX_SUGGESTIONS) {
                    break;
                }
            }
        }
        return out;
    }

    /** The most recently seen values, newest last, bounded. */
    private static final class Recent {
        private final Map<String, Boolean> values = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > RECENT;
            }
        });

        void add(String value) {
            values.put(value, Boolean.TRUE);
        }

        List<String> values() {
            synchronized (values) {
                return List.copyOf(values.keySet());
            }
        }
    }
}
