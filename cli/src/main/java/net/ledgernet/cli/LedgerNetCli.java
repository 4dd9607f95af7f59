package net.ledgernet.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.LedgerNetVersion;
import net.ledgernet.command.NetworkQueries;
import net.ledgernet.config.ConfigFile;
import net.ledgernet.config.InvalidConfigException;
import net.ledgernet.config.LedgerNetConfig;

/**
 * LedgerNet from a terminal: the same config.yml and core as the proxy plugins.
 *
 * <pre>
 * ledgernet-cli search &lt;params&gt; [--page N] [--json]   network-wide search, as /lgn search
 * ledgernet-cli player &lt;name|uuid&gt; [--json]           a player across the network
 * ledgernet-cli inspect &lt;backend&gt; &lt;x&gt; &lt;y&gt; &lt;z&gt; [world]  actions at one block
 * ledgernet-cli status [--json]                        every backend's health
 * ledgernet-cli doctor                                 check config.yml and every backend's database
 * ledgernet-cli demo                                   generate the sample network, check it, search it
 * </pre>
 * All take {@code --dir DIR}, the folder holding config.yml.
 */
public final class LedgerNetCli {
    private static final String USAGE = """
            Usage: java -jar ledgernet-cli.jar <command> [arguments] [--dir DIR] [--json] [--page N] [--at TIME]

            Commands:
              search <params>      search every backend's Ledger database at once, with Ledger's
                                   search grammar (action: source: object: world: before: after:
                                   rolledback:) plus backend:NAME, backend:!NAME; e.g.
                                   search action:block-break source:Steve after:2d
              player <name|uuid>   a player across the network: joins and where they were
              inspect <backend> <x> <y> <z> [world]
                                   every action at one block of one backend, newest first
              status               every backend: reachable, latency, schema, rows, time zone,
                                   circuit breaker, pool
              doctor               load DIR/config.yml and connect to every backend's Ledger database
              demo                 write a demo config.yml and sample Ledger databases into DIR if
                                   there are none yet, run doctor on them, then a network-wide search
              help                 show this text

            Options:
              --dir DIR   the folder holding config.yml (default: the current folder). A missing
                          config.yml is written from LedgerNet's commented default.
              --json      search, player, inspect, status: one JSON document on stdout
              --page N    search, inspect: page N (limits.page-size actions per page)
              --at TIME   search: evaluate after:/before: against this instant (ISO-8601, e.g.
                          2026-11-20T10:15:30Z) instead of now; the "More:" hint gives the one
                          the search used, so later pages continue the same search

            Exit codes: 0 ok, 1 no results, 2 bad input (command line or config.yml),
                        3 a backend database unreachable or not a Ledger database.
            """;
    /** The search the demo runs over the sample network. */
    static final String DEMO_SEARCH = "action:block-break after:3d";

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final long progressAfterMillis;

    LedgerNetCli(PrintStream out, PrintStream err) {
        this(out, err, false, 1000);
    }

    /**
     * @param terminal            stderr is a terminal: the progress line is rewritten in place
     * @param progressAfterMillis how long a query runs before the progress line appears
     */
    LedgerNetCli(PrintStream out, PrintStream err, boolean terminal, long progressAfterMillis) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.progressAfterMillis = progressAfterMillis;
    }

    public static void main(String[] args) {
        System.exit(new LedgerNetCli(System.out, System.err, System.console() != null, 1000).run(args).code);
    }

    ExitCode run(String[] args) {
        List<String> positional = new ArrayList<>();
        Path dir = Path.of(".");
        boolean json = false;
        int page = 1;
        java.util.Optional<java.time.Instant> at = java.util.Optional.empty();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> {
                    if (i + 1 >= args.length) {
                        return usage("--dir needs a folder");
                    }
                    dir = Path.of(args[++i]);
                }
                case "--json" -> json = true;
                case "--page" -> {
                    if (i + 1 >= args.length || !args[i + 1].matches("[1-9][0-9]{0,3}")) {
                        return usage("--page needs a page number from 1 to 9999");
                    }
                    page = Integer.parseInt(args[++i]);
                }
                case "--at" -> {
                    try {
                        at = java.util.Optional.of(java.time.Instant.parse(i + 1 < args.length ? args[++i] : ""));
                    } catch (java.time.format.DateTimeParseException e) {
                        return usage("--at needs an ISO-8601 instant, e.g. 2026-11-20T10:15:30Z");
                    }
                }
                case "-h", "--help" -> positional.add("help");
                case "--version" -> positional.add("version");
                default -> {
                    if (args[i].startsWith("--")) {
                        return usage("unknown option " + args[i]);
                    }
                    positional.add(args[i]);
                }
            }
        }
        if (positional.isEmpty()) {
            return usage("no command given");
        }
        String command = positional.get(0);
        int pages = page; // effectively final for the lambdas below
        java.util.Optional<java.time.Instant> evaluatedAt = at;
        List<String> rest = positional.subList(1, positional.size());
        boolean takesArguments = Set.of("search", "player", "inspect").contains(command);
        if (!takesArguments && !rest.isEmpty()) {
            return usage(Set.of("doctor", "demo", "status", "help", "version").contains(command)
                    ? command + " takes no arguments" : "unknown command " + command);
        }
        try {
            return switch (command) {
                case "doctor" -> doctor(dir);
                case "demo" -> demo(dir);
                case "search" -> rest.isEmpty() ? usage("search needs parameters, e.g. search action:block-break")
                        : staff(dir, json, staff -> staff.search(String.join(" ", rest), pages, evaluatedAt));
                case "player" -> rest.size() != 1 ? usage("player needs one name or UUID")
                        : staff(dir, json, staff -> staff.player(rest.get(0)));
                case "inspect" -> staff(dir, json, staff -> staff.inspect(rest, pages));
                case "status" -> staff(dir, json, StaffCommands::status);
                case "help" -> {
                    out.print(USAGE);
                    yield ExitCode.OK;
                }
                case "version" -> {
                    out.println("LedgerNet " + LedgerNetVersion.get());
                    yield ExitCode.OK;
                }
                default -> usage("unknown command " + command);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return ExitCode.BACKEND_UNREACHABLE;
        }
    }

    @FunctionalInterface
    private interface StaffTask {
        ExitCode run(StaffCommands staff) throws InterruptedException;
    }

    /** Starts the core on config.yml as a proxy would (pools, caches, fan-out), runs one task, stops it. */
    private ExitCode staff(Path dir, boolean json, StaffTask task) throws InterruptedException {
        if (loadConfig(dir) == null) {
            return ExitCode.BAD_INPUT;
        }
        LedgerNetCore core = new LedgerNetCore(new CliPlatform(dir, err));
        core.load();
        core.enable();
        if (core.state() != LedgerNetCore.State.ENABLED || core.networkSearch().isEmpty()) {
            return ExitCode.BAD_INPUT; // the reason was printed by the core's logger
        }
        try (NetworkQueries queries = new NetworkQueries(core, Clock.systemUTC());
             Progress progress = new Progress(err, terminal, progressAfterMillis)) {
            return task.run(new StaffCommands(queries, core.networkSearch().get(), out, progress, json));
        } finally {
            core.disable();
        }
    }

    private ExitCode doctor(Path dir) throws InterruptedException {
        LedgerNetConfig config = loadConfig(dir);
        if (config == null) {
            return ExitCode.BAD_INPUT;
        }
        out.println("LedgerNet " + LedgerNetVersion.get() + ": checking " + config.backends().size() + " backend(s) from "
                + new ConfigFile(dir).path().toAbsolutePath().normalize());
        return new Doctor(out).run(config);
    }

    /** The sample network, the doctor table, then LedgerNet's main job on it: one search across every backend. */
    private ExitCode demo(Path dir) throws InterruptedException {
        try {
            writeDemoConfigIfMissing(dir);
        } catch (IOException e) {
            err.println("error: cannot write " + dir.resolve(ConfigFile.FILE_NAME) + ": " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        LedgerNetConfig config = loadConfig(dir);
        if (config == null) {
            return ExitCode.BAD_INPUT;
        }
        try {
            new DemoNetwork(out).ensure(config);
        } catch (IOException | RuntimeException e) {
            err.println("error: could not write the demo network: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        ExitCode doctor = doctor(dir);
        out.println();
        out.println("A network-wide search (java -jar ledgernet-cli.jar search " + DEMO_SEARCH + " --dir " + dir + "):");
        ExitCode search = staff(dir, false, staff -> staff.search(DEMO_SEARCH, 1));
        return doctor != ExitCode.OK ? doctor : search;
    }

    /** The demo's own config.yml (three sample backends), only where there is none yet. */
    private void writeDemoConfigIfMissing(Path dir) throws IOException {
        Path file = dir.resolve(ConfigFile.FILE_NAME);
        if (java.nio.file.Files.exists(file)) {
            return;
        }
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        try (java.io.InputStream in = LedgerNetCli.class.getResourceAsStream("demo-config.yml")) {
            if (in == null) {
                throw new IOException("the demo config.yml is missing from the CLI jar");
            }
            java.nio.file.Files.copy(in, file);
        }
        out.println("Wrote the demo configuration to " + file.toAbsolutePath().normalize());
    }

    private LedgerNetConfig loadConfig(Path dir) {
        ConfigFile file = new ConfigFile(dir);
        try {
            if (file.writeDefaultIfMissing()) {
                out.println("Wrote the default configuration to " + file.path().toAbsolutePath().normalize());
            }
            return file.load();
        } catch (InvalidConfigException e) {
            err.println("error: " + e.getMessage());
            return null;
        } catch (IOException e) {
            err.println("error: cannot write " + file.path() + ": " + e.getMessage());
            return null;
        }
    }

    private ExitCode usage(String problem) {
        err.println("error: " + problem);
        err.print(USAGE);
        return ExitCode.BAD_INPUT;
    }
}
