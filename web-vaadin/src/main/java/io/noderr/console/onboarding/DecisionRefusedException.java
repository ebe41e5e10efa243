package io.noderr.console.onboarding;

/** A request the onboarding workflow (or its state) refused; the message says why. */
public class DecisionRefusedException extends RuntimeException {

  public DecisionRefusedException(String reason) {
    super(reason);
  }
}
