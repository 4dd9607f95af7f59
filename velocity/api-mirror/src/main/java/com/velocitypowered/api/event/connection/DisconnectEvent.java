package com.velocitypowered.api.event.connection;

import com.velocitypowered.api.proxy.Player;
import java.util.Objects;

/** Fired when a player's connection to the proxy ends. */
public final class DisconnectEvent {

  private final Player player;
  private final LoginStatus loginStatus;

  /**
   * Creates the event.
   *
   * @param player the player
   * @param loginStatus how far the login got
   */
  public DisconnectEvent(Player player, LoginStatus loginStatus) {
    this.player = Objects.requireNonNull(player, "player");
    this.loginStatus = Objects.requireNonNull(loginStatus, "loginStatus");
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
   * How far the login got before the disconnect.
   *
   * @return the status
   */
  public LoginStatus getLoginStatus() {
    return loginStatus;
  }

  @Override
  public String toString() {
    return "DisconnectEvent{player=" + player + ", loginStatus=" + loginStatus + '}';
  }

  /** Login state at disconnect time. Constant order matches the real API. */
  public enum LoginStatus {
    SUCCESSFUL_LOGIN,
    CONFLICTING_LOGIN,
    CANCELLED_BY_USER,
    CANCELLED_BY_PROXY,
    CANCELLED_BY_USER_BEFORE_COMPLETE,
    PRE_SERVER_JOIN
  }
}
