package net.ledgernet.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.net.URI;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.LedgerNetVersion;
import net.ledgernet.command.NetworkQueries;
import net.ledgernet.config.ConfigFile;
import net.ledgernet.config.InvalidConfigException;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.config.WebSettings;
import net.ledgernet.web.WebConsole;
import net.ledgernet.web.WebConsoleHost;
import net.ledgernet.web.WebViewer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

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
 * ledgernet-cli web [--open]                           serve the staff web console until Ctrl+C
 * </pre>
 * All take {@code --dir DIR}, the folder holding config.yml, and {@code --help}. Only {@code demo} writes
 * anything; the others read an existing config.yml and never create a file or folder.
 */
@Command(name = "java -jar ledgernet-cli.jar", mixinStandardHelpOptions = true,
        versionProvider = LedgerNetCli.Version.class,
        description = "LedgerNet from a terminal: the same config.yml and searches as the proxy plugin.",
        synopsisSubcommandLabel = "<command>",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%n",
        footer = {"Every command takes --dir DIR, the folder holding config.yml (default: the current folder).",
                "The proxies keep it in " + LedgerNetCli.VELOCITY_CONFIG + " (Velocity) and "
                        + LedgerNetCli.BUNGEE_CONFIG + " (BungeeCord).",
                "Only demo writes files. 'help <command>' or '<command> --help' explains one command.",
                "",
                LedgerNetCli.EXIT_CODES})
public final class LedgerNetCli implements Callable<Integer> {
    /** The search the demo runs over the sample network. */
    static final String DEMO_SEARCH = "action:block-break after:3d";
    static final String VELOCITY_CONFIG = "plugins/ledgernet/config.yml";
    static final String BUNGEE_CONFIG = "plugins/LedgerNet/config.yml";
    static final String EXIT_CODES = "Exit codes: 0 ok, 1 no results, 2 bad input (command line or config.yml),%n"
            + "            3 a backend database unreachable or not a Ledger database,%n"
            + "            4 every database answered but a setting looks wrong (time-zone).";

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final long progressAfterMillis;
    /** Completes when {@code web} should stop (tests); in a terminal only Ctrl+C stops it. */
    private final CompletableFuture<Void> stopWeb;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", scope = ScopeType.INHERIT, defaultValue = ".",
            description = "the folder holding config.yml (default: the current folder)")
    Path dir = Path.of(".");

    LedgerNetCli(PrintStream out, PrintStream err) {
        this(out, err, false, 1000);
    }

    /**
     * @param terminal            stderr is a terminal: the progress line is rewritten in place
     * @param progressAfterMillis how long a query runs before the progress line appears
     */
    LedgerNetCli(PrintStream out, PrintStream err, boolean terminal, long progressAfterMillis) {
        this(out, err, terminal, progressAfterMillis, new CompletableFuture<>());
    }

    /** @param stopWeb completing it stops a running {@code web} command, which then exits 0 */
    LedgerNetCli(PrintStream out, PrintStream err, boolean terminal, long progressAfterMillis,
                 CompletableFuture<Void> stopWeb) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.progressAfterMillis = progressAfterMillis;
        this.stopWeb = stopWeb;
    }

    public static void main(String[] args) {
        System.exit(new LedgerNetCli(System.out, System.err, System.console() != null, 1000).run(args).code);
    }

    ExitCode run(String[] args) {
        CommandLine cli = commandLine();
        int code = cli.execute(args);
        out.flush();
        err.flush();
        for (ExitCode exit : ExitCode.values()) {
            if (exit.code == code) {
                return exit;
            }
        }
        return ExitCode.BAD_INPUT;
    }

    CommandLine commandLine() {
        CommandLine cli = new CommandLine(this);
        cli.addSubcommand(new SearchCommand());
        cli.addSubcommand(new PlayerCommand());
        cli.addSubcommand(new InspectCommand());
        cli.addSubcommand(new StatusCommand());
        cli.addSubcommand(new DoctorCommand());
        cli.addSubcommand(new DemoCommand());
        cli.addSubcommand(new WebCommand());
        cli.addSubcommand(new CommandLine.HelpCommand());
        cli.setUsageHelpWidth(100);
        cli.setAllowSubcommandsAsOptionParameters(true); // --dir demo
        cli.setExpandAtFiles(false); // source:@fire and the like are search terms, never argument files
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            PrintWriter to = failed.getErr();
            to.println("error: " + problem(e));
            to.print(failed.getHelp().fullSynopsis());
            to.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
            to.flush();
            return ExitCode.BAD_INPUT.code;
        });
        cli.setExecutionExceptionHandler((e, failed, parsed) -> {
            failed.getErr().println("error: " + e);
            failed.getErr().flush();
            return ExitCode.BACKEND_UNREACHABLE.code;
        });
        return cli;
    }

    /** picocli's message, except for an unknown first word, which is an unknown command here. */
    private String problem(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && e.getCommandLine().getCommand() == this
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            return "unknown command " + unmatched.getUnmatched().get(0);
        }
        return e.getMessage();
    }

    /** No command given. */
    @Override
    public Integer call() {
        err.println("error: no command given");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.BAD_INPUT.code;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"LedgerNet " + LedgerNetVersion.get()};
        }
    }

    // ---------------------------------------------------------------- the commands

    @Command(name = "search", mixinStandardHelpOptions = true, versionProvider = Version.class,
            header = "Search every backend's Ledger database at once, with Ledger's search grammar.",
            description = {"Search every backend's Ledger database at once and print the merged page, newest first.",
                    "",
                    "Ledger's search grammar: action:, source:, object:, world:, before:, after:, rolledback:,",
                    "with ! to exclude (action:!block-place), plus LedgerNet's backend:NAME, backend:!NAME and",
                    "backend:* (every backend is searched by default). world: takes network ids such as",
                    "survival:overworld. range: is refused: the terminal stands nowhere.",
                    "",
                    "Examples:",
                    "  search action:block-break source:Steve after:2d",
                    "  search object:diamond_ore object:deepslate_diamond_ore after:7d backend:survival"},
            footer = {"", EXIT_CODES})
    final class SearchCommand implements Callable<Integer> {
        @Parameters(paramLabel = "<params>", arity = "1..*", description = "the search, as in /lgn search")
        List<String> params;
        @Option(names = "--page", paramLabel = "N", defaultValue = "1",
                description = "page N (limits.page-size actions per page), 1 to 9999")
        int page;
        @Option(names = "--json", description = "print one JSON document on stdout")
        boolean json;
        @Option(names = "--at", paramLabel = "TIME", description = "evaluate after:/before: against this instant"
                + " (ISO-8601, e.g. 2026-11-20T10:15:30Z) instead of now; the More: hint gives the one a search"
                + " used, so later pages continue the same search")
        String at;

        @Override
        public Integer call() throws InterruptedException {
            if (page < 1 || page > 9999) {
                return bad("--page needs a page number from 1 to 9999").code;
            }
            java.util.Optional<java.time.Instant> instant;
            try {
                instant = java.util.Optional.ofNullable(at).map(java.time.Instant::parse);
            } catch (java.time.format.DateTimeParseException e) {
                return bad("--at needs an ISO-8601 instant such as 2026-11-20T10:15:30Z, not '" + at + "'").code;
            }
            int pages = page;
            return staff(json, staff -> staff.search(String.join(" ", params), pages, instant)).code;
        }
    }

    @Command(name = "player", mixinStandardHelpOptions = true, versionProvider = Version.class,
            header = "A player across the network: joins, last server, where they were.",
            description = {"Look a player up on every backend: UUID, first and last join, the server of the last",
                    "join and where they were near it (from their logged actions)."},
            footer = {"", EXIT_CODES})
    final class PlayerCommand implements Callable<Integer> {
        @Parameters(paramLabel = "<name|uuid>", arity = "1", description = "a player name or UUID")
        String who;
        @Option(names = "--json", description = "print one JSON document on stdout")
        boolean json;

        @Override
        public Integer call() throws InterruptedException {
            return staff(json, staff -> staff.player(who)).code;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = Version.class,
            header = "Every action at one block of one backend, newest first.",
            description = {"Every action at one block of one backend, newest first, in every world of that",
                    "backend, or in the one world given (a network id such as survival:the_nether)."},
            footer = {"", EXIT_CODES})
    final class InspectCommand implements Callable<Integer> {
        @Parameters(paramLabel = "<backend> <x> <y> <z> [world]", arity = "1..*",
                description = "the backend, the block's coordinates and optionally the world")
        List<String> args;
        @Option(names = "--page", paramLabel = "N", defaultValue = "1",
                description = "page N (limits.page-size actions per page), 1 to 9999")
        int page;
        @Option(names = "--json", description = "print one JSON document on stdout")
        boolean json;

        @Override
        public Integer call() throws InterruptedException {
            if (page < 1 || page > 9999) {
                return bad("--page needs a page number from 1 to 9999").code;
            }
            if (args.size() != 4 && args.size() != 5) {
                return bad("inspect needs <backend> <x> <y> <z> [world]").code;
            }
            int pages = page;
            return staff(json, staff -> staff.inspect(args, pages)).code;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Version.class,
            header = "Every backend's health, as /lgn status.",
            description = {"Every backend's health, as /lgn status: reachable, latency, Ledger schema, rows, the",
                    "newest action, time zone (flagged when the newest action lies in the future), circuit",
                    "breaker and pool."},
            footer = {"", EXIT_CODES})
    final class StatusCommand implements Callable<Integer> {
        @Option(names = "--json", description = "print one JSON document on stdout")
        boolean json;

        @Override
        public Integer call() throws InterruptedException {
            return staff(json, StaffCommands::status).code;
        }
    }

    @Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = Version.class,
            header = "Check config.yml and connect to every backend's Ledger database.",
            description = {"Load DIR/config.yml, connect to every backend's Ledger database and report what it",
                    "found: the database's real error when it cannot connect, missing Ledger tables, the",
                    "time index, and a time-zone setting that puts the newest action in the future."},
            footer = {"", EXIT_CODES})
    final class DoctorCommand implements Callable<Integer> {
        @Override
        public Integer call() throws InterruptedException {
            return doctor(dir).code;
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class,
            header = "Write a demo config.yml and sample Ledger databases into DIR, check them, search them.",
            description = {"Write a demo config.yml and sample Ledger databases (SQLite and H2) into DIR if there",
                    "are none yet, run doctor on them, then a network-wide search. The only command that",
                    "writes files."},
            footer = {"", EXIT_CODES})
    final class DemoCommand implements Callable<Integer> {
        @Override
        public Integer call() throws InterruptedException {
            return demo(dir).code;
        }
    }

    @Command(name = "web", mixinStandardHelpOptions = true, versionProvider = Version.class,
            header = "Serve the staff web console over DIR/config.yml and print the operator's login link.",
            description = {"Serve the staff web console on web.bind and web.port of DIR/config.yml, whatever",
                    "web.enabled says (that flag is for the proxies), and print a login link for you, the",
                    "operator, who may read every backend: one use, valid 5 minutes. Runs until Ctrl+C.",
                    "Players get their own links in game with /lgn web, from the proxy's console."},
            footer = {"", EXIT_CODES})
    final class WebCommand implements Callable<Integer> {
        @Option(names = "--open", description = "also open the login link in this machine's browser")
        boolean open;

        @Override
        public Integer call() throws InterruptedException {
            return web(dir, open).code;
        }
    }

    // ---------------------------------------------------------------- running them

    @FunctionalInterface
    private interface StaffTask {
        ExitCode run(StaffCommands staff) throws InterruptedException;
    }

    /** Starts the core on config.yml as a proxy would (pools, caches, fan-out), runs one task, stops it. */
    private ExitCode staff(boolean json, StaffTask task) throws InterruptedException {
        if (existingConfig(dir) == null) {
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

    /**
     * The web console over config.yml for the operator, until Ctrl+C (or {@link #stopWeb}). Only the
     * operator's link is ever made here, so a player viewer is refused outright.
     */
    private ExitCode web(Path dir, boolean open) throws InterruptedException {
        LedgerNetConfig config = existingConfig(dir);
        if (config == null) {
            return ExitCode.BAD_INPUT;
        }
        LedgerNetCore core = new LedgerNetCore(new CliPlatform(dir, err));
        core.load();
        core.enable();
        if (core.state() != LedgerNetCore.State.ENABLED) {
            core.disable();
            return ExitCode.BAD_INPUT; // the reason was printed by the core's logger
        }
        WebSettings settings = config.web();
        WebConsoleHost.exposureWarning(settings).ifPresent(warning -> err.println("warning: " + warning));
        NetworkQueries queries = new NetworkQueries(core, Clock.systemUTC());
        WebConsole console;
        try {
            console = WebConsole.start(settings, core, queries,
                    viewer -> CompletableFuture.completedFuture(viewer.player().isEmpty()),
                    new CliPlatform(dir, err).logger(), Clock.systemUTC());
        } catch (RuntimeException e) {
            err.println("error: the web console could not start: " + e.getMessage());
            queries.close();
            core.disable();
            return ExitCode.BAD_INPUT;
        }
        Runnable stop = () -> {
            console.close();
            queries.close();
            core.disable();
        };
        Thread onCtrlC = new Thread(stop, "LedgerNet-web-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        URI link = console.loginLink(WebViewer.operator());
        out.println("LedgerNet web console for " + new ConfigFile(dir).path().toAbsolutePath().normalize()
                + " at " + console.baseUrl());
        out.println("Log in as the operator (one use, valid " + WebConsoleHost.LOGIN_LINK_VALIDITY.toMinutes()
                + " minutes; run web again for a new link):");
        out.println("  " + link);
        if (open) {
            openInBrowser(link);
        }
        out.println("Press Ctrl+C to stop.");
        out.flush();
        try {
            stopWeb.join();
        } finally {
            Runtime.getRuntime().removeShutdownHook(onCtrlC);
            stop.run();
        }
        return ExitCode.OK;
    }

    private void openInBrowser(URI link) {
        try {
            if (java.awt.GraphicsEnvironment.isHeadless() || !java.awt.Desktop.isDesktopSupported()
                    || !java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
                err.println("warning: --open: no desktop browser on this machine; open the link above yourself.");
                return;
            }
            java.awt.Desktop.getDesktop().browse(link);
        } catch (IOException | RuntimeException e) {
            err.println("warning: --open: could not open a browser (" + e.getMessage() + "); open the link above yourself.");
        }
    }

    private ExitCode doctor(Path dir) throws InterruptedException {
        LedgerNetConfig config = existingConfig(dir);
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
        LedgerNetConfig config = existingConfig(dir);
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
        ExitCode search = staff(false, staff -> staff.search(DEMO_SEARCH, 1));
        out.println();
        out.println("The same network in a browser, the staff web console: java -jar ledgernet-cli.jar web --dir " + dir);
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

    /**
     * config.yml in {@code dir}, loaded and validated; null (and the reason printed) when there is none or
     * it is wrong. Never writes: a mistyped --dir must not leave a folder or a config behind.
     */
    private LedgerNetConfig existingConfig(Path dir) {
        ConfigFile file = new ConfigFile(dir);
        Optional<String> missing = missingConfig(dir, file);
        if (missing.isPresent()) {
            err.print(missing.get());
            return null;
        }
        try {
            return file.load();
        } catch (InvalidConfigException e) {
            err.println("error: " + e.getMessage());
            return null;
        }
    }

    /** Why there is no config.yml to read in {@code dir}, and where the proxies keep theirs. */
    static Optional<String> missingConfig(Path dir, ConfigFile file) {
        if (Files.isRegularFile(file.path())) {
            return Optional.empty();
        }
        Path shown = dir.toAbsolutePath().normalize();
        String why = !Files.exists(dir) ? " (there is no folder " + shown + ")"
                : !Files.isDirectory(dir) ? " (" + shown + " is a file, not a folder)" : "";
        return Optional.of("error: no config.yml in " + shown + why + System.lineSeparator()
                + "LedgerNet keeps its config.yml in the proxy's plugin folder:" + System.lineSeparator()
                + "  Velocity:              " + VELOCITY_CONFIG + "   (--dir plugins/ledgernet)" + System.lineSeparator()
                + "  BungeeCord/Waterfall:  " + BUNGEE_CONFIG + "   (--dir plugins/LedgerNet)" + System.lineSeparator()
                + "Run this from the proxy's folder with that --dir, or try LedgerNet on sample databases with"
                + " 'demo --dir DIR' (the only command that writes files)." + System.lineSeparator());
    }

    private ExitCode bad(String message) {
        err.println("error: " + message);
        return ExitCode.BAD_INPUT;
    }
}
