package net.ledgernet.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.event.ClickEvent;
import net.kyori.adventure.text.serializer.plain.PlainTextComponentSerializer;
import net.ledgernet.storage.SqlDialect;
import net.ledgernet.sample.SampleNetwork;
import net.ledgernet.sample.SampleSpec;

/**
 * A small real network for command tests: three SQLite Ledger databases (survival, creative,
 * lobby; 400 actions and 30 players each, the last 30 days), generated once per module under
 * {@code target/}, and config.yml files pointing at them. Also renders components as a player reads them.
 */
public final class StaffNetwork {
    public static final List<String> BACKENDS = List.of("survival", "creative", "lobby");
    private static final Path DIR = Path.of("target", "staff-network").toAbsolutePath();

    private StaffNetwork() {
    }

    /** The databases, generated on first use. */
    public static synchronized Path databases() {
        try {
            for (int i = 0; i < BACKENDS.size(); i++) {
                SampleSpec spec = SampleSpec.defaults(40 + i).withSize(30, 400)
                        .withTime(30, Instant.now().truncatedTo(ChronoUnit.DAYS), ZoneOffset.UTC);
                SampleNetwork.createIfAbsent(BACKENDS.get(i), SqlDialect.SQLITE, DIR.resolve(BACKENDS.get(i) + ".sqlite"),
                        spec);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return DIR;
    }

    /** config.yml for the three backends, plus {@code more} (YAML appended at the top level). */
    public static String config(String backendsExtra, String more) {
        Path dbs = databases();
        StringBuilder yaml = new StringBuilder("config-version: 1\nbackends:\n");
        for (String backend : BACKENDS) {
            yaml.append("  ").append(backend).append(":\n    jdbc-url: \"jdbc:sqlite:")
                    .append(dbs.resolve(backend + ".sqlite")).append("\"\n");
        }
        yaml.append(backendsExtra);
        return yaml.append(more).toString();
    }

    /** A backend that never answers (nothing listens on port 1): for outage tests. */
    public static final String DOWN_BACKEND = """
              skyblock:
                jdbc-url: "jdbc:mariadb://127.0.0.1:1/ledger"
                user: root
                connection-timeout: 250ms
            """;

    /** A platform for a core in tests: named "Test", its data folder {@code dir}, no proxy servers. */
    public static net.ledgernet.platform.Platform platform(Path dir) {
        net.ledgernet.platform.Platform platform = org.mockito.Mockito.mock(net.ledgernet.platform.Platform.class);
        org.mockito.Mockito.when(platform.name()).thenReturn("Test");
        org.mockito.Mockito.when(platform.dataDirectory()).thenReturn(dir);
        org.mockito.Mockito.when(platform.logger())
                .thenReturn(org.mockito.Mockito.mock(net.ledgernet.platform.PluginLogger.class));
        org.mockito.Mockito.when(platform.serverNames()).thenReturn(java.util.Set.of());
        return platform;
    }

    public static void write(Path dir, String config) {
        try {
            Files.writeString(dir.resolve("config.yml"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a player reads. */
    public static String plain(Component component) {
        return PlainTextComponentSerializer.plainText().serialize(component);
    }

    public static String plain(List<Component> components) {
        return String.join("\n", components.stream().map(StaffNetwork::plain).toList());
    }

    /** Every run_command click in a component tree, in order. */
    public static List<String> clicks(Component component) {
        List<String> out = new ArrayList<>();
        ClickEvent click = component.clickEvent();
        if (click != null && click.action() == ClickEvent.Action.RUN_COMMAND) {
            out.add(click.value());
        }
        component.children().forEach(child -> out.addAll(clicks(child)));
        return out;
    }

    /** The hover text of the first component in the tree that has one. */
    public static String hover(Component component) {
        if (component.hoverEvent() != null && component.hoverEvent().value() instanceof Component text) {
            return plain(text);
        }
        for (Component child : component.children()) {
            String found = hover(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
