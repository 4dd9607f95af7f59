package com.velocitypowered.api.event.player;

import com.velocitypowered.api.proxy.Player;
import com.velocitypowered.api.proxy.messages.ChannelIdentifier;
import java.util.List;
import java.util.Objects;

/** Fired (not awaited) when a client sends {@code minecraft:register} in the play phase. */
public final class PlayerChannelRegisterEvent {

  private final Player player;
  private final List<ChannelIdentifier> channels;

  /**
   * Creates the event.
   *
   * @param player the player
   * @param channels the channels the client registered (kept as given)
   */
  public PlayerChannelRegisterEvent(Player player, List<ChannelIdentifier> channels) {
    this.player = Objects.requireNonNull(player, "player");
    this.channels = Objects.requireNonNull(channels, "channels");
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
   * The registered channels.
   *
   * @return the channels
   */
  public List<ChannelIdentifier> getChannels() {
    return channels;
  }

  @Override
  public String toString() {
    return "PlayerChannelRegisterEvent{player=" + player + ", channels=" + channels + '}';
  }
}
