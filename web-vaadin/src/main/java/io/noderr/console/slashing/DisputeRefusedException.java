package io.noderr.console.slashing;

/** The dispute's workflow refused the submission in its current state (409), with its reason. */
public class DisputeRefusedException extends RuntimeException {

  public DisputeRefusedException(String reason) {
    super(reason);
  }
}
