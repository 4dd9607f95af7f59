package net.ledgernet.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.ledgernet.LedgerNetVersion;
import net.ledgernet.config.ConfigFile;
import net.ledgernet.config.InvalidConfigException;
import net.ledgernet.config.LedgerNetConfig;

/**
 * LedgerNet from a terminal: the same config.yml and core as the proxy plugins.
 *
 * <pre>
 * ledgernet-cli doctor [--dir DIR]   check config.yml and every backend's database
 * ledgernet-cli demo   [--dir DIR]   generate the sample network if there is none, then check it
 * </pre>
 */
public final class LedgerNetCli {
    private static final String USAGE = """
            Usage: java -jar ledgernet-cli.jar <command> [--dir DIR]

            Commands:
              doctor   load DIR/config.yml and connect to every backend's Ledger database
              demo     write a demo config.yml and sample Ledger databases into DIR if there are
                       none yet, then run doctor on them
              help     show this text

            Options:
              --dir DIR   the folder holding config.yml (default: the current folder). A missing
                          config.yml is written from LedgerNet's commented default.

            Exit codes: 0 ok, 1 no results, 2 bad input (command line or config.yml),
                        3 a backend database unreachable or not a Ledger database.
            """;

    private final PrintStream out;
    private final PrintStream err;

    LedgerNetCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new LedgerNetCli(System.out, System.err).run(args).code);
    }

    ExitCode run(String[] args) {
        List<String> positional = new ArrayList<>();
        Path dir = Path.of(".");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> {
                    if (i + 1 >= args.length) {
                        return usage("--dir needs a folder");
                    }
                    dir = Path.of(args[++i]);
                }
                case "-h", "--help" -> positional.add("help");
                case "--version" -> positional.add("version");
                default -> {
                    if (args[i].startsWith("-")) {
                        return usage("unknown option " + args[i]);
                    }
                    positional.add(args[i]);
                }
            }
        }
        if (positional.size() != 1) {
            return usage(positional.isEmpty() ? "no command given" : "one command at a time");
        }
        try {
            return switch (positional.get(0)) {
                case "doctor" -> doctor(dir);
                case "demo" -> demo(dir);
                case "help" -> {
                    out.print(USAGE);
                    yield ExitCode.OK;
                }
                case "version" -> {
                    out.println("LedgerNet " + LedgerNetVersion.get());
                    yield ExitCode.OK;
                }
                default -> usage("unknown command " + positional.get(0));
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return ExitCode.BACKEND_UNREACHABLE;
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

    private ExitCode demo(Path dir) throws InterruptedException {
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
        return doctor(dir);
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
