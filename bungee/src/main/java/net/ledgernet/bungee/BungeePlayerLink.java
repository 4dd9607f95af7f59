package net.ledgernet.bungee;

import java.util.Optional;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.routing.PlayerLink;
import net.ledgernet.routing.PlayerRef;
import net.md_5.bungee.api.ChatColor;
import net.md_5.bungee.api.chat.TextComponent;
import net.md_5.bungee.api.connection.ProxiedPlayer;
import net.md_5.bungee.api.connection.Server;

/**
 * A BungeeCord player as the core acts on it.
 *
 * @param server the backend connection a message came from or goes to; null to use the player's current one
 */
record BungeePlayerLink(ProxiedPlayer proxiedPlayer, Server server) implements PlayerLink {
    @Override
    public PlayerRef player() {
        return new PlayerRef(proxiedPlayer.getUniqueId(), proxiedPlayer.getName());
    }

    @Override
    public Optional<String> currentBackend() {
        return backendConnection().map(connection -> connection.getInfo().getName());
    }

    @Override
    public void sendToClient(LedgerChannel channel, byte[] payload) {
        proxiedPlayer.sendData(channel.id(), payload);
    }

    @Override
    public boolean sendToBackend(LedgerChannel channel, byte[] payload) {
        Optional<Server> connection = backendConnection();
        connection.ifPresent(s -> s.sendData(channel.id(), payload));
        return connection.isPresent();
    }

    @Override
    public void chatAsPlayer(String line) {
        proxiedPlayer.chat(line);
    }

    @Override
    public void tell(String message) {
        TextComponent text = new TextComponent(message);
        text.setColor(ChatColor.GOLD);
        proxiedPlayer.sendMessage(text);
    }

    private Optional<Server> backendConnection() {
        return Optional.ofNullable(server != null ? server : proxiedPlayer.getServer());
    }
}
