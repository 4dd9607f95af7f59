package com.velocitypowered.api.scheduler;

/** A task submitted to the {@link Scheduler}. */
public interface ScheduledTask {

  /**
   * The owning plugin instance.
   *
   * @return the plugin
   */
  Object plugin();

  /**
   * Current state.
   *
   * @return the status
   */
  TaskStatus status();

  /** Cancels the task; a running execution is not interrupted. */
  void cancel();
}
