package net.ledgernet.search;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.ledgernet.search.SearchSyntaxException.Kind;

/**
 * Ledger's search grammar ({@code key:value} terms separated by spaces), parsed strictly.
 *
 * <p>Follows Ledger where Ledger is well-defined: keys are case-sensitive (Ledger looks them up in
 * a plain map), {@code !} negates only {@code action source object world} (and LedgerNet's
 * {@code backend}), {@code rolledback} is exactly {@code true} or {@code false}, identical terms
 * collapse. Refuses what Ledger gets wrong or leaves to chance; the differences are listed in the
 * package documentation.
 */
public final class SearchParser {
    private static final String KEYS = "action, source, object, world, range, before, after, rolledback, backend";

    /** The keys, with what Ledger allows of each. */
    private enum Key {
        ACTION(true), SOURCE(true), OBJECT(true), WORLD(true),
        RANGE(false), BEFORE(false), AFTER(false), ROLLEDBACK(false),
        /** LedgerNet's own. */
        BACKEND(true);

        /** Negatable and repeatable go together in Ledger. */
        final boolean multi;
        final String text;

        Key(boolean multi) {
            this.multi = multi;
            this.text = name().toLowerCase(Locale.ROOT);
        }

        static Key of(String text) {
            for (Key key : values()) {
                if (key.text.equals(text)) {
                    return key;
                }
            }
            return null;
        }
    }

    private final String input;
    private final SearchLimits limits;
    private final SearchQuery.Builder query = SearchQuery.builder();
    private final int[] perKey = new int[Key.values().length];
    private boolean allBackends;
    private final Set<String> includedBackends = new TreeSet<>();
    private final Set<String> excludedBackends = new TreeSet<>();
    /** The term being parsed: [start, end) of input. */
    private int start;
    private int end;

    private SearchParser(String input, SearchLimits limits) {
        this.input = input;
        this.limits = limits;
    }

    /** {@link #parse(String, SearchLimits)} with {@link SearchLimits#DEFAULTS}. */
    public static SearchQuery parse(String input) throws SearchSyntaxException {
        return parse(input, SearchLimits.DEFAULTS);
    }

    /**
     * Parses a search, rollback or purge string. Runs in time linear in the input and allocates
     * nothing before the length check; throws nothing but {@link SearchSyntaxException} for any
     * non-null string.
     */
    public static SearchQuery parse(String input, SearchLimits limits) throws SearchSyntaxException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(limits, "limits");
        if (input.length() > limits.maxInputLength()) {
            throw new SearchSyntaxException(Kind.INPUT_TOO_LONG, "Search is too long: " + input.length()
                    + " characters, at most " + limits.maxInputLength(), "", limits.maxInputLength());
        }
        return new SearchParser(input, limits).run();
    }

    private SearchQuery run() throws SearchSyntaxException {
        int terms = 0;
        int i = 0;
        int n = input.length();
        while (true) {
            // Only U+0020 separates terms, as in Ledger; runs of it and spaces at either end are fine.
            while (i < n && input.charAt(i) == ' ') {
                i++;
            }
            if (i == n) {
                break;
            }
            start = i;
            while (i < n && input.charAt(i) != ' ') {
                i++;
            }
            end = i;
            // Ledger reads a key up to its ':' and trims spaces, so "action :block-break" is one term.
            if (input.indexOf(':', start) < 0 || input.indexOf(':', start) >= end) {
                int j = end;
                while (j < n && input.charAt(j) == ' ') {
                    j++;
                }
                if (j < n && input.charAt(j) == ':') {
                    i = j;
                    while (i < n && input.charAt(i) != ' ') {
                        i++;
                    }
                    end = i;
                }
            }
            if (++terms > limits.maxTerms()) {
                throw fail(Kind.TOO_MANY_TERMS, "Too many terms: at most " + limits.maxTerms());
            }
            if (end - start > limits.maxTermLength()) {
                throw fail(Kind.TERM_TOO_LONG, "Term is too long: at most " + limits.maxTermLength() + " characters");
            }
            term();
        }
        return query.backends(new BackendSelection(allBackends, includedBackends, excludedBackends)).build();
    }

    private void term() throws SearchSyntaxException {
        int colon = start;
        while (colon < end && input.charAt(colon) != ':') {
            colon++;
        }
        if (colon == end) {
            throw fail(Kind.MISSING_COLON, "Expected key:value, e.g. action:block-break");
        }
        if (colon == start) {
            throw fail(Kind.MISSING_KEY, "Missing key before ':'");
        }
        int keyEnd = colon;
        while (keyEnd > start && input.charAt(keyEnd - 1) == ' ') {
            keyEnd--;
        }
        String keyText = input.substring(start, keyEnd);
        Key key = Key.of(keyText);
        if (key == null) {
            throw fail(Kind.UNKNOWN_KEY, "Unknown property value: " + Terms.display(keyText) + " (keys: " + KEYS + ")");
        }
        String value = input.substring(colon + 1, end);
        if (value.isEmpty()) {
            throw fail(Kind.EMPTY_VALUE, "Empty value for " + key.text + ":");
        }
        boolean allowed = value.charAt(0) != '!';
        if (!allowed) {
            if (!key.multi) {
                throw fail(Kind.NOT_NEGATABLE, key.text + ": cannot be negated (only action, source, object, world, backend)");
            }
            value = value.substring(1);
            if (value.isEmpty()) {
                throw fail(Kind.EMPTY_VALUE, "Empty value after " + key.text + ":!");
            }
        }
        if (!key.multi && perKey[key.ordinal()] > 0) {
            // Ledger keeps one of several at random (hash order); LedgerNet will not guess.
            throw fail(Kind.DUPLICATE_KEY, key.text + ": given more than once");
        }
        if (++perKey[key.ordinal()] > limits.maxValuesPerKey()) {
            throw fail(Kind.TOO_MANY_VALUES, "Too many " + key.text + ": terms: at most " + limits.maxValuesPerKey());
        }
        switch (key) {
            case ACTION -> query.action(allowed, checked(Terms.checkAction(value), value));
            case SOURCE -> query.source(allowed, source(value));
            case OBJECT -> query.object(allowed, object(value));
            case WORLD -> query.world(allowed, identifier("world", value));
            case RANGE -> query.range(range(value));
            case BEFORE -> query.before(duration(value));
            case AFTER -> query.after(duration(value));
            case ROLLEDBACK -> query.rolledBack(bool(value));
            case BACKEND -> backend(allowed, value);
        }
    }

    private Source source(String value) throws SearchSyntaxException {
        if (value.charAt(0) != '@') {
            return Source.player(checked(Terms.checkPlayerName(value), value));
        }
        // Ledger strips every leading and trailing '@'.
        int from = 0;
        int to = value.length();
        while (from < to && value.charAt(from) == '@') {
            from++;
        }
        while (to > from && value.charAt(to - 1) == '@') {
            to--;
        }
        if (from == to) {
            throw fail(Kind.EMPTY_VALUE, "Empty source name after '@'");
        }
        String name = value.substring(from, to);
        return Source.named(checked(Terms.checkSourceName(name), name));
    }

    private ObjectRef object(String value) throws SearchSyntaxException {
        if (value.charAt(0) == '#') {
            return ObjectRef.tag(identifier("tag", value.substring(1)));
        }
        return ObjectRef.id(identifier("object id", value));
    }

    private String identifier(String what, String value) throws SearchSyntaxException {
        Optional<String> id = Terms.normaliseIdentifier(value);
        if (id.isEmpty()) {
            throw fail(Kind.INVALID_VALUE, Terms.identifierProblem(what, value));
        }
        return id.get();
    }

    private Range range(String value) throws SearchSyntaxException {
        if (value.equals("@global")) {
            return Range.GLOBAL;
        }
        int from = value.charAt(0) == '-' ? 1 : 0;
        boolean digits = from < value.length();
        long blocks = 0;
        for (int i = from; i < value.length() && digits; i++) {
            char c = value.charAt(i);
            digits = c >= '0' && c <= '9';
            // Capped just past the limit, so a long digit run cannot overflow.
            blocks = Math.min(blocks * 10 + (c - '0'), (long) limits.maxRange() + 1);
        }
        if (!digits) {
            throw fail(Kind.INVALID_VALUE, "Invalid range '" + Terms.display(value) + "': a whole number of blocks, or @global");
        }
        if (from == 1 || blocks < 1) {
            throw fail(Kind.OUT_OF_RANGE, "range must be at least 1");
        }
        if (blocks > limits.maxRange()) {
            throw fail(Kind.OUT_OF_RANGE, "range is too large: at most " + limits.maxRange()
                    + " (range:@global searches everywhere)");
        }
        return Range.radius((int) blocks);
    }

    private Duration duration(String value) throws SearchSyntaxException {
        try {
            return LedgerDurations.parse(value, limits.maxDuration().getSeconds());
        } catch (LedgerDurations.Invalid e) {
            // Ledger ignores what it cannot read, turning a typo into "now"; LedgerNet refuses it.
            throw fail(Kind.INVALID_VALUE, "Invalid duration '" + Terms.display(value)
                    + "': numbers with units s, m, h, d, w, e.g. 1d12h");
        } catch (LedgerDurations.TooLong e) {
            throw fail(Kind.OUT_OF_RANGE, "Duration is too long: at most "
                    + LedgerDurations.render(limits.maxDuration()));
        }
    }

    private boolean bool(String value) throws SearchSyntaxException {
        // Brigadier's bool reads a quoted string too: rolledback:"true" and rolledback:'false'.
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        // Brigadier's wording, which Ledger shows for the same mistake.
        throw fail(Kind.INVALID_VALUE, "Invalid bool, expected true or false but found '" + Terms.display(value) + "'");
    }

    private void backend(boolean allowed, String value) throws SearchSyntaxException {
        if (value.equals("*")) {
            if (!allowed) {
                throw fail(Kind.INVALID_VALUE, "backend:!* would exclude every backend");
            }
            if (!includedBackends.isEmpty()) {
                throw fail(Kind.CONFLICT, "backend:* already selects every backend; drop backend:"
                        + includedBackends.iterator().next());
            }
            allBackends = true;
            return;
        }
        String name = checked(Terms.checkBackendName(value), value);
        Set<String> other = BackendSelection.lower(allowed ? excludedBackends : includedBackends);
        if (other.contains(name.toLowerCase(Locale.ROOT))) {
            throw fail(Kind.CONFLICT, "backend " + name + " is both selected and excluded");
        }
        if (allowed && allBackends) {
            throw fail(Kind.CONFLICT, "backend:* already selects every backend; drop backend:" + name);
        }
        (allowed ? includedBackends : excludedBackends).add(name);
    }

    private String checked(Optional<String> problem, String value) throws SearchSyntaxException {
        if (problem.isPresent()) {
            throw fail(Kind.INVALID_VALUE, problem.get());
        }
        return value;
    }

    private SearchSyntaxException fail(Kind kind, String reason) {
        return new SearchSyntaxException(kind, reason, input.substring(start, Math.min(end, start + limits.maxTermLength())), start);
    }
}
