package com.velocitypowered.api.event;

/** Lets an {@link EventTask} tell the event manager it has finished. Resume exactly once. */
public interface Continuation {

  /** Signals successful completion. */
  void resume();

  /**
   * Signals failed completion.
   *
   * @param exception the failure
   */
  void resumeWithException(Throwable exception);
}
