package net.ledgernet.web.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.command.FakeLuckPerms;
import net.ledgernet.command.NetworkQueries;
import net.ledgernet.command.StaffNetwork;
import net.ledgernet.config.WebSettings;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;
import net.ledgernet.web.WebConsole;
import net.ledgernet.web.WebViewer;

/**
 * A console over a real network: the three SQLite sample backends of {@link StaffNetwork} (400 actions
 * each over the last 30 days) plus {@code skyblock}, a MariaDB backend where nothing listens, so every
 * search has one backend left out. Permissions come from LedgerNet's real LuckPerms policy over a
 * faked LuckPerms: an admin reads all four backends, a helper reads survival and lobby only.
 */
final class ConsoleNetwork implements AutoCloseable {
    static final List<String> SAMPLE = StaffNetwork.BACKENDS;
    static final String DOWN = "skyblock";
    static final String[] READ_NODES = {"ledger.commands.search", "ledger.commands.inspect", "ledger.commands.player"};

    final WebViewer admin = WebViewer.player(UUID.randomUUID(), "AdminAnna");
    final WebViewer helper = WebViewer.player(UUID.randomUUID(), "HelperHugo");
    final ShiftedClock clock = new ShiftedClock();
    final FakeLuckPerms luckPerms;
    final LedgerNetCore core;
    final NetworkQueries queries;
    final WebConsole console;

    /** The system clock plus an offset tests move forward (login links expire after 5 minutes). */
    static final class ShiftedClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void advance(Duration by) {
            offset.updateAndGet(d -> d.plus(by));
        }

        void reset() {
            offset.set(Duration.ZERO);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }

    ConsoleNetwork(Path dir) {
        luckPerms = FakeLuckPerms.install();
        for (String backend : SAMPLE) {
            luckPerms.grant(admin.player().orElseThrow(), backend, READ_NODES);
        }
        luckPerms.grant(admin.player().orElseThrow(), DOWN, READ_NODES);
        for (String backend : List.of("survival", "lobby")) {
            luckPerms.grant(helper.player().orElseThrow(), backend, READ_NODES);
        }
        // Looser per-player limits than the defaults (1/s, burst 5, one in flight): a test clicks faster than staff.
        StaffNetwork.write(dir, StaffNetwork.config(StaffNetwork.DOWN_BACKEND,
                "limits:\n  rate-limit:\n    per-second: 20\n    burst: 20\n  max-in-flight-per-player: 2\n"));
        Platform platform = StaffNetwork.platform(dir);
        core = new LedgerNetCore(platform);
        core.load();
        core.enable();
        assertEquals(LedgerNetCore.State.ENABLED, core.state(), () -> core.disabledReason().orElse(""));
        queries = new NetworkQueries(core, Clock.systemUTC());
        console = start(20_000);
    }

    /** A console over this network counting at most {@code chartMaxRows} actions per backend for charts. */
    WebConsole start(int chartMaxRows) {
        WebSettings settings = new WebSettings(true, "127.0.0.1", 0, Optional.empty(), Duration.ofMinutes(30),
                10_000, chartMaxRows);
        return WebConsole.start(settings, core, queries, viewer -> CompletableFuture.completedFuture(true),
                mock(PluginLogger.class), clock);
    }

    String base() {
        String url = console.baseUrl().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** One backend's Ledger database, read with plain SQL (what the page shows is checked against it). */
    static Connection database(String backend) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + StaffNetwork.databases().resolve(backend + ".sqlite"));
    }

    /** Rows of a query with bound values, each row's columns as strings. */
    static List<List<String>> rows(String backend, String sql, Object... values) {
        try (Connection c = database(backend); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            List<List<String>> out = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getString(i));
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ledger's SQLite time text (UTC here: the sample writes UTC) as an instant. */
    static Instant ledgerTime(String text) {
        return Instant.parse(text.replace(' ', 'T') + "Z");
    }

    @Override
    public void close() throws Exception {
        console.close();
        queries.close();
        core.disable();
        luckPerms.close();
    }
}
