package com.velocitypowered.api.proxy.messages;

/**
 * The channels for which the proxy fires {@code PluginMessageEvent}. Messages on other channels
 * pass through without an event.
 */
public interface ChannelRegistrar {

  /**
   * Registers channels.
   *
   * @param identifiers the channels
   */
  void register(ChannelIdentifier... identifiers);

  /**
   * Unregisters channels.
   *
   * @param identifiers the channels
   */
  void unregister(ChannelIdentifier... identifiers);
}
