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
 * players, objects and worlds seen in recent results.
 */
final class Completions {
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
    private final Recent players = new Recent();
    private final Recent sources = new Recent();
    private final Recent objects = new Recent();
    private final Recent worlds = new Recent();

    Completions(LedgerNetCore core, Supplier<Collection<String>> onlineNames) {
        this.core = core;
        this.onlineNames = onlineNames;
    }

    void note(ActionRow row, NetworkSearch search) {
        row.playerName().ifPresentOrElse(players::add, () -> sources.add("@" + row.source()));
        objects.add(ChatMessages.shortId(row.object()));
        worlds.add(search.worldFor(row.backend(), row.world(), Optional.empty()));
    }

    void notePlayer(String name) {
        players.add(name);
    }

    /** One search term being typed: a key, or a value for the key before the colon ({@code !} kept). */
    List<String> searchTerm(String typed) {
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
            case "source" -> union(onlineNames.get(), players.values(), sources.values());
            case "object" -> objects.values();
            case "world" -> networkWorlds();
            case "backend" -> union(List.of("*"), backendNames());
            case "before", "after" -> List.of("10m", "1h", "1d", "7d", "30d");
            case "rolledback" -> List.of("true", "false");
            default -> List.of();
        };
        return filter(values, head, typed);
    }

    List<String> players(String typed) {
        return filter(union(onlineNames.get(), players.values()), "", typed);
    }

    List<String> backends(String typed) {
        return filter(backendNames(), "", typed);
    }

    List<String> worldsOf(String backend, String typed) {
        return filter(networkWorlds().stream().filter(w -> core.config()
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

    /** Each backend's vanilla dimensions as network ids, plus worlds seen in results (modded ones). */
    private Collection<String> networkWorlds() {
        Set<String> ids = new LinkedHashSet<>();
        core.config().map(LedgerNetConfig::dimensionMap).ifPresent(map -> {
            for (String backend : backendNames()) {
                for (String dimension : DimensionMap.VANILLA_DIMENSIONS) {
                    ids.add(map.toNetwork(backend, dimension));
                }
            }
        });
        ids.addAll(worlds.values());
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
