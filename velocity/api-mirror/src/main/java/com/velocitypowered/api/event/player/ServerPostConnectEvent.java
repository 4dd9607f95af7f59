package com.velocitypowered.api.event.player;

import com.velocitypowered.api.proxy.Player;
import com.velocitypowered.api.proxy.server.RegisteredServer;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Fired after a player has fully switched to a backend; {@code player.getCurrentServer()} is
 * already the new server here. Not awaited. Deliberately a non-final class, as in the real API
 * (which marks it {@code @Beta}).
 */
public class ServerPostConnectEvent {

  private final Player player;
  private final @Nullable RegisteredServer previousServer;

  /**
   * Creates the event.
   *
   * @param player the player
   * @param previousServer the server left, or {@code null} on first join
   */
  public ServerPostConnectEvent(Player player, @Nullable RegisteredServer previousServer) {
    this.player = Objects.requireNonNull(player, "player");
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
   * The server the player came from. Note: returns the server itself, not an {@code Optional}.
   *
   * @return the previous server, or {@code null} on first join
   */
  public @Nullable RegisteredServer getPreviousServer() {
    return previousServer;
  }

  @Override
  public String toString() {
    return "ServerPostConnectEvent{player=" + player + ", previousServer=" + previousServer + '}';
  }
}
