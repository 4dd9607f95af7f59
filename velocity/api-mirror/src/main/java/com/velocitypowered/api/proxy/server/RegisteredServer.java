package com.velocitypowered.api.proxy.server;

import com.velocitypowered.api.proxy.Player;
import com.velocitypowered.api.proxy.messages.ChannelMessageSink;
import java.util.Collection;
import net.kyori.adventure.audience.Audience;

/**
 * A backend server known to the proxy. {@link #sendPluginMessage} goes through an arbitrary
 * connected player and returns {@code false} when nobody is on the server; prefer
 * {@code ServerConnection} for per-player messages.
 *
 * <p>Mirror note: the real interface also has {@code ping()} and {@code ping(PingOptions)}
 * (types not mirrored); they are left out.
 */
public interface RegisteredServer extends ChannelMessageSink, Audience {

  /**
   * Name and address.
   *
   * @return the server info
   */
  ServerInfo getServerInfo();

  /**
   * Players currently connected to this server through the proxy.
   *
   * @return the players
   */
  Collection<Player> getPlayersConnected();
}
