package com.velocitypowered.api.proxy.messages;

/**
 * Anything a plugin message can be sent to.
 *
 * <p>Mirror note: the real interface also declares the experimental
 * {@code boolean sendPluginMessage(ChannelIdentifier, PluginMessageEncoder)}; the encoder type is
 * not mirrored, so that overload is left out (binary-safe: LedgerNet only calls sinks).
 */
public interface ChannelMessageSink {

  /**
   * Sends a plugin message.
   *
   * @param identifier the channel
   * @param data the payload
   * @return whether it was sent
   */
  boolean sendPluginMessage(ChannelIdentifier identifier, byte[] data);
}
