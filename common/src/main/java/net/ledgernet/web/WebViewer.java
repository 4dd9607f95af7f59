package net.ledgernet.web;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import net.ledgernet.command.NetworkQueries;

/** Who is looking: a player (checked live on every request) or the CLI's operator (reads everything). */
public record WebViewer(Optional<UUID> player, String name) {
    public WebViewer {
        Objects.requireNonNull(player, "player");
        Objects.requireNonNull(name, "name");
    }

    public static WebViewer operator() {
        return new WebViewer(Optional.empty(), "console");
    }

    public static WebViewer player(UUID uuid, String name) {
        return new WebViewer(Optional.of(uuid), name);
    }

    public NetworkQueries.Viewer queryViewer() {
        return new NetworkQueries.Viewer(player);
    }
}
