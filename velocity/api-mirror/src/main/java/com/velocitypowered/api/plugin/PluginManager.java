package com.velocitypowered.api.plugin;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/** Looks up loaded plugins. */
public interface PluginManager {

  /**
   * Finds the container of a plugin main-class instance.
   *
   * @param instance the plugin instance
   * @return its container, or empty when the instance is not (yet) registered
   */
  Optional<PluginContainer> fromInstance(Object instance);

  /**
   * Finds a plugin by id.
   *
   * @param id the plugin id
   * @return the container, if loaded
   */
  Optional<PluginContainer> getPlugin(String id);

  /**
   * All loaded plugins.
   *
   * @return the containers
   */
  Collection<PluginContainer> getPlugins();

  /**
   * Whether a plugin with this id is loaded.
   *
   * @param id the plugin id
   * @return {@code true} if loaded
   */
  boolean isLoaded(String id);

  /**
   * Adds a jar to the plugin's class path.
   *
   * @param plugin the plugin instance
   * @param path the jar
   * @throws UnsupportedOperationException if the plugin's loader cannot do this
   */
  void addToClasspath(Object plugin, Path path);

  /**
   * Like {@link #fromInstance(Object)} but fails when there is no container.
   *
   * @param plugin the plugin instance
   * @return its container
   * @throws IllegalArgumentException when the instance has no container
   */
  default PluginContainer ensurePluginContainer(Object plugin) {
    Optional<PluginContainer> container = fromInstance(plugin);
    if (container.isEmpty()) {
      throw new IllegalArgumentException(
          plugin.getClass().getCanonicalName() + " does not have a container.");
    }
    return container.get();
  }
}
