package net.ledgernet.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.kyori.adventure.text.Component;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;
import net.ledgernet.search.SearchLimits;
import net.ledgernet.search.SearchParser;
import net.ledgernet.search.SearchQuery;
import net.ledgernet.storage.MergedPage;
import net.ledgernet.storage.NetworkSearch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A typo in a search gets the nearest value of the backends' own lookup tables, in /lgn and in the
 * function the router uses for a client mod's chat line (with the player's native world ids).
 */
class TypoHintsTest {
    @TempDir
    Path dir;

    private LedgerNetCore core;
    private NetworkQueries queries;
    private LgnCommand lgn;

    private record Console(List<Component> received) implements CommandSender {
        Console() {
            this(Collections.synchronizedList(new ArrayList<>()));
        }

        @Override
        public Optional<UUID> player() {
            return Optional.empty();
        }

        @Override
        public boolean hasPermission(String node) {
            return true;
        }

        @Override
        public void send(Component message) {
            received.add(message);
        }

        List<String> lines() {
            synchronized (received) {
                return received.stream().map(StaffNetwork::plain).toList();
            }
        }
    }

    @BeforeEach
    void start() {
        StaffNetwork.write(dir, StaffNetwork.config("", ""));
        Platform platform = StaffNetwork.platform(dir);
        core = new LedgerNetCore(platform);
        core.load();
        core.enable();
        assertEquals(LedgerNetCore.State.ENABLED, core.state(), () -> core.disabledReason().orElse(""));
        queries = new NetworkQueries(core, Clock.systemUTC());
        lgn = new LgnCommand(core, queries, n -> Optional.empty(), List::of, mock(PluginLogger.class),
                Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        queries.close();
        core.disable();
    }

    private List<String> lgn(String... args) {
        Console console = new Console();
        lgn.execute(console, args).join();
        return console.lines();
    }

    @Test
    void lgnSuggestsTheNearestKnownValue() {
        assertThat(lgn("search", "action:block-brake")).containsExactly(
                "[LedgerNet] unknown action block-brake — did you mean block-break?",
                "[LedgerNet] No actions match action:block-brake.");
        assertThat(lgn("search", "world:survival:overwold")).containsExactly(
                "[LedgerNet] unknown world survival:overwold — did you mean survival:overworld?",
                "[LedgerNet] No actions match world:survival:overwold.");
        assertThat(lgn("search", "object:dimond_ore", "source:@lavaa")).containsExactly(
                "[LedgerNet] unknown object minecraft:dimond_ore — did you mean minecraft:diamond_ore?",
                "[LedgerNet] unknown source @lavaa — did you mean @lava?",
                "[LedgerNet] No actions match object:dimond_ore source:@lavaa.");
        assertThat(lgn("search", "action:no-such-thing-at-all")).containsExactly(
                "[LedgerNet] unknown action no-such-thing-at-all: no server searched has logged it",
                "[LedgerNet] No actions match action:no-such-thing-at-all.");
        // A typo next to a good value still gets its hint above the results of the good one.
        List<String> mixed = lgn("search", "action:block-brake", "action:block-place");
        assertEquals("[LedgerNet] unknown action block-brake — did you mean block-break?", mixed.get(0));
        assertThat(mixed.get(1)).startsWith("[LedgerNet] Page 1 · action:block-brake action:block-place on");
        // No hint when every value is known.
        assertThat(lgn("search", "action:block-break")).noneMatch(line -> line.contains("unknown"));
    }

    @Test
    void theRoutersFunctionShowsThePlayersOwnWorldIds() throws Exception {
        NetworkSearch search = core.networkSearch().orElseThrow();
        SearchQuery query = SearchParser.parse("world:minecraft:overwold action:block-brake", SearchLimits.DEFAULTS);
        Map<String, SearchQuery> local = new LinkedHashMap<>();
        local.put("survival", query);
        MergedPage page = search.search(local, 8).join();
        assertThat(page.rows()).isEmpty();
        assertEquals(List.of("unknown action block-brake — did you mean block-break?",
                        "unknown world minecraft:overwold — did you mean minecraft:overworld?"),
                search.typoHints(local, page, Optional.of("survival")));
        assertEquals(List.of("unknown action block-brake — did you mean block-break?",
                        "unknown world survival:overwold — did you mean survival:overworld?"),
                search.typoHints(local, page, Optional.empty()));
    }
}
