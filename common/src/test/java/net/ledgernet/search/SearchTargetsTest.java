package net.ledgernet.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.ledgernet.search.SearchTargets.Refused;
import net.ledgernet.search.SearchTargets.Targeting;
import net.ledgernet.search.SearchTargets.Targets;
import org.junit.jupiter.api.Test;

class SearchTargetsTest {
    static final List<String> BACKENDS = List.of("survival", "creative", "Lobby");
    static final WorldResolver ON_SURVIVAL = WorldResolver.of(SearchQueryTest.MAP, Optional.of("survival"));
    static final WorldResolver CONSOLE = WorldResolver.of(SearchQueryTest.MAP, Optional.empty());

    private static Targeting client(String search) throws SearchSyntaxException {
        return SearchTargets.forClientMod(SearchParser.parse(search), "survival", BACKENDS, ON_SURVIVAL);
    }

    private static Targeting chat(String search) throws SearchSyntaxException {
        return SearchTargets.forChatCommand(SearchParser.parse(search), BACKENDS, CONSOLE);
    }

    /** Backend -> the string it would be sent. */
    private static Map<String, String> strings(Targeting targeting) {
        assertThat(targeting).isInstanceOf(Targets.class);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        ((Targets) targeting).queries().forEach((backend, query) -> out.put(backend, query.toLedgerString()));
        return out;
    }

    private static String refusal(Targeting targeting) {
        assertThat(targeting).isInstanceOf(Refused.class);
        return ((Refused) targeting).reason();
    }

    @Test
    void clientSearchesItsCurrentBackendPlusWhatItNames() throws SearchSyntaxException {
        assertThat(strings(client("action:block-break"))).containsExactly(Map.entry("survival", "action:block-break"));
        assertThat(strings(client("source:Steve backend:Creative")))
                .containsExactly(Map.entry("survival", "source:Steve"), Map.entry("creative", "source:Steve"));
        assertThat(strings(client("world:the_nether world:creative:the_end")))
                .containsExactly(Map.entry("survival", "world:minecraft:the_nether"),
                        Map.entry("creative", "world:minecraft:the_end"));
        // A world on another backend only: the current backend cannot match, so it is left out.
        assertThat(strings(client("world:flat:world"))).containsExactly(Map.entry("creative", "world:minecraft:overworld"));
        assertThat(strings(client("backend:* backend:!survival after:1d")))
                .containsExactly(Map.entry("creative", "after:1d"), Map.entry("Lobby", "after:1d"));
        assertThat(strings(client("backend:lobby"))).containsOnlyKeys("survival", "Lobby");
    }

    @Test
    void chatSearchesEveryBackendByDefault() throws SearchSyntaxException {
        assertThat(strings(chat("source:@fire"))).containsOnlyKeys("survival", "creative", "Lobby");
        assertThat(strings(chat("world:survival:the_nether"))).containsExactly(
                Map.entry("survival", "world:minecraft:the_nether"));
        assertThat(strings(chat("backend:!LOBBY range:@global")))
                .containsExactly(Map.entry("survival", "range:@global"), Map.entry("creative", "range:@global"));
    }

    @Test
    void rangeNeedsThePlayersOwnBackend() throws SearchSyntaxException {
        assertThat(strings(client("range:10 action:block-break")))
                .containsExactly(Map.entry("survival", "action:block-break range:10"));
        assertThat(strings(client("range:10 world:the_nether"))).containsOnlyKeys("survival");
        assertThat(refusal(client("range:10 backend:creative"))).isEqualTo(SearchTargets.RANGE_ELSEWHERE);
        assertThat(refusal(client("range:10 world:creative:the_end"))).isEqualTo(SearchTargets.RANGE_ELSEWHERE);
        assertThat(refusal(client("range:10 backend:*"))).isEqualTo(SearchTargets.RANGE_ELSEWHERE);
        assertThat(strings(client("range:@global backend:*"))).hasSize(3);
        assertThat(refusal(chat("range:5"))).isEqualTo(SearchTargets.RANGE_IN_COMMAND);
        assertThat(refusal(chat("range:5 backend:survival"))).isEqualTo(SearchTargets.RANGE_IN_COMMAND);
    }

    @Test
    void refusesUnknownNamesAndEmptySelections() throws SearchSyntaxException {
        assertThat(refusal(chat("world:nope:nowhere world:!creative:void world:!x")))
                .isEqualTo("Unknown dimension in world:nope:nowhere, world:!minecraft:x"
                        + " (use the dimension ids LedgerNet shows)");
        // With native ids on, any id that is not a network id is one of the current backend's own.
        assertThat(strings(client("world:nope:nowhere"))).containsExactly(Map.entry("survival", "world:nope:nowhere"));
        assertThat(refusal(chat("world:minecraft:overworld")))
                .isEqualTo("Unknown dimension in world:minecraft:overworld (use the dimension ids LedgerNet shows)");
        assertThat(refusal(client("backend:hub"))).isEqualTo("Unknown server in backend:hub");
        assertThat(refusal(client("backend:!hub"))).isEqualTo("Unknown server in backend:!hub");
        assertThat(refusal(client("backend:!survival"))).isEqualTo(SearchTargets.NOTHING_SELECTED);
        assertThat(refusal(client("world:creative:the_end backend:!creative"))).isEqualTo(SearchTargets.NOTHING_SELECTED);
        // A player on a backend LedgerNet has no database for searches only what it names.
        assertThat(refusal(SearchTargets.forClientMod(SearchQuery.ALL, "hub", BACKENDS, CONSOLE)))
                .isEqualTo(SearchTargets.NOTHING_SELECTED);
    }
}
