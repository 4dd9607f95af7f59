package net.ledgernet.storage;

/**
 * What an operator can do about a backend without Ledger's {@code actions_time} index, and what it
 * buys: shown by the CLI's {@code doctor}, {@code /lgn status} and the startup log. LedgerNet never
 * writes to a Ledger database, so it only says what to run.
 */
public final class TimeIndexAdvice {
    private TimeIndexAdvice() {
    }

    /** What the index would change, for a backend read in id order because it has none. */
    public static final String BENEFIT = "no actions_time index (Ledger before 1.3.21, or 1.3.22+ with updateSchema"
            + " off): LedgerNet pages this backend in Ledger's id order and merges it with the others by time. The"
            + " index would give exact time order, and after:/before: searches would read only their time range"
            + " instead of walking back through newer actions.";

    /**
     * Ledger's own index ({@code DatabaseManager}: {@code CREATE INDEX IF NOT EXISTS actions_time ON
     * actions(time)}, same name and column) as the statement to run on this dialect.
     * PostgreSQL builds it {@code CONCURRENTLY}, so Ledger keeps writing meanwhile (MariaDB builds
     * InnoDB indexes online by itself); MySQL has no {@code IF NOT EXISTS} for indexes; Ledger's H2
     * schema keeps the index name in lower case.
     *
     * @param actionsTable the {@code actions} table as found, qualified ({@link BackendDatabase#qualify})
     */
    public static String createStatement(SqlDialect dialect, String actionsTable) {
        String time = dialect.ledgerColumn("time");
        return switch (dialect) {
            case MARIADB -> "CREATE INDEX IF NOT EXISTS actions_time ON " + actionsTable + " (" + time + ");";
            case MYSQL -> "CREATE INDEX actions_time ON " + actionsTable + " (" + time + ");";
            case POSTGRESQL -> "CREATE INDEX CONCURRENTLY IF NOT EXISTS actions_time ON " + actionsTable + " (" + time
                    + ");";
            case H2 -> "CREATE INDEX IF NOT EXISTS \"actions_time\" ON " + actionsTable + " (" + time + ");";
            case SQLITE -> "CREATE INDEX IF NOT EXISTS actions_time ON " + actionsTable + " (" + time + ");";
        };
    }
}
