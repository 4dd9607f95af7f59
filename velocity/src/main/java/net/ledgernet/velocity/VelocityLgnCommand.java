package net.ledgernet.velocity;

import com.velocitypowered.api.command.CommandSource;
import com.velocitypowered.api.command.SimpleCommand;
import com.velocitypowered.api.proxy.Player;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import net.kyori.adventure.text.Component;
import net.ledgernet.command.CommandSender;
import net.ledgernet.command.LgnCommand;

/** {@code /lgn} on Velocity: adapts the invocation's source and hands everything to {@link LgnCommand}. */
final class VelocityLgnCommand implements SimpleCommand {
    private final LgnCommand command;

    VelocityLgnCommand(LgnCommand command) {
        this.command = command;
    }

    @Override
    public void execute(Invocation invocation) {
        run(invocation);
    }

    /** The same as {@link #execute}, with the future that completes once every message is sent. */
    CompletableFuture<Void> run(Invocation invocation) {
        return command.execute(sender(invocation.source()), invocation.arguments());
    }

    @Override
    public List<String> suggest(Invocation invocation) {
        return command.suggest(sender(invocation.source()), invocation.arguments());
    }

    @Override
    public boolean hasPermission(Invocation invocation) {
        return command.visibleTo(sender(invocation.source()));
    }

    static CommandSender sender(CommandSource source) {
        Optional<UUID> player = source instanceof Player p ? Optional.of(p.getUniqueId()) : Optional.empty();
        return new CommandSender() {
            @Override
            public Optional<UUID> player() {
                return player;
            }

            @Override
            public String name() {
                return source instanceof Player p ? p.getUsername() : "console";
            }

            @Override
            public boolean hasPermission(String node) {
                return source.hasPermission(node);
            }

            @Override
            public void send(Component message) {
                source.sendMessage(message);
            }
        };
    }
}
