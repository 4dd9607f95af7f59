package com.velocitypowered.api.event;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event handler method of a listener. Velocity reads the members reflectively, so their
 * names and types must match the real annotation exactly.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Subscribe {

  /**
   * Coarse ordering.
   *
   * @return the order
   * @deprecated use {@link #priority()} together with {@link PostOrder#CUSTOM}
   */
  @Deprecated
  PostOrder order() default PostOrder.NORMAL;

  /**
   * Fine ordering; higher runs earlier. Only honoured when {@code order = PostOrder.CUSTOM}.
   *
   * @return the priority
   */
  short priority() default Short.MIN_VALUE;

  /**
   * Whether the handler must run off the calling thread.
   *
   * @return {@code true} (the default) to always run asynchronously
   */
  boolean async() default true;
}
