package net.ledgernet.config;

/** The permission node checked for each kind of Ledger request. Defaults are Ledger's own names. */
public record PermissionNodes(
        String networking, String search, String inspect, String rollback, String purge, String player) {
    public static final PermissionNodes LEDGER_DEFAULTS = new PermissionNodes(
            "ledger.networking",
            "ledger.commands.search",
            "ledger.commands.inspect",
            "ledger.commands.rollback",
            "ledger.commands.purge",
            "ledger.commands.player");
}
