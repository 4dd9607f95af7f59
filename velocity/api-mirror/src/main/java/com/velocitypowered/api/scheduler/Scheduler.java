package com.velocitypowered.api.scheduler;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Schedules plugin tasks. All tasks run on the plugin's cached thread pool (there is no main
 * thread). {@code plugin} must already be registered, so not from the plugin constructor.
 */
public interface Scheduler {

  /**
   * Starts building a task.
   *
   * @param plugin the owning plugin instance
   * @param runnable the work
   * @return a builder
   */
  TaskBuilder buildTask(Object plugin, Runnable runnable);

  /**
   * Starts building a task that receives its own handle.
   *
   * @param plugin the owning plugin instance
   * @param consumer the work
   * @return a builder
   */
  TaskBuilder buildTask(Object plugin, Consumer<ScheduledTask> consumer);

  /**
   * Tasks of a plugin.
   *
   * @param plugin the plugin instance
   * @return its tasks
   */
  Collection<ScheduledTask> tasksByPlugin(Object plugin);

  /** Configures and submits a task. */
  interface TaskBuilder {

    /**
     * Delay before the first run.
     *
     * @param time the amount, not negative
     * @param unit the unit
     * @return this builder
     */
    TaskBuilder delay(long time, TimeUnit unit);

    /**
     * Delay before the first run.
     *
     * @param duration the delay
     * @return this builder
     */
    default TaskBuilder delay(Duration duration) {
      return delay(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Period between runs.
     *
     * @param time the amount, not negative
     * @param unit the unit
     * @return this builder
     */
    TaskBuilder repeat(long time, TimeUnit unit);

    /**
     * Period between runs.
     *
     * @param duration the period
     * @return this builder
     */
    default TaskBuilder repeat(Duration duration) {
      return repeat(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Removes the delay.
     *
     * @return this builder
     */
    TaskBuilder clearDelay();

    /**
     * Makes the task run once.
     *
     * @return this builder
     */
    TaskBuilder clearRepeat();

    /**
     * Submits the task.
     *
     * @return its handle
     */
    ScheduledTask schedule();
  }
}
