package net.ledgernet.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a backend's database looked like when it was probed.
 *
 * @param reachable    a connection could be made and a query answered
 * @param latencyMillis the round trip of a trivial query on an open connection, when reachable
 * @param tables       Ledger's logical table name -> the name as found (casing differs per dialect)
 * @param missing      Ledger tables that were not found
 * @param timeIndex    the optional {@code actions_time} index exists (Ledger 1.3.21+, or updateSchema)
 * @param newestActionId the highest {@code actions.id}: a cheap upper bound on the number of actions
 * @param error        why the database could not be probed, when it could not
 */
public record SchemaReport(
        boolean reachable,
        double latencyMillis,
        Map<String, String> tables,
        List<String> missing,
        boolean timeIndex,
        long newestActionId,
        Optional<String> error) {

    /** Ledger's tables by their logical names. */
    public static final List<String> LEDGER_TABLES =
            List.of("actions", "ActionIdentifiers", "ObjectIdentifiers", "worlds", "sources", "players");

    public static SchemaReport unreachable(String error) {
        return new SchemaReport(false, 0, Map.of(), LEDGER_TABLES, false, 0, Optional.of(error));
    }

    /** Reachable and every Ledger table present. */
    public boolean complete() {
        return reachable && missing.isEmpty();
    }
}
