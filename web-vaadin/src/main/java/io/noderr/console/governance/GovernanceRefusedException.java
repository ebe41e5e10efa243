package io.noderr.console.governance;

/** A ballot or proposal refused (409): the reason is the workflow's or the chain's own words. */
public class GovernanceRefusedException extends RuntimeException {

  public GovernanceRefusedException(String reason) {
    super(reason);
  }
}
