package com.velocitypowered.api.proxy.messages;

/**
 * A plugin-message channel. The proxy's registrar only accepts {@link MinecraftChannelIdentifier}
 * and {@link LegacyChannelIdentifier}.
 */
public interface ChannelIdentifier {

  /**
   * The channel id as sent on the wire.
   *
   * @return the id
   */
  String getId();
}
