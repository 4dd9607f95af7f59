package net.ledgernet.config;

/**
 * The node for each {@code /lgn} subcommand, checked with the proxy's own permission check.
 * Searches, inspects and player lookups also need Ledger's node on each backend they read; {@code web}
 * (a login link to the web console) is checked again on every request the console answers.
 */
public record CommandPermissions(String search, String player, String inspect, String status, String reload,
                                 String web) {
    public static final CommandPermissions DEFAULTS = new CommandPermissions(
            "ledgernet.command.search",
            "ledgernet.command.player",
            "ledgernet.command.inspect",
            "ledgernet.command.status",
            "ledgernet.command.reload",
            "ledgernet.command.web");
}
