package com.velocitypowered.api.command;

/**
 * Root of Velocity's command types.
 *
 * <p>Mirror note: in the real API this is {@code sealed} (permitting {@code BrigadierCommand} and
 * {@link InvocableCommand}). {@code sealed} is a compile-time restriction only and is dropped
 * here; implement {@link SimpleCommand}, never this interface directly.
 */
public interface Command {
}
