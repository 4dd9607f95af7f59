package com.velocitypowered.api.plugin;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A dependency of a plugin; only usable inside {@link Plugin#dependencies()}. */
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Dependency {

  /**
   * Id of the plugin depended on.
   *
   * @return the id
   */
  String id();

  /**
   * Whether this plugin also loads when the dependency is absent.
   *
   * @return {@code true} for a soft dependency
   */
  boolean optional() default false;
}
