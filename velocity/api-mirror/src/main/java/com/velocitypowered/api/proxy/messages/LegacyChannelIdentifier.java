package com.velocitypowered.api.proxy.messages;

import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/** A pre-1.13 channel name without namespace (for example {@code BungeeCord}). Value-based. */
public final class LegacyChannelIdentifier implements ChannelIdentifier {

  private final String name;

  /**
   * Creates the identifier.
   *
   * @param name the channel name
   * @throws IllegalArgumentException if {@code name} is null or empty
   */
  public LegacyChannelIdentifier(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("provided name is empty");
    }
    this.name = name;
  }

  /**
   * The channel name.
   *
   * @return the name
   */
  public String getName() {
    return name;
  }

  @Override
  public String getId() {
    return name;
  }

  /** Same text as the real API: {@code name (legacy)}. */
  @Override
  public String toString() {
    return name + " (legacy)";
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    return other != null && other.getClass() == LegacyChannelIdentifier.class
        && name.equals(((LegacyChannelIdentifier) other).name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name);
  }
}
