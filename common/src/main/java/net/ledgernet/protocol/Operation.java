package net.ledgernet.protocol;

/**
 * What a backend does with a decoded C2S packet: the command permission it checks (besides
 * {@code ledger.networking}, which every C2S packet needs) and the packet type its {@code ledger:response}
 * packets name. Used to tell a documented request from the operation a misreading backend would run.
 */
public enum Operation {
    HANDSHAKE(null, null),
    INSPECT("ledger.commands.inspect", LedgerChannel.INSPECT),
    SEARCH("ledger.commands.search", LedgerChannel.SEARCH),
    ROLLBACK("ledger.commands.rollback", LedgerChannel.ROLLBACK),
    RESTORE("ledger.commands.rollback", LedgerChannel.ROLLBACK),
    PURGE("ledger.commands.purge", LedgerChannel.PURGE),
    /** LedgerNet's {@code ledger:player} extension: answered by the proxy; no Ledger version has it. */
    PLAYER_LOOKUP("ledger.commands.player", null);

    private final String permission;
    private final LedgerChannel responseType;

    Operation(String permission, LedgerChannel responseType) {
        this.permission = permission;
        this.responseType = responseType;
    }

    /** The command permission node, or null if only {@code ledger.networking} is checked. */
    public String permission() {
        return permission;
    }

    /** The channel named in {@code ledger:response} packets for this operation, or null if none are sent. */
    public LedgerChannel responseType() {
        return responseType;
    }
}
