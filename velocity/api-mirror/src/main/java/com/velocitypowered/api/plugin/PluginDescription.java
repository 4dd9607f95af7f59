package com.velocitypowered.api.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Metadata of a plugin (from {@code velocity-plugin.json}).
 *
 * <p>Mirror note: the real interface also has {@code getDependencies()} and
 * {@code getDependency(String)}, which use {@code plugin.meta.PluginDependency}; that type is not
 * mirrored, so those two defaults are left out. Omitting members of an interface the plugin only
 * calls is binary-safe.
 */
public interface PluginDescription {

  /** Plugin ids must match this pattern. Not a compile-time constant, so never inlined. */
  Pattern ID_PATTERN = Pattern.compile("[a-z][a-z0-9-_]{0,63}");

  /**
   * The plugin id.
   *
   * @return the id
   */
  String getId();

  /**
   * Display name.
   *
   * @return the name, if any
   */
  default Optional<String> getName() {
    return Optional.empty();
  }

  /**
   * Version string.
   *
   * @return the version, if any
   */
  default Optional<String> getVersion() {
    return Optional.empty();
  }

  /**
   * Description text.
   *
   * @return the description, if any
   */
  default Optional<String> getDescription() {
    return Optional.empty();
  }

  /**
   * Website.
   *
   * @return the url, if any
   */
  default Optional<String> getUrl() {
    return Optional.empty();
  }

  /**
   * Authors.
   *
   * @return the authors, possibly empty
   */
  default List<String> getAuthors() {
    return List.of();
  }

  /**
   * The file the plugin was loaded from.
   *
   * @return the source path, if known
   */
  default Optional<Path> getSource() {
    return Optional.empty();
  }
}
