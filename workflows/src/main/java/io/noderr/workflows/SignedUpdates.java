package io.noderr.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;

/** What the workflows that collect signatures as Updates share. Workflow code only. */
public final class SignedUpdates {

  private SignedUpdates() {}

  /**
   * Runs the validator again in the handler: validators of Updates delivered together all see the
   * state before any of them ran, so a signer's two simultaneous submissions could both pass. A
   * refusal here fails the Update with {@code errorType} and changes nothing.
   */
  public static void recheck(Runnable validator, String errorType) {
    try {
      validator.run();
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newFailure(e.getMessage(), errorType);
    }
  }

  /** An activity's failure in its own words (the refusal's message, not the wrapper's). */
  public static String failureMessage(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure app
        ? app.getOriginalMessage()
        : String.valueOf(
            failure.getCause() == null ? failure.getMessage() : failure.getCause().getMessage());
  }
}
