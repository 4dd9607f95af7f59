package com.velocitypowered.api.command;

import java.util.Collection;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Registration data of a command.
 *
 * <p>Mirror note: the Brigadier-typed members of the real API ({@code getHints()} here and
 * {@code Builder.hint(CommandNode)}) are left out, so Brigadier is not needed to compile.
 */
public interface CommandMeta {

  /**
   * All aliases (lower-case).
   *
   * @return the aliases
   */
  Collection<String> getAliases();

  /**
   * The owning plugin instance, if set; commands with a plugin run on its executor.
   *
   * @return the plugin, or {@code null}
   */
  @Nullable Object getPlugin();

  /** Builds a {@link CommandMeta}; obtain one from {@link CommandManager#metaBuilder(String)}. */
  interface Builder {

    /**
     * Adds aliases.
     *
     * @param aliases the aliases
     * @return this builder
     */
    Builder aliases(String... aliases);

    /**
     * Sets the owning plugin.
     *
     * @param plugin the plugin instance
     * @return this builder
     */
    Builder plugin(Object plugin);

    /**
     * Builds the meta.
     *
     * @return the meta
     */
    CommandMeta build();
  }
}
