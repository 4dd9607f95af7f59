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
 * @param columnIndexes the single-column indexes on {@code action_id}, {@code object_id} and friends
 *                     exist (databases created by Ledger 1.3.0 or later)
 * @param newestActionId the highest {@code actions.id}: a cheap upper bound on the number of actions
 * @param timeIndexStatement Ledger's {@code CREATE INDEX} for {@code actions_time} in this database's
 *                     dialect and table name, when the actions table lacks it
 * @param error        why the database could not be probed, when it could not
 */
public record SchemaReport(
        boolean reachable,
        double latencyMillis,
        Map<String, String> tables,
        List<String> missing,
        boolean timeIndex,
        boolean columnIndexes,
        long newestActionId,
        Optional<String> timeIndexStatement,
        Optional<String> error) {

    /** Ledger's tables by their logical names. */
    public static final List<String> LEDGER_TABLES =
            List.of("actions", "ActionIdentifiers", "ObjectIdentifiers", "worlds", "sources", "players");

    public static SchemaReport unreachable(String error) {
        return new SchemaReport(false, 0, Map.of(), LEDGER_TABLES, false, false, 0, Optional.empty(),
                Optional.of(error));
    }

    /**
     * Which Ledger created the schema, as far as its indexes tell (there is no schema version table):
     * 1.3.0 added single-column indexes, 1.3.21 the {@code actions_time} index. Ledger 1.3.13+ never
     * adds indexes to an existing database, so an old database keeps its old indexes after upgrades.
     */
    public String ledgerSchema() {
        if (!reachable || tables.get("actions") == null) {
            return "-";
        }
        if (timeIndex) {
            return "1.3.21+";
        }
        return columnIndexes ? "1.3.0-1.3.20" : "before 1.3.0";
    }

    /**
     * For a usable database without the time index: what the index would buy and the statement that
     * creates it ({@link TimeIndexAdvice}); empty otherwise.
     */
    public Optional<String> timeIndexAdvice() {
        if (!complete() || timeIndex) {
            return Optional.empty();
        }
        return timeIndexStatement.map(statement -> TimeIndexAdvice.BENEFIT + " Create it with: " + statement
                + " (or set [database] updateSchema = true in ledger.toml, Ledger 1.3.22+, and restart the backend);"
                + " LedgerNet uses it from its next start or /lgn reload.");
    }

    /** Reachable and every Ledger table present. */
    public boolean complete() {
        return reachable && missing.isEmpty();
    }
}
