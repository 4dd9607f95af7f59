package com.velocitypowered.api.command;

/**
 * The context of one command execution. {@link #arguments()} erases to
 * {@code ()Ljava/lang/Object;}, as in the real API.
 *
 * @param <T> the argument type
 */
public interface CommandInvocation<T> {

  /**
   * Who ran the command.
   *
   * @return the source
   */
  CommandSource source();

  /**
   * The arguments.
   *
   * @return the arguments
   */
  T arguments();
}
