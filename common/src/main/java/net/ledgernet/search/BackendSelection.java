package net.ledgernet.search;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * LedgerNet's {@code backend:} terms (Ledger has no such key, so they are never sent to a
 * backend). {@code backend:name} adds a backend to the ones searched by default,
 * {@code backend:*} selects them all, {@code backend:!name} removes one. Names are kept as written;
 * they are matched case-insensitively, as proxies match server names.
 *
 * @param all      {@code backend:*}; then {@code included} is empty
 * @param included {@code backend:name} terms
 * @param excluded {@code backend:!name} terms, never also included
 */
public record BackendSelection(boolean all, Set<String> included, Set<String> excluded) {
    /** No {@code backend:} term: the default targets. */
    public static final BackendSelection DEFAULT = new BackendSelection(false, Set.of(), Set.of());
    public static final BackendSelection ALL = new BackendSelection(true, Set.of(), Set.of());

    public BackendSelection {
        included = checkedCopy(included);
        excluded = checkedCopy(excluded);
        if (all && !included.isEmpty()) {
            throw new IllegalArgumentException("backend:* already selects every backend; drop backend:" + included.iterator().next());
        }
        Set<String> lowerIncluded = lower(included);
        for (String name : excluded) {
            if (lowerIncluded.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("backend " + name + " is both selected and excluded");
            }
        }
    }

    public boolean isDefault() {
        return !all && included.isEmpty() && excluded.isEmpty();
    }

    static Set<String> lower(Set<String> names) {
        Set<String> out = new TreeSet<>();
        names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
        return out;
    }

    private static Set<String> checkedCopy(Set<String> names) {
        TreeSet<String> copy = new TreeSet<>();
        for (String name : names) {
            Terms.require(Terms.checkBackendName(name));
            copy.add(name);
        }
        return Collections.unmodifiableSortedSet(copy);
    }
}
