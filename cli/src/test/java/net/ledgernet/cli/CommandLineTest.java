package net.ledgernet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.ledgernet.LedgerNetVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line itself: every subcommand's --help (never read as a search term or a player name),
 * --version listed and answered, and read-only commands that never create a file or folder.
 */
class CommandLineTest {
    @TempDir
    Path dir;

    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ExitCode run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        return new LedgerNetCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"search", "player", "inspect", "status", "doctor", "demo"})
    void everySubcommandHasItsOwnHelpAndReadsNothing(String command) throws IOException {
        Path nowhere = dir.resolve("nowhere");
        for (String help : List.of("--help", "-h")) {
            assertEquals(ExitCode.OK, run(command, help, "--dir", nowhere.toString()), err());
            assertThat(out()).startsWith(firstHelpLine(command))
                    .contains("Usage: java -jar ledgernet-cli.jar " + command + " ")
                    .contains("-h, --help").contains("-V, --version").contains("Exit codes: 0 ok");
            assertThat(err()).isEmpty();
        }
        assertEquals(ExitCode.OK, run("help", command));
        assertThat(out()).contains("Usage: java -jar ledgernet-cli.jar " + command + " ");
        assertThat(nowhere).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    private static String firstHelpLine(String command) {
        return switch (command) {
            case "search" -> "Search every backend's Ledger database at once, with Ledger's search grammar.";
            case "player" -> "A player across the network: joins, last server, where they were.";
            case "inspect" -> "Every action at one block of one backend, newest first.";
            case "status" -> "Every backend's health, as /lgn status.";
            case "doctor" -> "Check config.yml and connect to every backend's Ledger database.";
            default -> "Write a demo config.yml and sample Ledger databases into DIR, check them, search them.";
        };
    }

    @Test
    void helpIsNotASearchTermNorAPlayer() {
        assertEquals(ExitCode.OK, run("search", "--help"));
        assertThat(out()).contains("Ledger's search grammar: action:, source:, object:, world:, before:, after:,")
                .contains("backend:* (every backend is searched by default)")
                .doesNotContain("Expected key:value");
        assertEquals(ExitCode.OK, run("search", "action:block-break", "--help"));
        assertThat(out()).contains("Usage: java -jar ledgernet-cli.jar search");
        assertEquals(ExitCode.OK, run("player", "--help"));
        assertThat(out()).contains("<name|uuid>").doesNotContain("No player help");
    }

    @Test
    void versionIsListedInHelpAndAnswered() {
        assertEquals(ExitCode.OK, run("--help"));
        assertThat(out()).contains("-V, --version   Print version information and exit.")
                .contains("Commands:").contains("  search ").contains("  doctor ").contains("  help ")
                .contains("plugins/ledgernet/config.yml (Velocity) and plugins/LedgerNet/config.yml");
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"-V"}, new String[] {"doctor", "--version"})) {
            assertEquals(ExitCode.OK, run(args));
            assertEquals("LedgerNet " + LedgerNetVersion.get() + System.lineSeparator(), out());
        }
    }

    @Test
    void mistakesOnTheCommandLineAreExitCode2WithAPointerToHelp() {
        assertEquals(ExitCode.BAD_INPUT, run("frobnicate"));
        assertThat(err()).startsWith("error: unknown command frobnicate")
                .contains("Try 'java -jar ledgernet-cli.jar --help' for more information.");
        assertEquals(ExitCode.BAD_INPUT, run("doctor", "--verbose"));
        assertThat(err()).startsWith("error: Unknown option: '--verbose'")
                .contains("Try 'java -jar ledgernet-cli.jar doctor --help' for more information.");
        assertEquals(ExitCode.BAD_INPUT, run("search", "x:1", "--page", "0", "--dir", dir.toString()));
        assertThat(err()).isEqualTo("error: --page needs a page number from 1 to 9999" + System.lineSeparator());
        assertEquals(ExitCode.BAD_INPUT, run("status", "extra"));
        assertThat(err()).startsWith("error: Unmatched argument at index 1: 'extra'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"doctor", "status", "search", "player", "inspect"})
    void readOnlyCommandsCreateNothingForAMistypedDir(String command) throws IOException {
        Path typo = dir.resolve("plugins").resolve("LedgerNett");
        List<String> args = switch (command) {
            case "search" -> List.of("search", "action:block-break");
            case "player", "inspect" -> command.equals("player") ? List.of("player", "Steve")
                    : List.of("inspect", "survival", "1", "2", "3");
            default -> List.of(command);
        };
        String[] withDir = Stream.concat(args.stream(), Stream.of("--dir", typo.toString())).toArray(String[]::new);
        assertEquals(ExitCode.BAD_INPUT, run(withDir));
        Path shown = typo.toAbsolutePath().normalize();
        assertThat(err()).startsWith("error: no config.yml in " + shown + " (there is no folder " + shown + ")")
                .contains("  Velocity:              plugins/ledgernet/config.yml   (--dir plugins/ledgernet)")
                .contains("  BungeeCord/Waterfall:  plugins/LedgerNet/config.yml   (--dir plugins/LedgerNet)")
                .contains("'demo --dir DIR' (the only command that writes files)");
        assertThat(out()).isEmpty();
        assertThat(dir.resolve("plugins")).doesNotExist();

        // An existing folder without config.yml gets none either.
        Files.createDirectories(typo);
        withDir = Stream.concat(args.stream(), Stream.of("--dir", typo.toString())).toArray(String[]::new);
        assertEquals(ExitCode.BAD_INPUT, run(withDir));
        assertThat(err()).startsWith("error: no config.yml in " + shown + System.lineSeparator());
        try (Stream<Path> files = Files.list(typo)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void dirMayComeBeforeTheCommandAndStillCreatesNothing() {
        Path fresh = dir.resolve("fresh");
        assertEquals(ExitCode.BAD_INPUT, run("--dir", fresh.toString(), "doctor"));
        assertThat(err()).startsWith("error: no config.yml in " + fresh.toAbsolutePath().normalize());
        assertThat(fresh).doesNotExist();
        // A folder named like a command is still a folder.
        assertEquals(ExitCode.BAD_INPUT, run("--dir", "demo", "status"));
        assertThat(err()).startsWith("error: no config.yml in " + Path.of("demo").toAbsolutePath().normalize());
    }

    @Test
    void thePluginsFirstConfigWithNoBackendIsSaidNotCrashedOn() throws IOException {
        try (java.io.InputStream in = net.ledgernet.config.ConfigFile.defaultConfig()) {
            Files.copy(in, dir.resolve("config.yml"));
        }
        for (String command : List.of("doctor", "status")) {
            assertEquals(ExitCode.BAD_INPUT, run(command, "--dir", dir.toString()), err());
            assertThat(out()).contains("No backends are listed in this config.yml yet, so there is no database to check:"
                    + " list each server's Ledger database under backends: (the file has commented examples).");
            assertThat(err()).doesNotContain("Exception");
        }
    }
}
