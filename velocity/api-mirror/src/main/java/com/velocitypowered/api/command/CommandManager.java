package com.velocitypowered.api.command;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Registers commands.
 *
 * <p>Mirror note: the Brigadier members ({@code metaBuilder(BrigadierCommand)},
 * {@code register(BrigadierCommand)}) and the execution/query members
 * ({@code executeAsync}, {@code executeImmediatelyAsync}, {@code getAliases},
 * {@code hasCommand(String, CommandSource)}) of the real interface are left out.
 */
public interface CommandManager {

  /**
   * Starts building command metadata.
   *
   * @param alias the primary alias
   * @return a builder
   */
  CommandMeta.Builder metaBuilder(String alias);

  /**
   * Registers a command under an alias.
   *
   * @param alias the primary alias
   * @param command the command
   * @param otherAliases further aliases
   * @deprecated use {@link #register(CommandMeta, Command)}
   */
  @Deprecated
  default void register(String alias, Command command, String... otherAliases) {
    register(metaBuilder(alias).aliases(otherAliases).build(), command);
  }

  /**
   * Registers a command.
   *
   * @param meta the metadata (aliases, plugin)
   * @param command the command
   */
  void register(CommandMeta meta, Command command);

  /**
   * Unregisters an alias.
   *
   * @param alias the alias
   */
  void unregister(String alias);

  /**
   * Unregisters every alias of a command.
   *
   * @param meta the metadata it was registered with
   */
  void unregister(CommandMeta meta);

  /**
   * Looks up the metadata of an alias.
   *
   * @param alias the alias
   * @return the metadata, or {@code null}
   */
  @Nullable CommandMeta getCommandMeta(String alias);

  /**
   * Whether an alias is registered.
   *
   * @param alias the alias
   * @return whether registered
   */
  boolean hasCommand(String alias);
}
