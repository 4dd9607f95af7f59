package com.velocitypowered.api.scheduler;

/** State of a {@link ScheduledTask}. */
public enum TaskStatus {
  SCHEDULED,
  CANCELLED,
  FINISHED
}
