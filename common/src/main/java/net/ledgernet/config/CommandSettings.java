package net.ledgernet.config;

import java.util.List;
import java.util.Objects;

/** The proxy command: name, aliases, a node per subcommand, and its MiniMessage templates. */
public record CommandSettings(String name, List<String> aliases, CommandPermissions permissions,
                              MessageTemplates messages) {
    public CommandSettings {
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(permissions, "permissions");
        Objects.requireNonNull(messages, "messages");
    }

    /** Default nodes and templates. */
    public CommandSettings(String name, List<String> aliases) {
        this(name, aliases, CommandPermissions.DEFAULTS, MessageTemplates.DEFAULTS);
    }
}
