package io.noderr.activities.node;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Release checks a node makes itself, on its own task queue. The first step of every update: the
 * node compares the digest it is asked to install with its beacon's digest for its tier, read
 * directly from the chain when it has an RPC endpoint (else through the platform), and refuses a
 * mismatch — so a compromised platform cannot push an image the signers did not approve.
 */
@ActivityInterface
public interface NodeReleaseActivities {

  /**
   * @throws io.temporal.failure.ApplicationFailure non-retryable, type {@code DigestMismatch}, when
   *     the beacon names another digest or another version for the node's tier
   */
  @ActivityMethod
  ReleaseVerified verifyRelease(ReleaseToVerify release);
}
