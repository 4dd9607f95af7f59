package com.velocitypowered.api.event;

/**
 * An event whose outcome handlers can change.
 *
 * <p>Mirror note: the real interface also nests the final classes {@code GenericResult} and
 * {@code ComponentResult}; they are not mirrored (not used by LedgerNet).
 *
 * @param <R> the result type
 */
public interface ResultedEvent<R extends ResultedEvent.Result> {

  /**
   * The current result.
   *
   * @return the result, never {@code null}
   */
  R getResult();

  /**
   * Replaces the result.
   *
   * @param result the new result, must not be {@code null}
   */
  void setResult(R result);

  /** Outcome of a {@link ResultedEvent}. */
  interface Result {

    /**
     * Whether the proxy should go on with its default action.
     *
     * @return {@code true} if allowed
     */
    boolean isAllowed();
  }
}
