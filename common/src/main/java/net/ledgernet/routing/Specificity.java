package net.ledgernet.routing;

import java.util.Optional;
import net.ledgernet.search.SearchQuery;

/**
 * How specific a rollback, restore or purge must be before LedgerNet lets it reach a backend,
 * judged on the query as that backend would get it (after {@code backend:} terms and other
 * servers' worlds are taken out).
 *
 * <p>Ledger's own rule (read in its source, QuiltServerTools/Ledger):
 * <ul>
 *   <li>{@code /lg rollback} and {@code /lg restore} call {@code ActionSearchParams.ensureSpecific()}
 *       from 1.3.5 on (commit 50deb8b, {@code RollbackCommand.kt}/{@code RestoreCommand.kt};
 *       the 1.20.1 backport too): a {@code range:} (N, or {@code @global} from 1.3.8) is required,
 *       and a source or a time ({@code source:}, {@code before:}, {@code after:}). Before 1.3.5 the
 *       command had no check, and the network packet path never has one, on any version: an empty
 *       parameter set there matches every row.</li>
 *   <li>{@code /lg purge} has no specificity check on any version; only the command's argument
 *       must be present (Brigadier). Its network packet path takes an empty string and deletes
 *       every row.</li>
 * </ul>
 * LedgerNet applies the newest rule to every backend, whatever its Ledger version and whatever
 * path (packet or command) the request takes, and refuses any request that is empty.
 */
final class Specificity {
    private Specificity() {
    }

    /** What is missing for {@code verb} ("rollback", "restore", "purge"), or empty when the query may run. */
    static Optional<String> missing(String verb, SearchQuery query) {
        if (query.withoutBackends().equals(SearchQuery.ALL)) {
            return Optional.of("A " + verb + " with no parameters would act on every logged action of the"
                    + " server; nothing was sent. Name what to " + verb + ", e.g. source:Steve after:1h range:10"
                    + " (backend: and other servers' world: terms do not count).");
        }
        if (verb.equals("purge")) {
            return Optional.empty();
        }
        boolean range = query.range().isPresent();
        boolean sourceOrTime = !query.sources().isEmpty() || query.before().isPresent() || query.after().isPresent();
        if (range && sourceOrTime) {
            return Optional.empty();
        }
        String needs = !range && !sourceOrTime ? "a range: (range:N, or range:@global for the whole server) and a"
                + " source: or a time (after:/before:)"
                : !range ? "a range: (range:N, or range:@global for the whole server)"
                : "a source: or a time (after:/before:)";
        return Optional.of("A " + verb + " needs " + needs + ", as Ledger's /lg " + verb + " does; nothing was sent.");
    }
}
