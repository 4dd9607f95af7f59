package net.ledgernet.velocity;

import com.velocitypowered.api.proxy.Player;
import com.velocitypowered.api.proxy.ServerConnection;
import com.velocitypowered.api.proxy.messages.ChannelIdentifier;
import java.util.Optional;
import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.event.ClickEvent;
import net.kyori.adventure.text.event.HoverEvent;
import net.kyori.adventure.text.format.NamedTextColor;
import net.kyori.adventure.text.format.TextDecoration;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.routing.PlayerLink;
import net.ledgernet.routing.PlayerRef;

/**
 * A Velocity player as the core acts on it.
 *
 * @param connection the backend connection a message came from or goes to; null to use the
 *                   player's current one
 */
record VelocityPlayerLink(Player velocityPlayer, ServerConnection connection) implements PlayerLink {
    @Override
    public PlayerRef player() {
        return new PlayerRef(velocityPlayer.getUniqueId(), velocityPlayer.getUsername());
    }

    @Override
    public Optional<String> currentBackend() {
        return backendConnection().map(server -> server.getServerInfo().getName());
    }

    @Override
    public void sendToClient(LedgerChannel channel, byte[] payload) {
        velocityPlayer.sendPluginMessage(identifier(channel), payload);
    }

    @Override
    public boolean sendToBackend(LedgerChannel channel, byte[] payload) {
        Optional<ServerConnection> server = backendConnection();
        if (server.isEmpty()) {
            return false;
        }
        try {
            return server.get().sendPluginMessage(identifier(channel), payload);
        } catch (IllegalStateException disconnected) {
            return false; // "Not connected to server!": the player is switching or leaving
        }
    }

    /** Velocity sends commands for every client version (checked in a real Velocity 3.4). */
    @Override
    public boolean canRunCommands() {
        return true;
    }

    @Override
    public void runCommand(String commandLine) {
        velocityPlayer.spoofChatInput(commandLine);
    }

    @Override
    public void suggestCommand(String message, String commandLine) {
        velocityPlayer.sendMessage(Component.text(message, NamedTextColor.GOLD)
                .decorate(TextDecoration.UNDERLINED)
                .clickEvent(ClickEvent.suggestCommand(commandLine))
                .hoverEvent(HoverEvent.showText(Component.text(commandLine))));
    }

    @Override
    public void tell(String message) {
        velocityPlayer.sendMessage(Component.text(message, NamedTextColor.GOLD));
    }

    private Optional<ServerConnection> backendConnection() {
        return connection != null ? Optional.of(connection) : velocityPlayer.getCurrentServer();
    }

    private static ChannelIdentifier identifier(LedgerChannel channel) {
        return LedgerNetVelocity.CHANNELS[channel.ordinal()];
    }
}
