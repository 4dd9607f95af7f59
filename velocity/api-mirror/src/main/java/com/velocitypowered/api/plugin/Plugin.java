package com.velocitypowered.api.plugin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the main class of a Velocity plugin. Velocity's annotation processor turns it into
 * {@code velocity-plugin.json}; the proxy itself never reads the annotation at runtime.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Plugin {

  /**
   * Unique plugin id; must match {@code [a-z][a-z0-9-_]{0,63}}.
   *
   * @return the id
   */
  String id();

  /**
   * Display name.
   *
   * @return the name, or {@code ""} when not given
   */
  String name() default "";

  /**
   * Plugin version.
   *
   * @return the version, or {@code ""} when not given
   */
  String version() default "";

  /**
   * Short description.
   *
   * @return the description, or {@code ""} when not given
   */
  String description() default "";

  /**
   * Website.
   *
   * @return the url, or {@code ""} when not given
   */
  String url() default "";

  /**
   * Authors.
   *
   * @return the authors (the default is a single empty string, as in the real API)
   */
  String[] authors() default "";

  /**
   * Plugins to load before this one.
   *
   * @return the dependencies
   */
  Dependency[] dependencies() default {};
}
