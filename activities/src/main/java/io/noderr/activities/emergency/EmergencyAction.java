package io.noderr.activities.emergency;

/**
 * What an emergency does. Thresholds are asymmetric on purpose: stopping harm is cheap (one
 * guardian may PAUSE or QUARANTINE at once, for a while), everything else needs its quorum.
 */
public enum EmergencyAction {
  /** Pause tiers: running deployments, new deployments, auto-deploy and the beacon's tiers. */
  PAUSE(true),
  /** Roll whole tiers back to a version the beacon published for them before (M-of-N). */
  EMERGENCY_ROLLBACK(false),
  /** Cut nodes (or all of an operator's nodes) off: sessions, gateway, rollouts. */
  QUARANTINE(true),
  /** Replace the multisig's signer set (the full quorum of the current set). */
  ROTATE_SIGNERS(false),
  /** Lift a pause (M-of-N, never one signer alone). */
  RESUME(false),
  /**
   * The guardian's veto in governance: cancel a proposal queued on the timelock before it executes
   * (the multisig's threshold, never one guardian alone).
   */
  VETO_PROPOSAL(false);

  private final boolean guardianMayActAlone;

  EmergencyAction(boolean guardianMayActAlone) {
    this.guardianMayActAlone = guardianMayActAlone;
  }

  /** Whether one guardian's signature acts at once, as a mandate that expires unless ratified. */
  public boolean guardianMayActAlone() {
    return guardianMayActAlone;
  }
}
