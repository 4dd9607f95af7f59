package com.velocitypowered.api.proxy;

import com.velocitypowered.api.proxy.messages.ChannelMessageSink;
import com.velocitypowered.api.proxy.messages.ChannelMessageSource;
import com.velocitypowered.api.proxy.server.RegisteredServer;
import com.velocitypowered.api.proxy.server.ServerInfo;
import java.util.Optional;

/**
 * One player's connection to a backend. {@link #sendPluginMessage} sends to that backend through
 * this player's connection (and throws {@link IllegalStateException} once the link is gone).
 */
public interface ServerConnection extends ChannelMessageSource, ChannelMessageSink {

  /**
   * The backend.
   *
   * @return the server
   */
  RegisteredServer getServer();

  /**
   * The server the player was on before this one.
   *
   * @return the previous server, if any
   */
  Optional<RegisteredServer> getPreviousServer();

  /**
   * Shortcut for {@code getServer().getServerInfo()}.
   *
   * @return the server info
   */
  ServerInfo getServerInfo();

  /**
   * The player.
   *
   * @return the player
   */
  Player getPlayer();
}
