package net.ledgernet.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.kyori.adventure.text.Component;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;
import net.ledgernet.storage.BackendFailure;
import net.ledgernet.storage.SqlDialect;
import net.ledgernet.storage.TestDatabase;
import net.ledgernet.sample.SampleNetworkGenerator;
import net.ledgernet.sample.SampleSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A player known only to a backend that cannot be reached is not "not found": the lookup names the
 * backends left out (and why), for /lgn player and NetworkQueries alike. Real MariaDB with a real player.
 */
class PlayerLeftOutTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private LedgerNetCore core;

    private record Console(List<Component> received) implements CommandSender {
        Console() {
            this(Collections.synchronizedList(new ArrayList<>()));
        }

        @Override
        public Optional<UUID> player() {
            return Optional.empty();
        }

        @Override
        public boolean hasPermission(String node) {
            return true;
        }

        @Override
        public void send(Component message) {
            received.add(message);
        }

        List<String> lines() {
            synchronized (received) {
                return received.stream().map(StaffNetwork::plain).filter(l -> !l.contains("Still ")).toList();
            }
        }
    }

    private NetworkQueries start(String password) {
        StaffNetwork.write(dir, StaffNetwork.config("", "").replace("backends:\n", "backends:\n" + vault(password)));
        Platform platform = StaffNetwork.platform(dir);
        core = new LedgerNetCore(platform);
        core.load();
        core.enable();
        assertEquals(LedgerNetCore.State.ENABLED, core.state(), () -> core.disabledReason().orElse(""));
        NetworkQueries queries = new NetworkQueries(core, Clock.systemUTC());
        cleanup.add(queries);
        return queries;
    }

    private TestDatabase db;

    private String vault(String password) {
        return """
                  vault:
                    jdbc-url: "jdbc:mariadb://127.0.0.1:3306/%s"
                    user: root
                    password: "%s"
                    connection-timeout: 1s
                """.formatted(db.name(), password);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
        if (core != null) {
            core.disable();
        }
    }

    /** A player of the vault backend only (the SQLite backends have other names). */
    private String vaultPlayer() throws Exception {
        db = TestDatabase.create(SqlDialect.MARIADB);
        cleanup.add(db);
        try (Connection c = db.connect()) {
            SampleNetworkGenerator.generate(c, SqlDialect.MARIADB, SampleSpec.defaults(77).withSize(5, 50));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT player_name FROM players")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (onlyOnVault(name)) {
                        return name;
                    }
                }
            }
        }
        throw new AssertionError("no player only on vault");
    }

    private boolean onlyOnVault(String name) {
        // Not a name of the SQLite backends: looked up with vault reachable, only vault may know it.
        NetworkQueries queries = start("");
        try {
            NetworkQueries.PlayerResult result = queries.player(NetworkQueries.Viewer.CONSOLE, name, n -> Optional.empty())
                    .join();
            return result.missing().isEmpty() && !result.players().isEmpty()
                    && result.players().stream().allMatch(p -> p.lastBackend().equals("vault"));
        } finally {
            core.disable();
        }
    }

    @Test
    void aPlayerOnAnUnreachableBackendIsReportedAsLeftOutNotAsUnknown() throws Exception {
        String name = vaultPlayer();

        NetworkQueries queries = start("not-the-password");
        NetworkQueries.PlayerResult result = queries.player(NetworkQueries.Viewer.CONSOLE, name, n -> Optional.empty())
                .join();
        assertThat(result.players()).isEmpty();
        assertThat(result.missing()).containsOnlyKeys("vault");
        BackendFailure failure = result.missing().get("vault");
        assertThat(failure.summary()).startsWith("access denied by 127.0.0.1:3306 for user 'root'");

        LgnCommand lgn = new LgnCommand(core, queries, n -> Optional.empty(), List::of, mock(PluginLogger.class),
                Duration.ofSeconds(30));
        Console console = new Console();
        lgn.execute(console, new String[] {"player", name}).join();
        assertThat(console.lines()).containsExactly(
                "[LedgerNet] Not answering, left out: vault (" + failure.summary() + ")",
                "[LedgerNet] No player " + name + " on the servers that answered; vault did not, so " + name
                        + " may be there.");

        // A name no backend knows, with every backend answering, is still simply not found.
        core.disable();
        queries = start("");
        lgn = new LgnCommand(core, queries, n -> Optional.empty(), List::of, mock(PluginLogger.class),
                Duration.ofSeconds(30));
        console = new Console();
        lgn.execute(console, new String[] {"player", "Nobody_here"}).join();
        assertThat(console.lines()).containsExactly("[LedgerNet] No player Nobody_here on the servers you may see.");
    }

    @Test
    void aBackendThatIsDownIsNamedInTheAnswerToAnyName() {
        StaffNetwork.write(dir, StaffNetwork.config(StaffNetwork.DOWN_BACKEND, ""));
        Platform platform = StaffNetwork.platform(dir);
        core = new LedgerNetCore(platform);
        core.load();
        core.enable();
        NetworkQueries queries = new NetworkQueries(core, Clock.systemUTC());
        cleanup.add(queries);
        LgnCommand lgn = new LgnCommand(core, queries, n -> Optional.empty(), List::of, mock(PluginLogger.class),
                Duration.ofSeconds(30));
        Console console = new Console();
        lgn.execute(console, new String[] {"player", "Nobody_here"}).join();
        assertThat(console.lines()).containsExactly(
                "[LedgerNet] Not answering, left out: skyblock (connection refused by 127.0.0.1:1: is the database server"
                        + " running and listening there?)",
                "[LedgerNet] No player Nobody_here on the servers that answered; skyblock did not, so Nobody_here may"
                        + " be there.");
    }
}
