package com.velocitypowered.api.command;

/**
 * A command with space-split string arguments. Only {@code execute} is abstract.
 *
 * <p>Mirror note: {@code non-sealed} in the real API; plain here.
 */
public interface SimpleCommand extends InvocableCommand<SimpleCommand.Invocation> {

  /** Invocation of a {@link SimpleCommand}; arguments exclude the alias. */
  interface Invocation extends CommandInvocation<String[]> {

    /**
     * The alias the command was run with.
     *
     * @return the alias
     */
    String alias();
  }
}
