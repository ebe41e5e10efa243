package io.noderr.activities.release;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The release workflow's platform-side steps: reading the beacon and its multisig, publishing
 * through the multisig, following the beacon's events, and keeping the release read model. The
 * beacon is either a contract on an EVM chain or, without a chain configured, the local beacon
 * stored in PostgreSQL; both answer the same way.
 */
@ActivityInterface
public interface ReleaseActivities {

  /** The multisig's signer set, threshold and next nonce, and the tier's current release. */
  @ActivityMethod
  BeaconState readBeacon(BeaconQuery query);

  /**
   * Submits the multisig transaction that publishes the release and waits for its receipt.
   * Idempotent: when a retry finds the release already on the beacon it answers with that
   * publication instead of sending a second transaction. A transaction the multisig refuses (nonce
   * moved, deadline passed, tier paused, signatures refused) fails non-retryably with type {@link
   * ReleaseFailures#PUBLISH_REFUSED} and the contract's reason.
   */
  @ActivityMethod
  PublishReceipt publish(PublishRequest request);

  /**
   * Waits (heartbeating) until the beacon follower has seen the {@code VersionPublished} event of
   * this publication, and answers with the event as observed.
   */
  @ActivityMethod
  PublishedEvent awaitPublished(PublishReceipt receipt);

  /**
   * Writes the release's read-model row and appends the step's audit entry, once per step sequence
   * number (a retry changes nothing twice).
   */
  @ActivityMethod
  ReleaseRecorded record(ReleaseProgress progress);
}
