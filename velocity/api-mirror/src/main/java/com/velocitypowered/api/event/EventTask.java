package com.velocitypowered.api.event;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Work a handler hands back to the event manager, finished through a {@link Continuation}. */
public interface EventTask {

  /**
   * Whether the task must run off the current thread.
   *
   * @return {@code true} to force asynchronous execution
   */
  boolean requiresAsync();

  /**
   * Runs the task; the continuation may be resumed later, from any thread.
   *
   * @param continuation to resume once done
   */
  void execute(Continuation continuation);

  /**
   * A task that runs {@code task} asynchronously and then resumes.
   *
   * @param task the work
   * @return the event task
   */
  static EventTask async(final Runnable task) {
    Objects.requireNonNull(task, "task");
    return new EventTask() {
      @Override
      public boolean requiresAsync() {
        return true;
      }

      @Override
      public void execute(Continuation continuation) {
        task.run();
        continuation.resume();
      }
    };
  }

  /**
   * A task that hands the continuation to {@code task}, which must resume it.
   *
   * @param task the work
   * @return the event task (not forced async)
   */
  static EventTask withContinuation(final Consumer<Continuation> task) {
    Objects.requireNonNull(task, "task");
    return new EventTask() {
      @Override
      public boolean requiresAsync() {
        return false;
      }

      @Override
      public void execute(Continuation continuation) {
        task.accept(continuation);
      }
    };
  }

  /**
   * A task that resumes when {@code future} completes, normally or exceptionally.
   *
   * @param future the future to wait for
   * @return the event task
   */
  static EventTask resumeWhenComplete(final CompletableFuture<?> future) {
    Objects.requireNonNull(future, "future");
    return withContinuation(continuation -> future.whenComplete((ignored, failure) -> {
      if (failure == null) {
        continuation.resume();
      } else {
        continuation.resumeWithException(failure);
      }
    }));
  }
}
