package io.noderr.worker.beacon;

import io.noderr.activities.release.BeaconState;
import io.noderr.activities.release.BeaconTier;
import io.noderr.activities.release.PublishReceipt;
import io.noderr.activities.release.PublishRequest;
import io.noderr.activities.release.ReleaseFailures;

/**
 * The version beacon and its multisig: {@link ChainBeacon} (contracts on an EVM chain) or {@link
 * LocalBeacon} (PostgreSQL), chosen by {@code noderr.beacon.rpc-url}. Both check a publication by
 * the same rules and refuse it with the same reasons.
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

  /**
   * A publication transaction reverted although its simulation passed: the multisig or the tier
   * changed in between, possibly because another transaction published the same release.
   */
  final class RevertedException extends RuntimeException {
    public RevertedException(String message) {
      super(message);
    }
  }
}
