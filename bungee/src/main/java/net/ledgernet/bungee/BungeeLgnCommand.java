package net.ledgernet.bungee;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import net.kyori.adventure.audience.Audience;
import net.kyori.adventure.text.Component;
import net.ledgernet.command.LgnCommand;
import net.md_5.bungee.api.CommandSender;
import net.md_5.bungee.api.connection.ProxiedPlayer;
import net.md_5.bungee.api.plugin.Command;
import net.md_5.bungee.api.plugin.TabExecutor;

/**
 * {@code /lgn} on BungeeCord: adapts the sender and hands everything to {@link LgnCommand}.
 * BungeeCord runs a player's command on the connection's network thread; {@link LgnCommand}
 * only checks and dispatches there, and does the database work elsewhere.
 */
final class BungeeLgnCommand extends Command implements TabExecutor {
    private final LgnCommand command;
    private final Function<CommandSender, Audience> audiences;

    /** No permission is given to BungeeCord: each subcommand checks its own node. */
    BungeeLgnCommand(String name, String[] aliases, LgnCommand command, Function<CommandSender, Audience> audiences) {
        super(name, null, aliases);
        this.command = command;
        this.audiences = audiences;
    }

    @Override
    public void execute(CommandSender sender, String[] args) {
        run(sender, args);
    }

    /** The same as {@link #execute}, with the future that completes once every message is sent. */
    CompletableFuture<Void> run(CommandSender sender, String[] args) {
        return command.execute(adapt(sender), args);
    }

    @Override
    public Iterable<String> onTabComplete(CommandSender sender, String[] args) {
        return command.suggest(adapt(sender), args);
    }

    /** Hides the command from senders without any of its nodes. */
    @Override
    public boolean hasPermission(CommandSender sender) {
        return command.visibleTo(adapt(sender));
    }

    private net.ledgernet.command.CommandSender adapt(CommandSender sender) {
        Optional<UUID> player = sender instanceof ProxiedPlayer p ? Optional.of(p.getUniqueId()) : Optional.empty();
        return new net.ledgernet.command.CommandSender() {
            @Override
            public Optional<UUID> player() {
                return player;
            }

            @Override
            public String name() {
                return sender instanceof ProxiedPlayer p ? p.getName() : "console";
            }

            @Override
            public boolean hasPermission(String node) {
                return sender.hasPermission(node);
            }

            @Override
            public void send(Component message) {
                audiences.apply(sender).sendMessage(message);
            }
        };
    }
}
