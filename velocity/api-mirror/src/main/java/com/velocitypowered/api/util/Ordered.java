package com.velocitypowered.api.util;

/**
 * Readable comparison helpers on top of {@link Comparable}.
 *
 * @param <T> the compared type
 */
public interface Ordered<T> extends Comparable<T> {

  /**
   * {@code this > that}.
   *
   * @param that the other value
   * @return whether this is greater
   */
  default boolean greaterThan(final T that) {
    return compareTo(that) > 0;
  }

  /**
   * {@code this >= that}.
   *
   * @param that the other value
   * @return whether this is not less
   */
  default boolean noLessThan(final T that) {
    return compareTo(that) >= 0;
  }

  /**
   * {@code this < that}.
   *
   * @param that the other value
   * @return whether this is less
   */
  default boolean lessThan(final T that) {
    return compareTo(that) < 0;
  }

  /**
   * {@code this <= that}.
   *
   * @param that the other value
   * @return whether this is not greater
   */
  default boolean noGreaterThan(final T that) {
    return compareTo(that) <= 0;
  }

  /**
   * {@code this == that} in ordering terms.
   *
   * @param that the other value
   * @return whether both compare equal
   */
  default boolean noGreaterOrLessThan(final T that) {
    return compareTo(that) == 0;
  }
}
