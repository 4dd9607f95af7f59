package com.velocitypowered.api.command;

import com.velocitypowered.api.permission.PermissionSubject;
import net.kyori.adventure.audience.Audience;
import net.kyori.adventure.text.Component;

/**
 * Something that can run commands: a player or the console.
 *
 * <p>Mirror note: the real interface also has two {@code sendRichMessage} defaults that parse
 * MiniMessage; adventure-text-minimessage is not on this module's class path, so they are left
 * out.
 */
public interface CommandSource extends Audience, PermissionSubject {

  /**
   * Sends unformatted text.
   *
   * @param message the text
   */
  default void sendPlainMessage(String message) {
    sendMessage(Component.text(message));
  }
}
