package com.velocitypowered.api.event.connection;

import com.velocitypowered.api.proxy.Player;
import java.util.Objects;

/** Fired (and awaited) once a player has logged in, before the first backend connection. */
public final class PostLoginEvent {

  private final Player player;

  /**
   * Creates the event.
   *
   * @param player the player
   */
  public PostLoginEvent(Player player) {
    this.player = Objects.requireNonNull(player, "player");
  }

  /**
   * The player.
   *
   * @return the player
   */
  public Player getPlayer() {
    return player;
  }

  @Override
  public String toString() {
    return "PostLoginEvent{player=" + player + '}';
  }
}
