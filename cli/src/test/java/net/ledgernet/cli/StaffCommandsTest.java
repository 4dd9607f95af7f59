package net.ledgernet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.ledgernet.command.RelativeTime;
import net.ledgernet.command.StaffNetwork;
import net.ledgernet.storage.SqlDialect;
import net.ledgernet.storage.TestDatabase;
import net.ledgernet.sample.SampleNetworkGenerator;
import net.ledgernet.sample.SampleSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * search, player, inspect and status end to end: a real config.yml, real SQLite and MariaDB
 * databases, the text and JSON printed, and the exit code.
 */
class StaffCommandsTest {
    private static final Pattern ROW = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +(just now|\\d+[smhdwy] ago) +(survival|creative|lobby) +(\\S+) +([a-z-]+) +.+ +\\2:[a-z_/]+ +(-?\\d+) (-?\\d+) (-?\\d+)( +rolled back)?$");

    @TempDir
    Path dir;

    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ExitCode run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        return new LedgerNetCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, 1000).run(args);
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void searchPrintsATableOfEveryBackendAndPagesForwardByKeyset() {
        StaffNetwork.write(dir, StaffNetwork.config("", ""));
        assertEquals(ExitCode.OK, run("search", "action:block-break", "--dir", dir.toString()), err());
        List<String> page1 = lines();
        assertEquals("Page 1 of action:block-break on survival, creative, lobby", page1.get(0));
        assertThat(page1.get(1)).matches("WHEN +BACKEND +SOURCE +ACTION +OBJECT +WORLD +X Y Z");
        assertThat(page1.subList(2, 10)).allSatisfy(row -> assertThat(row).matches(ROW).contains(" block-break "));
        assertThat(page1.subList(2, 10).stream().map(r -> {
            Matcher m = ROW.matcher(r);
            m.matches();
            return m.group(2);
        }).distinct()).as("rows of several backends, merged by time").hasSizeGreaterThan(1);
        assertThat(page1.get(10)).matches("More: --page 2 --at \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
        assertEquals(11, page1.size());

        assertEquals(ExitCode.OK, run("search", "action:block-break", "--page", "3", "--dir", dir.toString()), err());
        List<String> page3 = lines();
        assertEquals("Page 3 of action:block-break on survival, creative, lobby", page3.get(0));
        assertThat(page3.subList(2, 10)).allMatch(row -> ROW.matcher(row).matches())
                .doesNotContainAnyElementsOf(page1.subList(2, 10));
        assertThat(err()).isEmpty();
    }

    /** Relative times are taken back from one instant per search; --at carries it to later pages. */
    @Test
    void relativeTimesAreEvaluatedOnceAndCarriedToLaterPagesByAt() {
        StaffNetwork.write(dir, StaffNetwork.config("", ""));
        assertEquals(ExitCode.OK, run("search", "backend:creative", "rolledback:false", "--json", "--dir", dir.toString()));
        Matcher newest = Pattern.compile("\"id\":(\\d+),\"time\":\"([^\"]+)\"").matcher(lines().get(0));
        assertThat(newest.find()).isTrue();
        String id = newest.group(1);
        Instant t0 = Instant.parse(newest.group(2));

        // after:1d evaluated at t0 + 1d: the newest row lies exactly on the (inclusive) bound.
        String at = t0.plus(java.time.Duration.ofDays(1)).toString();
        assertEquals(ExitCode.OK, run("search", "backend:creative", "rolledback:false", "after:1d", "--json", "--at", at,
                "--dir", dir.toString()), err());
        assertThat(lines().get(0)).contains("\"at\":\"" + at + "\"").contains("\"id\":" + id + ",");
        // One second later the same words mean a bound past it.
        String later = t0.plus(java.time.Duration.ofDays(1)).plusSeconds(1).toString();
        assertEquals(ExitCode.NO_RESULTS, run("search", "backend:creative", "rolledback:false", "after:1d", "--at", later,
                "--dir", dir.toString()), err());
        // The hint for the next page carries the instant the search used.
        assertEquals(ExitCode.OK, run("search", "backend:creative", "after:30d", "--at", at, "--dir", dir.toString()), err());
        assertThat(lines()).contains("More: --page 2 --at " + at);
        assertEquals(ExitCode.OK, run("search", "backend:creative", "after:30d", "--page", "2", "--at", at,
                "--dir", dir.toString()), err());
        assertThat(lines().get(0)).isEqualTo("Page 2 of backend:creative after:30d on creative");
        assertEquals(ExitCode.BAD_INPUT, run("search", "action:block-break", "--at", "yesterday", "--dir", dir.toString()));
        assertThat(err()).contains("--at needs an ISO-8601 instant");
    }

    @Test
    void jsonIsOneDocumentWithNetworkWorldsAndTheRowsIds() {
        StaffNetwork.write(dir, StaffNetwork.config("", ""));
        assertEquals(ExitCode.OK, run("search", "backend:creative", "rolledback:false", "--json", "--dir", dir.toString()));
        List<String> lines = lines();
        assertEquals(1, lines.size());
        String json = lines.get(0);
        assertThat(json.replaceFirst("\"at\":\"[^\"]+\",", "")).startsWith("{\"query\":\"backend:creative rolledback:false\",\"page\":1,\"hasNext\":true,"
                + "\"backends\":[\"creative\"],\"missing\":{},\"hints\":[],\"actions\":[{\"backend\":\"creative\",\"id\":")
                .endsWith("}]}");
        Matcher actions = Pattern.compile("\\{\"backend\":\"creative\",\"id\":\\d+,\"time\":\"20[^\"]+Z\",\"action\":\"[a-z-]+\","
                + "\"x\":-?\\d+,\"y\":-?\\d+,\"z\":-?\\d+,\"world\":\"creative:[a-z_/]+\",\"object\":\"[a-z_:/]+\","
                + "\"oldObject\":\"[a-z_:/]+\",\"source\":\"[^\"]+\",\"playerUuid\":(null|\"[0-9a-f-]{36}\"),"
                + "\"extraData\":(null|\"([^\"\\\\]|\\\\.)*\"),\"rolledBack\":false}").matcher(json);
        int count = 0;
        while (actions.find()) {
            count++;
        }
        assertEquals(8, count, json);
    }

    @Test
    void exitCodesSayNoResultsBadInputAndBackendsDown() throws Exception {
        StaffNetwork.write(dir, StaffNetwork.config("", ""));
        assertEquals(ExitCode.NO_RESULTS, run("search", "action:no-such-action", "--dir", dir.toString()));
        assertEquals(List.of("No actions match action:no-such-action on survival, creative, lobby.",
                "unknown action no-such-action: no server searched has logged it"), lines());
        assertEquals(ExitCode.BAD_INPUT, run("search", "range:5", "--dir", dir.toString()));
        assertThat(err()).startsWith("error: range: needs your position");
        assertEquals(ExitCode.BAD_INPUT, run("search", "--dir", dir.toString()));
        assertEquals(ExitCode.BAD_INPUT, run("search", "x:1", "--page", "0", "--dir", dir.toString()));
        assertEquals(ExitCode.BAD_INPUT, run("inspect", "survival", "1", "2", "--dir", dir.toString()));
        assertThat(err()).isEqualTo("error: inspect needs <backend> <x> <y> <z> [world]" + System.lineSeparator());

        // A dead backend: the others' rows are still printed, the exit code says some are missing.
        StaffNetwork.write(dir, StaffNetwork.config(StaffNetwork.DOWN_BACKEND, ""));
        out.reset();
        LedgerNetCli cli = new LedgerNetCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, 0);
        assertEquals(ExitCode.BACKEND_UNREACHABLE, cli.run(new String[] {"search", "after:30d", "--dir", dir.toString()}));
        List<String> lines = lines();
        assertEquals("Page 1 of after:30d on survival, creative, lobby, skyblock", lines.get(0));
        assertThat(lines.subList(2, 10)).allMatch(row -> ROW.matcher(row).matches());
        assertThat(lines).last().asString().isEqualTo("skyblock: left out, connection refused by 127.0.0.1:1: is the"
                + " database server running and listening there?");
        assertThat(err()).contains("Searching... (still running after 0.0 s)");

        assertEquals(ExitCode.BACKEND_UNREACHABLE, run("status", "--dir", dir.toString()));
        assertThat(lines()).anySatisfy(row -> assertThat(row).matches("skyblock +MariaDB +UNREACHABLE +- +- +- +UTC +\\S+ +0/4"))
                .anySatisfy(row -> assertThat(row).matches("survival +SQLite +ok +[0-9.]+ ms +~400 +(just now|\\d+[smhdwy] ago)"
                        + " +UTC +closed +[0-2]/2"));
    }

    @Test
    void playerAndInspectReadTheSameNetwork() {
        StaffNetwork.write(dir, StaffNetwork.config("", ""));
        assertEquals(ExitCode.OK, run("search", "backend:lobby", "action:block-place", "--dir", dir.toString()));
        // A row a player made (not @fire and the like), for both lookups.
        Matcher row = lines().subList(2, 10).stream().map(ROW::matcher).filter(m -> m.matches() && !m.group(3).startsWith("@"))
                .findFirst().orElseThrow();

        assertEquals(ExitCode.OK, run("inspect", "lobby", row.group(5), row.group(6), row.group(7), "--dir", dir.toString()),
                err());
        assertThat(lines().get(0)).isEqualTo("Page 1 of inspect lobby " + row.group(5) + " " + row.group(6) + " "
                + row.group(7) + " on lobby");
        assertThat(lines().subList(2, lines().size())).isNotEmpty().allSatisfy(r -> assertThat(r).matches(ROW)
                .endsWith(" " + row.group(5) + " " + row.group(6) + " " + row.group(7)));

        String name = row.group(3);
        assertEquals(ExitCode.OK, run("player", name, "--dir", dir.toString()), err());
        assertThat(lines().get(0)).matches("NAME +UUID +FIRST JOIN +LAST JOIN +LAST SERVER +NEAR");
        assertThat(lines().get(1)).matches(Pattern.quote(name) + " +[0-9a-f-]{36} +\\d+[smhdwy] ago +(just now|\\d+[smhdwy] ago)"
                + " +(survival|creative|lobby) +(-?\\d+ -?\\d+ -?\\d+ \\S+|-)");
        assertEquals(ExitCode.NO_RESULTS, run("player", "Nobody_here", "--dir", dir.toString()));
        assertEquals(List.of("No player Nobody_here on any backend."), lines());
    }

    @Test
    void searchesStatusAndPlayersOnARealMariaDbServer() throws Exception {
        SampleSpec spec = SampleSpec.defaults(11).withSize(20, 600)
                .withTime(10, Instant.now(), ZoneId.of("Pacific/Kiritimati"));
        // How far ahead depends on when the newest sample action fell (the sample is quiet at local night).
        Instant newestReadAsUtc = ZoneSkew.newestReadAsUtc(spec);
        try (TestDatabase db = TestDatabase.create(SqlDialect.MARIADB)) {
            try (Connection c = db.connect()) {
                // Written in UTC+14 wall-clock time up to now, configured as UTC: the newest action lies
                // up to 14 hours ahead, which status must flag as a wrong time-zone setting.
                SampleNetworkGenerator.generate(c, SqlDialect.MARIADB, spec);
            }
            Files.writeString(dir.resolve("config.yml"), """
                    config-version: 1
                    database-servers:
                      main:
                        url: "jdbc:mariadb://127.0.0.1:3306/"
                        user: root
                    backends:
                      survival:
                        server: main
                        database: %s
                    """.formatted(db.name()));
            assertEquals(ExitCode.OK, run("search", "action:block-break", "--json", "--dir", dir.toString()), err());
            assertThat(lines().get(0).replaceFirst("\"at\":\"[^\"]+\",", "")).startsWith("{\"query\":\"action:block-break\",\"page\":1,\"hasNext\":true,"
                    + "\"backends\":[\"survival\"],\"missing\":{},\"hints\":[],\"actions\":[{\"backend\":\"survival\"")
                    .contains("\"world\":\"survival:");

            String before = RelativeTime.ago(newestReadAsUtc, Instant.now());
            assertEquals(ExitCode.SUSPECT_SETTING, run("status", "--dir", dir.toString()),
                    "a suspect zone is no outage (3), but a setting to check (4), as in doctor");
            String after = RelativeTime.ago(newestReadAsUtc, Instant.now());
            assertThat(lines().get(1)).matches("survival +MariaDB +ok +[0-9.]+ ms +~600 +("
                    + Pattern.quote(before) + "|" + Pattern.quote(after) + ") +UTC \\(WRONG\\?\\) +closed +\\d/\\d+");
            ZoneSkew.assertMinutesAhead(String.join("\n", lines()), newestReadAsUtc);
            assertThat(lines().get(2)).startsWith("survival: the newest action is ")
                    .endsWith("minutes in the future: time-zone UTC is probably not the zone the Minecraft server runs in"
                            + " (set backends.survival.time-zone to it)");

            assertEquals(ExitCode.SUSPECT_SETTING, run("status", "--json", "--dir", dir.toString()));
            assertThat(lines().get(0)).startsWith("{\"backends\":[{\"backend\":\"survival\",\"database\":\"MariaDB\","
                    + "\"reachable\":true,").contains("\"timeZoneSuspect\":true", "\"healthy\":false");
        }
    }

    @Test
    void aPlayerKnownOnlyToAnUnreachableBackendIsLeftOutWithExitCode3() throws Exception {
        try (TestDatabase db = TestDatabase.create(SqlDialect.MARIADB)) {
            String name;
            try (Connection c = db.connect()) {
                SampleNetworkGenerator.generate(c, SqlDialect.MARIADB, SampleSpec.defaults(78).withSize(5, 50));
                try (java.sql.Statement s = c.createStatement();
                     java.sql.ResultSet rs = s.executeQuery("SELECT player_name FROM players ORDER BY id LIMIT 1")) {
                    rs.next();
                    name = rs.getString(1);
                }
            }
            String vault = """
                    database-servers:
                      main:
                        url: "jdbc:mariadb://127.0.0.1:3306/"
                        user: root
                        password: "%s"
                        connection-timeout: 1s
                    backends:
                      vault:
                        server: main
                        database: %s
                    """;
            // Reachable: the player is there.
            Files.writeString(dir.resolve("config.yml"), "config-version: 1\n" + vault.formatted("", db.name()));
            assertEquals(ExitCode.OK, run("player", name, "--dir", dir.toString()), err());
            assertThat(lines().get(1)).startsWith(name + " ").contains(" vault ");

            // Unreachable (wrong password): not "no player", but who was left out and why, exit code 3.
            Files.writeString(dir.resolve("config.yml"), "config-version: 1\n" + vault.formatted("wrong", db.name()));
            assertEquals(ExitCode.BACKEND_UNREACHABLE, run("player", name, "--dir", dir.toString()));
            assertThat(lines()).containsExactly(
                    "No player " + name + " on the backends that answered; vault did not, so " + name + " may be there.",
                    "vault: left out, access denied by 127.0.0.1:3306 for user 'root': wrong user or password? The"
                            + " server says: Access denied for user 'root'@'127.0.0.1' (using password: YES)");
            assertEquals(ExitCode.BACKEND_UNREACHABLE, run("player", name, "--json", "--dir", dir.toString()));
            assertThat(lines().get(0)).contains("\"players\":[]").contains("\"missing\":{\"vault\":\"error: access denied by");
        }
    }

    @Test
    void typosGetTheNearestValueOfTheBackendsOwnTables() {
        StaffNetwork.write(dir, StaffNetwork.config("", ""));
        assertEquals(ExitCode.NO_RESULTS, run("search", "action:block-brake", "--dir", dir.toString()));
        assertEquals(List.of("No actions match action:block-brake on survival, creative, lobby.",
                "unknown action block-brake — did you mean block-break?"), lines());
        assertEquals(ExitCode.NO_RESULTS, run("search", "world:survival:overwold", "--dir", dir.toString()));
        assertEquals(List.of("No actions match world:survival:overwold on survival.",
                "unknown world survival:overwold — did you mean survival:overworld?"), lines());
        assertEquals(ExitCode.NO_RESULTS, run("search", "action:block-brake", "--json", "--dir", dir.toString()));
        assertThat(lines().get(0)).contains("\"hints\":[\"unknown action block-brake — did you mean block-break?\"]");
        assertEquals(ExitCode.OK, run("search", "action:block-break", "--json", "--dir", dir.toString()));
        assertThat(lines().get(0)).contains("\"hints\":[]");
    }
}
