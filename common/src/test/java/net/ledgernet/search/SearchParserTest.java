package net.ledgernet.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import net.ledgernet.search.SearchSyntaxException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SearchParserTest {

    private static SearchQuery.Builder q() {
        return SearchQuery.builder();
    }

    /** Searches as Watson builds them and as staff type them, with the exact query expected. */
    static Stream<Arguments> realSearches() {
        return Stream.of(
                Arguments.of("action:block-break source:Steve after:1d",
                        q().action(true, "block-break").source(true, Source.player("steve"))
                                .after(Duration.ofDays(1)).build()),
                Arguments.of("object:diamond_ore object:deepslate_diamond_ore after:7d",
                        q().object(true, ObjectRef.id("minecraft:diamond_ore"))
                                .object(true, ObjectRef.id("minecraft:deepslate_diamond_ore"))
                                .after(Duration.ofDays(7)).build()),
                Arguments.of("world:!minecraft:the_nether rolledback:false",
                        q().world(false, "minecraft:the_nether").rolledBack(false).build()),
                Arguments.of("source:@fire", q().source(true, Source.named("fire")).build()),
                Arguments.of("action:!item-insert action:!item-remove",
                        q().action(false, "item-insert").action(false, "item-remove").build()),
                Arguments.of("object:#minecraft:logs", q().object(true, ObjectRef.tag("minecraft:logs")).build()),
                Arguments.of("range:@global", q().range(Range.GLOBAL).build()),
                Arguments.of("backend:*", q().backends(BackendSelection.ALL).build()),
                // Watson's order: action, world, objects, range, source, after, before.
                Arguments.of("action:block-break action:block-place world:minecraft:overworld object:minecraft:tnt"
                                + " range:10 source:Notch after:2h30m before:1h",
                        q().action(true, "block-break").action(true, "block-place").world(true, "minecraft:overworld")
                                .object(true, ObjectRef.id("minecraft:tnt")).range(Range.radius(10))
                                .source(true, Source.player("notch")).after(Duration.ofMinutes(150))
                                .before(Duration.ofHours(1)).build()),
                Arguments.of("source:!@creeper source:!Alex_99 object:!#logs object:!stone",
                        q().source(false, Source.named("creeper")).source(false, Source.player("alex_99"))
                                .object(false, ObjectRef.tag("minecraft:logs"))
                                .object(false, ObjectRef.id("minecraft:stone")).build()),
                Arguments.of("action:entity-kill source:@lightningBolt world:survival:the_end",
                        q().action(true, "entity-kill").source(true, Source.named("lightningBolt"))
                                .world(true, "survival:the_end").build()),
                Arguments.of("world:overworld", q().world(true, "minecraft:overworld").build()),
                Arguments.of("after:7w4d31m42s", q().after(Duration.ofDays(53).plusMinutes(31).plusSeconds(42)).build()),
                Arguments.of("before:1D2H", q().before(Duration.ofHours(26)).build()),
                Arguments.of("after:1d1d", q().after(Duration.ofDays(2)).build()),
                Arguments.of("after:0s", q().after(Duration.ZERO).build()),
                Arguments.of("rolledback:true range:00005", q().rolledBack(true).range(Range.radius(5)).build()),
                Arguments.of("backend:survival backend:Creative source:steve",
                        q().source(true, Source.player("steve"))
                                .backends(new BackendSelection(false, Set.of("survival", "Creative"), Set.of())).build()),
                Arguments.of("backend:* backend:!lobby",
                        q().backends(new BackendSelection(true, Set.of(), Set.of("lobby"))).build()),
                // Ledger trims every leading and trailing @ of a source.
                Arguments.of("source:@@tnt@", q().source(true, Source.named("tnt")).build()),
                // Identical terms collapse, as in Ledger's multimap; allowed and denied both stay.
                Arguments.of("action:block-break action:block-break action:!block-break",
                        q().action(true, "block-break").action(false, "block-break").build()),
                Arguments.of("source:Steve source:STEVE", q().source(true, Source.player("steve")).build()),
                // As Ledger reads them: the key up to ':' with spaces trimmed, an empty namespace as
                // minecraft (Identifier.parse), a bool quoted (Brigadier's readBoolean).
                Arguments.of("action :block-break", q().action(true, "block-break").build()),
                Arguments.of("action   :block-break source:Steve",
                        q().action(true, "block-break").source(true, Source.player("steve")).build()),
                Arguments.of("object::dirt", q().object(true, ObjectRef.id("minecraft:dirt")).build()),
                Arguments.of("world::overworld object:!#:logs",
                        q().world(true, "minecraft:overworld").object(false, ObjectRef.tag("minecraft:logs")).build()),
                Arguments.of("rolledback:\"true\"", q().rolledBack(true).build()),
                Arguments.of("rolledback:'false'", q().rolledBack(false).build()),
                Arguments.of("", SearchQuery.ALL),
                Arguments.of("   ", SearchQuery.ALL),
                Arguments.of("  action:block-break    source:Steve  ",
                        q().action(true, "block-break").source(true, Source.player("steve")).build()));
    }

    @ParameterizedTest
    @MethodSource("realSearches")
    void parsesRealSearches(String input, SearchQuery expected) throws SearchSyntaxException {
        assertThat(SearchParser.parse(input)).isEqualTo(expected);
    }

    /** input, kind, exact reason, offending term, offset. */
    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("action", Kind.MISSING_COLON, "Expected key:value, e.g. action:block-break", "action", 0),
                Arguments.of("action source:Steve", Kind.MISSING_COLON,
                        "Expected key:value, e.g. action:block-break", "action", 0),
                Arguments.of("source:Steve :stone", Kind.MISSING_KEY, "Missing key before ':'", ":stone", 13),
                Arguments.of("action:block-break Action:block-break", Kind.UNKNOWN_KEY,
                        "Unknown property value: Action (keys: action, source, object, world, range, before, after,"
                                + " rolledback, backend)", "Action:block-break", 19),
                Arguments.of("player:Steve", Kind.UNKNOWN_KEY,
                        "Unknown property value: player (keys: action, source, object, world, range, before, after,"
                                + " rolledback, backend)", "player:Steve", 0),
                Arguments.of("action:", Kind.EMPTY_VALUE, "Empty value for action:", "action:", 0),
                Arguments.of("source: Steve", Kind.EMPTY_VALUE, "Empty value for source:", "source:", 0),
                Arguments.of("world:!", Kind.EMPTY_VALUE, "Empty value after world:!", "world:!", 0),
                Arguments.of("source:@@", Kind.EMPTY_VALUE, "Empty source name after '@'", "source:@@", 0),
                Arguments.of("range:!5", Kind.NOT_NEGATABLE,
                        "range: cannot be negated (only action, source, object, world, backend)", "range:!5", 0),
                Arguments.of("after:!1d", Kind.NOT_NEGATABLE,
                        "after: cannot be negated (only action, source, object, world, backend)", "after:!1d", 0),
                Arguments.of("rolledback:!true", Kind.NOT_NEGATABLE,
                        "rolledback: cannot be negated (only action, source, object, world, backend)",
                        "rolledback:!true", 0),
                Arguments.of("after:1d after:2d", Kind.DUPLICATE_KEY, "after: given more than once", "after:2d", 9),
                Arguments.of("before:1d before:1d", Kind.DUPLICATE_KEY, "before: given more than once", "before:1d", 10),
                Arguments.of("range:5 range:@global", Kind.DUPLICATE_KEY, "range: given more than once",
                        "range:@global", 8),
                Arguments.of("rolledback:true rolledback:false", Kind.DUPLICATE_KEY,
                        "rolledback: given more than once", "rolledback:false", 16),
                Arguments.of("action:block_break!", Kind.INVALID_VALUE,
                        "Invalid action 'block_break!': action ids use letters, digits and _ . + -",
                        "action:block_break!", 0),
                Arguments.of("source:Ste've", Kind.INVALID_VALUE,
                        "Invalid player name 'Ste've': 1 to 16 letters, digits or _ (also . * - for prefixed names);"
                                + " use @name for other sources", "source:Ste've", 0),
                Arguments.of("source:abcdefghijklmnopq", Kind.INVALID_VALUE,
                        "Invalid player name 'abcdefghijklmnopq': 1 to 16 letters, digits or _ (also . * - for"
                                + " prefixed names); use @name for other sources", "source:abcdefghijklmnopq", 0),
                Arguments.of("source:@fi%re", Kind.INVALID_VALUE,
                        "Invalid source '@fi%re': source names use letters, digits and _ . - / :", "source:@fi%re", 0),
                Arguments.of("object:Stone", Kind.INVALID_VALUE,
                        "Invalid object id 'Stone': expected namespace:path in lower case (a-z 0-9 _ . -, and / in the"
                                + " path)", "object:Stone", 0),
                Arguments.of("object:#", Kind.INVALID_VALUE,
                        "Invalid tag '': expected namespace:path in lower case (a-z 0-9 _ . -, and / in the path)",
                        "object:#", 0),
                Arguments.of("world:a:b:c", Kind.INVALID_VALUE,
                        "Invalid world 'a:b:c': expected namespace:path in lower case (a-z 0-9 _ . -, and / in the"
                                + " path)", "world:a:b:c", 0),
                Arguments.of("world:minecraft::", Kind.INVALID_VALUE,
                        "Invalid world 'minecraft::': expected namespace:path in lower case (a-z 0-9 _ . -, and / in"
                                + " the path)", "world:minecraft::", 0),
                Arguments.of("world:minecraft:", Kind.INVALID_VALUE,
                        "Invalid world 'minecraft:': expected namespace:path in lower case (a-z 0-9 _ . -, and / in"
                                + " the path)", "world:minecraft:", 0),
                Arguments.of("range:0", Kind.OUT_OF_RANGE, "range must be at least 1", "range:0", 0),
                Arguments.of("range:-3", Kind.OUT_OF_RANGE, "range must be at least 1", "range:-3", 0),
                Arguments.of("range:100001", Kind.OUT_OF_RANGE,
                        "range is too large: at most 100000 (range:@global searches everywhere)", "range:100001", 0),
                Arguments.of("range:99999999999999999999999", Kind.OUT_OF_RANGE,
                        "range is too large: at most 100000 (range:@global searches everywhere)",
                        "range:99999999999999999999999", 0),
                Arguments.of("range:+5", Kind.INVALID_VALUE, "Invalid range '+5': a whole number of blocks, or @global",
                        "range:+5", 0),
                Arguments.of("range:-", Kind.INVALID_VALUE, "Invalid range '-': a whole number of blocks, or @global",
                        "range:-", 0),
                Arguments.of("range:5.0", Kind.INVALID_VALUE,
                        "Invalid range '5.0': a whole number of blocks, or @global", "range:5.0", 0),
                Arguments.of("range:@Global", Kind.INVALID_VALUE,
                        "Invalid range '@Global': a whole number of blocks, or @global", "range:@Global", 0),
                // Ledger would read 1d and silently drop the rest; LedgerNet refuses.
                Arguments.of("after:1d2x", Kind.INVALID_VALUE,
                        "Invalid duration '1d2x': numbers with units s, m, h, d, w, e.g. 1d12h", "after:1d2x", 0),
                Arguments.of("after:yesterday", Kind.INVALID_VALUE,
                        "Invalid duration 'yesterday': numbers with units s, m, h, d, w, e.g. 1d12h",
                        "after:yesterday", 0),
                Arguments.of("after:12", Kind.INVALID_VALUE,
                        "Invalid duration '12': numbers with units s, m, h, d, w, e.g. 1d12h", "after:12", 0),
                Arguments.of("after:d", Kind.INVALID_VALUE,
                        "Invalid duration 'd': numbers with units s, m, h, d, w, e.g. 1d12h", "after:d", 0),
                Arguments.of("before:-1d", Kind.INVALID_VALUE,
                        "Invalid duration '-1d': numbers with units s, m, h, d, w, e.g. 1d12h", "before:-1d", 0),
                Arguments.of("after:3651d", Kind.OUT_OF_RANGE, "Duration is too long: at most 521w3d", "after:3651d", 0),
                Arguments.of("after:3650d1s", Kind.OUT_OF_RANGE, "Duration is too long: at most 521w3d",
                        "after:3650d1s", 0),
                Arguments.of("after:99999999999999999999999999w", Kind.OUT_OF_RANGE,
                        "Duration is too long: at most 521w3d", "after:99999999999999999999999999w", 0),
                Arguments.of("rolledback:TRUE", Kind.INVALID_VALUE,
                        "Invalid bool, expected true or false but found 'TRUE'", "rolledback:TRUE", 0),
                Arguments.of("rolledback:1", Kind.INVALID_VALUE,
                        "Invalid bool, expected true or false but found '1'", "rolledback:1", 0),
                Arguments.of("backend:!*", Kind.INVALID_VALUE, "backend:!* would exclude every backend", "backend:!*", 0),
                Arguments.of("backend:survival backend:*", Kind.CONFLICT,
                        "backend:* already selects every backend; drop backend:survival", "backend:*", 17),
                Arguments.of("backend:* backend:survival", Kind.CONFLICT,
                        "backend:* already selects every backend; drop backend:survival", "backend:survival", 10),
                Arguments.of("backend:survival backend:!Survival", Kind.CONFLICT,
                        "backend Survival is both selected and excluded", "backend:!Survival", 17),
                Arguments.of("backend:a/b", Kind.INVALID_VALUE,
                        "Invalid backend name 'a/b': letters, digits and _ . -, at most 64, or *", "backend:a/b", 0),
                // Only U+0020 separates terms: a tab stays inside the term and is shown escaped.
                Arguments.of("action:block-break\tsource:Steve", Kind.INVALID_VALUE,
                        "Invalid action 'block-break\\u0009source:Steve': action ids use letters, digits and _ . + -",
                        "action:block-break\tsource:Steve", 0));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void refusesWithExactReasonTermAndOffset(String input, Kind kind, String reason, String term, int offset) {
        assertThatThrownBy(() -> SearchParser.parse(input))
                .isInstanceOfSatisfying(SearchSyntaxException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.term()).isEqualTo(term);
                    assertThat(e.offset()).isEqualTo(offset);
                });
    }

    @Test
    void messageQuotesTheTermEscapedAndItsOffset() {
        assertThatThrownBy(() -> SearchParser.parse("source:Steve action:\u202eevil"))
                .hasMessage("Invalid action '\\u202eevil': action ids use letters, digits and _ . + -"
                        + " (in 'action:\\u202eevil' at position 13)");
    }

    @Test
    void enforcesLimits() {
        SearchLimits small = new SearchLimits(60, 3, 12, 2, Duration.ofDays(1), 50);
        assertThatThrownBy(() -> SearchParser.parse("a".repeat(61), small))
                .isInstanceOfSatisfying(SearchSyntaxException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INPUT_TOO_LONG);
                    assertThat(e.reason()).isEqualTo("Search is too long: 61 characters, at most 60");
                    assertThat(e.term()).isEmpty();
                    assertThat(e.offset()).isEqualTo(60);
                });
        assertThatThrownBy(() -> SearchParser.parse("action:a action:b action:c", small))
                .isInstanceOfSatisfying(SearchSyntaxException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TOO_MANY_VALUES);
                    assertThat(e.reason()).isEqualTo("Too many action: terms: at most 2");
                    assertThat(e.offset()).isEqualTo(18);
                });
        assertThatThrownBy(() -> SearchParser.parse("after:1s before:1s range:1 rolledback:true", small))
                .isInstanceOfSatisfying(SearchSyntaxException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TOO_MANY_TERMS);
                    assertThat(e.reason()).isEqualTo("Too many terms: at most 3");
                    assertThat(e.term()).isEqualTo("rolledback:t");
                    assertThat(e.offset()).isEqualTo(27);
                });
        assertThatThrownBy(() -> SearchParser.parse("world:averylongname", small))
                .isInstanceOfSatisfying(SearchSyntaxException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TERM_TOO_LONG);
                    assertThat(e.reason()).isEqualTo("Term is too long: at most 12 characters");
                    assertThat(e.term()).isEqualTo("world:averyl");
                });
        assertThatThrownBy(() -> SearchParser.parse("after:1d1s", small))
                .hasMessageStartingWith("Duration is too long: at most 1d");
        assertThatThrownBy(() -> SearchParser.parse("range:51", small))
                .hasMessageStartingWith("range is too large: at most 50");
    }

    @Test
    void defaultLimitsAcceptTheLargestClientString() throws SearchSyntaxException {
        // 64 terms (32 per key) padded with spaces up to Minecraft's 32767-character cap.
        String terms = "action:block-break ".repeat(32) + "object:stone ".repeat(32);
        String input = terms + " ".repeat(32767 - terms.length());
        assertThat(SearchParser.parse(input))
                .isEqualTo(q().action(true, "block-break").object(true, ObjectRef.id("stone")).build());
        assertThatThrownBy(() -> SearchParser.parse(input + " "))
                .isInstanceOfSatisfying(SearchSyntaxException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.INPUT_TOO_LONG));
    }

    /** SQL and shell metacharacters are values or errors, never syntax. */
    static Stream<Arguments> metacharacters() {
        return Stream.of("'", "\"", ";", "--", "%", "_", "\\", "\u0000", "é", "\u00a0", "' OR 1=1 --", "*/", "`")
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("metacharacters")
    void metacharactersAreRefusedOrPlainValues(String meta) {
        for (String key : new String[] {"action:", "source:", "source:@", "object:", "object:#", "world:", "range:",
                "before:", "after:", "rolledback:", "backend:"}) {
            for (String input : new String[] {key + meta, key + "a" + meta, key + "a" + meta + "b"}) {
                try {
                    SearchQuery query = SearchParser.parse(input);
                    // Accepted only as a plain value, which renders back to the same characters.
                    assertThat(meta).isIn("_", "--");
                    assertThat(query.toSearchString()).contains(meta);
                    assertThat(SearchParser.parse(query.toSearchString())).isEqualTo(query);
                } catch (SearchSyntaxException e) {
                    assertThat(e.kind()).isIn(Kind.INVALID_VALUE, Kind.EMPTY_VALUE, Kind.OUT_OF_RANGE,
                            Kind.MISSING_COLON);
                    assertThat(e.getMessage()).doesNotContain("\u0000").doesNotContain("\u00a0");
                }
            }
        }
    }
}
