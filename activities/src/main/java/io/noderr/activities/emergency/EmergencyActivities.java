package io.noderr.activities.emergency;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The emergency workflow's platform-side steps: the beacon's multisig (guardian pause, quorum pause
 * and resume, signer rotation, the veto of a queued governance proposal), the platform's own brakes
 * (deployments paused, new ones refused, auto-deploy held), quarantines, and the emergency read
 * model with its audit log. Every step is idempotent: a retry after a step that went through
 * changes nothing twice.
 */
@ActivityInterface
public interface EmergencyActivities {

  /** The multisig's signers, threshold, guardians, next nonce, mandate and each tier's pause. */
  @ActivityMethod
  BeaconEmergencyState readEmergencyBeacon(BeaconRead request);

  /** One guardian's time-boxed pause of tiers on the beacon. */
  @ActivityMethod
  BeaconTransaction guardianPause(GuardianPauseRequest request);

  /** The quorum pauses (for good) or unpauses tiers on the beacon. */
  @ActivityMethod
  BeaconTransaction setTiersPaused(TiersPausedRequest request);

  /** Ends a guardian pause whose mandate ran out (the beacon checks that it did). */
  @ActivityMethod
  BeaconTransaction expireGuardianPause(GuardianPauseExpiry request);

  /** Replaces the multisig's signer set. */
  @ActivityMethod
  BeaconTransaction changeSigners(ChangeSignersRequest request);

  /**
   * Cancels an operation queued on the governance timelock through the multisig (the guardian's
   * veto). Already done when the timelock canceled it already.
   */
  @ActivityMethod
  BeaconTransaction cancelQueued(CancelQueuedRequest request);

  /**
   * Holds the tiers in the platform: running deployments on them are paused, new ones and
   * auto-deploy refused until lifted. Holding a held tier again only updates its expiry.
   */
  @ActivityMethod
  TiersHeld holdTiers(HoldTiers request);

  /** Lifts the hold of tiers and resumes the deployments the hold paused (those still paused). */
  @ActivityMethod
  TiersReleased releaseTiers(ReleaseTiers request);

  /** Pauses the running deployments on tiers (other than one), e.g. when a rollback starts. */
  @ActivityMethod
  TiersHeld pauseDeployments(PauseDeployments request);

  /** Quarantines nodes: sessions revoked, gateway closed, left out of every rollout. */
  @ActivityMethod
  QuarantineResult quarantine(QuarantineRequest request);

  /** Ends an emergency's quarantines: its nodes get their status from before back. */
  @ActivityMethod
  QuarantineResult endQuarantine(EndQuarantine request);

  /** Writes the read model and the step's audit entry, once per step sequence number. */
  @ActivityMethod
  EmergencyRecorded recordEmergency(EmergencyProgress progress);
}
