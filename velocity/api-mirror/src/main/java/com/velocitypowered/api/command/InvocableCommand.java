package com.velocitypowered.api.command;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A command executed with a {@link CommandInvocation}. The type parameter and its bound are the
 * real ones, so an implementing class gets the same bridge methods (the proxy calls the erased
 * {@code execute(CommandInvocation)}).
 *
 * <p>Mirror note: {@code sealed} in the real API (permits {@code RawCommand}, {@link SimpleCommand});
 * plain here.
 *
 * @param <I> the invocation type
 */
public interface InvocableCommand<I extends CommandInvocation<?>> extends Command {

  /**
   * Runs the command.
   *
   * @param invocation the invocation
   */
  void execute(I invocation);

  /**
   * Tab-completion suggestions; none by default.
   *
   * @param invocation the invocation
   * @return the suggestions
   */
  default List<String> suggest(final I invocation) {
    return List.of();
  }

  /**
   * Asynchronous suggestions; by default completes with {@link #suggest}.
   *
   * @param invocation the invocation
   * @return the future suggestions
   */
  default CompletableFuture<List<String>> suggestAsync(final I invocation) {
    return CompletableFuture.completedFuture(suggest(invocation));
  }

  /**
   * Whether the source may run (and see) the command; {@code true} by default.
   *
   * @param invocation the invocation
   * @return whether allowed
   */
  default boolean hasPermission(final I invocation) {
    return true;
  }
}
