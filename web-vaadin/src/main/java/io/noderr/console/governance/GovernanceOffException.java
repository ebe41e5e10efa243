package io.noderr.console.governance;

/** Governance is off on this platform (409); the message says why. */
public class GovernanceOffException extends RuntimeException {

  public GovernanceOffException(String reason) {
    super("governance is off: " + reason);
  }
}
