package io.noderr.worker.beacon;

import io.noderr.activities.emergency.BeaconEmergencyState;
import io.noderr.activities.emergency.BeaconTransaction;
import io.noderr.activities.emergency.CancelQueuedRequest;
import io.noderr.activities.emergency.ChangeSignersRequest;
import io.noderr.activities.emergency.EmergencyFailures;
import io.noderr.activities.emergency.GuardianPauseExpiry;
import io.noderr.activities.emergency.GuardianPauseRequest;
import io.noderr.activities.emergency.TiersPausedRequest;
import io.noderr.activities.release.BeaconState;
import io.noderr.activities.release.BeaconTier;
import io.noderr.activities.release.PublishReceipt;
import io.noderr.activities.release.PublishRequest;
import io.noderr.activities.release.ReleaseFailures;

/**
 * The version beacon and its multisig: {@link ChainBeacon} (contracts on an EVM chain) or {@link
 * LocalBeacon} (PostgreSQL), chosen by {@code noderr.beacon.rpc-url}. Both check a publication or
 * an emergency action by the same rules and refuse it with the same reasons.
 *
 * <p>The emergency actions are idempotent, as Temporal's retries need: when the beacon is already
 * in the requested state they send nothing and answer {@link BeaconTransaction#alreadyDone()}. They
 * refuse with a non-retryable {@link io.temporal.failure.ApplicationFailure} of type {@link
 * EmergencyFailures#BEACON_REFUSED} whose message starts with the contract's error and explains it
 * (e.g. {@code NotAGuardian(0x...): ...}); an unreachable chain is a retryable failure of type
 * {@link ChainBeacon#RPC_FAILED}.
 */
public interface Beacon {

  /** Where this beacon's events are recorded. */
  BeaconId id();

  /** The multisig's signer set, threshold and next nonce, and the tier's current release. */
  BeaconState read(BeaconTier tier);

  /**
   * Publishes through the multisig and answers once the publication is final (mined, or committed).
   * Not idempotent by itself: a retry of a publication that went through is refused because its
   * nonce is spent, so callers look for the release on the beacon first.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable, of type {@link
   *     ReleaseFailures#PUBLISH_REFUSED}, when the multisig or beacon refuses; the message names
   *     the contract's error and explains it
   * @throws RevertedException when a transaction that passed its simulation reverted on chain
   */
  PublishReceipt publish(PublishRequest request);

  /** The signers, threshold, guardians, mandate, nonce and every tier's pause, at one moment. */
  BeaconEmergencyState readEmergency();

  /**
   * One guardian pauses the tiers for the multisig's mandate; tiers the quorum paused stay paused
   * indefinitely. Already done when every tier is paused (indefinitely, or by a guardian pause that
   * has not run out): a running guardian pause is not extended by another guardian's signature.
   */
  BeaconTransaction guardianPause(GuardianPauseRequest request);

  /**
   * The quorum pauses the tiers indefinitely (ratifying a guardian pause) or unpauses them (ending
   * a guardian pause early). Already done when every tier is paused indefinitely, or unpaused.
   */
  BeaconTransaction setTiersPaused(TiersPausedRequest request);

  /**
   * Ends the guardian pauses among the tiers whose mandate has run out (no signature needed).
   * Already done when none of the tiers is paused; refused ({@code NoExpiredPause}) when some is
   * paused but none has an expired guardian pause.
   */
  BeaconTransaction expireGuardianPause(GuardianPauseExpiry request);

  /**
   * The quorum replaces the signer set and threshold; guardians outside the new set lose the role.
   * Already done when the multisig has this set (in any order) and threshold.
   */
  BeaconTransaction changeSigners(ChangeSignersRequest request);

  /**
   * The guardian's veto: the quorum cancels an operation queued on the governance timelock (where
   * the multisig holds CANCELLER_ROLE). Already done when the timelock canceled the operation;
   * refused when it is not pending (executed, or never queued). The PostgreSQL beacon has no
   * governance and refuses ({@code GovernanceOff}).
   */
  BeaconTransaction cancelQueued(CancelQueuedRequest request);

  /**
   * A transaction reverted although its simulation passed: the multisig or the tier changed in
   * between, possibly because another transaction did the same. Retryable: the next attempt
   * simulates again, or finds the beacon in the requested state.
   */
  final class RevertedException extends RuntimeException {
    public RevertedException(String message) {
      super(message);
    }
  }
}
