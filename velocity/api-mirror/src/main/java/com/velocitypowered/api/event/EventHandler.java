package com.velocitypowered.api.event;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A handler registered programmatically with {@link EventManager}. The erased descriptor of
 * {@link #execute(Object)} is {@code (Ljava/lang/Object;)V}, as in the real API, so lambdas and
 * implementations get the same bridge methods.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventHandler<E> {

  /**
   * Handles the event.
   *
   * @param event the event
   */
  void execute(E event);

  /**
   * Handles the event, optionally returning asynchronous follow-up work. The default runs
   * {@link #execute(Object)} and returns {@code null}.
   *
   * @param event the event
   * @return follow-up work, or {@code null} when there is none
   */
  default @Nullable EventTask executeAsync(E event) {
    execute(event);
    return null;
  }
}
