package net.ledgernet.command;

import java.util.Optional;
import java.util.UUID;
import net.kyori.adventure.text.Component;

/** Whoever runs {@code /lgn}, as each platform adapter presents its sender. */
public interface CommandSender {
    /** The player's UUID; empty for the console, which may read every backend. */
    Optional<UUID> player();

    /** The player's name (for the web console's "logged in as"); "console" for the console. */
    default String name() {
        return player().map(UUID::toString).orElse("console");
    }

    /** The proxy's own permission check, for the subcommand nodes. */
    boolean hasPermission(String node);

    void send(Component message);
}
