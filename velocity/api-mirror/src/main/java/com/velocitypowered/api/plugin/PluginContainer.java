package com.velocitypowered.api.plugin;

import java.util.Optional;
import java.util.concurrent.ExecutorService;

/** A loaded plugin, as the proxy sees it. */
public interface PluginContainer {

  /**
   * The plugin's metadata.
   *
   * @return the description
   */
  PluginDescription getDescription();

  /**
   * The plugin's main-class instance, once it has been created.
   *
   * @return the instance, or empty
   */
  default Optional<?> getInstance() {
    return Optional.empty();
  }

  /**
   * The plugin's cached thread pool (the scheduler runs tasks on the same pool).
   *
   * @return the executor
   */
  ExecutorService getExecutorService();
}
