package com.velocitypowered.api.event.player;

import com.velocitypowered.api.proxy.Player;
import com.velocitypowered.api.proxy.server.RegisteredServer;
import java.util.Objects;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Fired (and awaited) when a backend accepted the player, before the new connection becomes the
 * current one: {@code player.getCurrentServer()} is empty during this event.
 */
public final class ServerConnectedEvent {

  private final Player player;
  private final RegisteredServer server;
  private final @Nullable RegisteredServer previousServer;

  /**
   * Creates the event.
   *
   * @param player the player
   * @param server the server joined
   * @param previousServer the server left, or {@code null} on first join
   */
  public ServerConnectedEvent(Player player, RegisteredServer server,
      @Nullable RegisteredServer previousServer) {
    this.player = Objects.requireNonNull(player, "player");
    this.server = Objects.requireNonNull(server, "server");
    this.previousServer = previousServer;
  }

  /**
   * The player.
   *
   * @return the player
   */
  public Player getPlayer() {
    return player;
  }

  /**
   * The server joined.
   *
   * @return the server
   */
  public RegisteredServer getServer() {
    return server;
  }

  /**
   * The server left.
   *
   * @return the previous server, empty on first join
   */
  public Optional<RegisteredServer> getPreviousServer() {
    return Optional.ofNullable(previousServer);
  }

  @Override
  public String toString() {
    return "ServerConnectedEvent{player=" + player + ", server=" + server
        + ", previousServer=" + previousServer + '}';
  }
}
