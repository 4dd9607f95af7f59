package com.velocitypowered.api.permission;

import java.util.Optional;
import net.kyori.adventure.util.TriState;
import org.checkerframework.checker.nullness.qual.Nullable;

/** A permission answer: set true, set false, or not set ({@link #UNDEFINED}, which counts as false). */
public enum Tristate {
  TRUE(true),
  FALSE(false),
  UNDEFINED(false);

  private final boolean value;

  Tristate(boolean value) {
    this.value = value;
  }

  /**
   * {@code TRUE} or {@code FALSE}.
   *
   * @param val the boolean
   * @return the tristate
   */
  public static Tristate fromBoolean(boolean val) {
    return val ? TRUE : FALSE;
  }

  /**
   * Like {@link #fromBoolean(boolean)}, with {@code null} giving {@code UNDEFINED}.
   *
   * @param val the boolean, may be null
   * @return the tristate
   */
  public static Tristate fromNullableBoolean(@Nullable Boolean val) {
    return val == null ? UNDEFINED : fromBoolean(val);
  }

  /**
   * Like {@link #fromBoolean(boolean)}, with empty giving {@code UNDEFINED}.
   *
   * @param val the optional boolean
   * @return the tristate
   */
  public static Tristate fromOptionalBoolean(Optional<Boolean> val) {
    return val.isPresent() ? fromBoolean(val.get()) : UNDEFINED;
  }

  /**
   * The boolean meaning; {@code UNDEFINED} is {@code false}.
   *
   * @return the boolean
   */
  public boolean asBoolean() {
    return value;
  }

  /**
   * The Adventure equivalent ({@code UNDEFINED} becomes {@code NOT_SET}).
   *
   * @return the Adventure tristate
   */
  public TriState toAdventureTriState() {
    if (this == TRUE) {
      return TriState.TRUE;
    }
    return this == FALSE ? TriState.FALSE : TriState.NOT_SET;
  }
}
