package com.velocitypowered.api.proxy;

import com.velocitypowered.api.command.CommandSource;
import com.velocitypowered.api.proxy.messages.ChannelIdentifier;
import com.velocitypowered.api.proxy.messages.ChannelMessageSink;
import com.velocitypowered.api.proxy.messages.ChannelMessageSource;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import net.kyori.adventure.identity.Identified;
import net.kyori.adventure.key.Key;
import net.kyori.adventure.key.Keyed;
import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.event.HoverEvent;
import net.kyori.adventure.text.event.HoverEventSource;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A player connected to the proxy.
 *
 * <p>Mirror notes. Supertypes: the real interface also extends
 * {@code com.velocitypowered.api.proxy.crypto.KeyIdentifiable} (chat-signing key,
 * {@code IdentifiedKey getIdentifiedKey()}), which is not mirrored because its key types would have
 * to be mirrored too. The Adventure supertypes are the real ones; {@link Identified#identity()}
 * stays abstract as in the real API. Members: only what LedgerNet needs is declared; the real
 * interface has many more (locale, settings, mod info, ping, game profile, tab list, resource
 * packs, cookies, transfer, chat completions, server links, and no-op overrides of Adventure's
 * sound/book defaults). Leaving members out of an interface the plugin only calls is binary-safe.
 */
public interface Player extends CommandSource, InboundConnection, ChannelMessageSource,
    ChannelMessageSink, Identified, HoverEventSource<HoverEvent.ShowEntity>, Keyed {

  /**
   * The username.
   *
   * @return the name
   */
  String getUsername();

  /**
   * The player's UUID.
   *
   * @return the UUID
   */
  UUID getUniqueId();

  /**
   * The backend connection the player is currently on. Empty before the first server and during
   * server switches.
   *
   * @return the current connection
   */
  Optional<ServerConnection> getCurrentServer();

  /**
   * Disconnects the player.
   *
   * @param reason shown to the player
   */
  void disconnect(Component reason);

  /**
   * Sends {@code input} to the current backend as if the player had typed it in chat; a leading
   * {@code /} makes it a command.
   *
   * @param input the chat text
   */
  void spoofChatInput(String input);

  /**
   * Sends a plugin message to the player's client (always returns {@code true}).
   *
   * @param identifier the channel
   * @param data the payload
   * @return {@code true}
   */
  @Override
  boolean sendPluginMessage(ChannelIdentifier identifier, byte[] data);

  /**
   * The client brand ({@code minecraft:brand}), once received.
   *
   * @return the brand, or {@code null} if not (yet) known
   */
  @Nullable String getClientBrand();

  @Override
  default Key key() {
    return Key.key("player");
  }

  @Override
  default HoverEvent<HoverEvent.ShowEntity> asHoverEvent(UnaryOperator<HoverEvent.ShowEntity> op) {
    return HoverEvent.showEntity(op.apply(
        HoverEvent.ShowEntity.showEntity(this, getUniqueId(), Component.text(getUsername()))));
  }
}
