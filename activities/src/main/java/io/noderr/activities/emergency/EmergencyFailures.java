package io.noderr.activities.emergency;

/** ApplicationFailure types of the emergency activities. */
public final class EmergencyFailures {

  /**
   * Non-retryable: the multisig or beacon refused the action; the message names the contract's
   * error and says in words what it means (e.g. {@code NotAGuardian(0x...): ...}).
   */
  public static final String BEACON_REFUSED = "EmergencyBeaconRefused";

  private EmergencyFailures() {}
}
