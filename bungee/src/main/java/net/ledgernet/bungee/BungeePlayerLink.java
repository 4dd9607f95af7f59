package net.ledgernet.bungee;

import java.util.Optional;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.routing.PlayerLink;
import net.ledgernet.routing.PlayerRef;
import net.md_5.bungee.api.ChatColor;
import net.md_5.bungee.api.chat.ClickEvent;
import net.md_5.bungee.api.chat.HoverEvent;
import net.md_5.bungee.api.chat.TextComponent;
import net.md_5.bungee.api.chat.hover.content.Text;
import net.md_5.bungee.api.connection.ProxiedPlayer;
import net.md_5.bungee.api.connection.Server;

/**
 * A BungeeCord player as the core acts on it.
 *
 * @param server the backend connection a message came from or goes to; null to use the player's current one
 */
record BungeePlayerLink(ProxiedPlayer proxiedPlayer, Server server) implements PlayerLink {
    /** Minecraft 1.19: chat and commands are signed by the client from here on. */
    static final int FIRST_SIGNED_CHAT_PROTOCOL = 759;

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

    /**
     * BungeeCord's {@code chat()} throws "Cannot spoof chat on this client version!" for 1.19+ clients
     * (protocol 759 and later), whose commands are signed; LedgerNet does not try to forge one.
     */
    @Override
    public boolean canRunCommands() {
        return proxiedPlayer.getPendingConnection().getVersion() < FIRST_SIGNED_CHAT_PROTOCOL;
    }

    @Override
    public void runCommand(String commandLine) {
        proxiedPlayer.chat(commandLine);
    }

    @Override
    public void suggestCommand(String message, String commandLine) {
        proxiedPlayer.sendMessage(suggestion(message, commandLine));
    }

    private static TextComponent suggestion(String message, String commandLine) {
        TextComponent text = new TextComponent(message);
        text.setColor(ChatColor.GOLD);
        text.setUnderlined(true);
        text.setClickEvent(new ClickEvent(ClickEvent.Action.SUGGEST_COMMAND, commandLine));
        text.setHoverEvent(new HoverEvent(HoverEvent.Action.SHOW_TEXT, new Text(commandLine)));
        return text;
    }

    /**
     * Builds and serializes the chat components LedgerNet sends, once, at enable: their classes (and
     * BungeeCord's JSON serializer) then load on the startup thread, not on a network thread at the
     * first refusal (measured at 60-130 ms there in a real BungeeCord before this).
     */
    static void warmUp() {
        TextComponent told = new TextComponent("warm-up");
        told.setColor(ChatColor.GOLD);
        net.md_5.bungee.chat.ComponentSerializer.toString(told);
        net.md_5.bungee.chat.ComponentSerializer.toString(suggestion("warm-up", "/lg rollback"));
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
