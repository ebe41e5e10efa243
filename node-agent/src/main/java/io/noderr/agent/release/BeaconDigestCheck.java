package io.noderr.agent.release;

import io.noderr.activities.node.NodeReleaseActivities;
import io.noderr.activities.node.ReleaseToVerify;
import io.noderr.activities.node.ReleaseVerified;
import io.noderr.activities.release.BeaconTier;
import io.noderr.activities.release.ReleaseFailures;
import io.noderr.signing.ImageDigest;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/**
 * The node's own check before an update: the release it is asked to install must be the one its
 * beacon names for the tier. A mismatch is final (retrying will not change what the signers
 * published); an unreadable beacon is retried. A node configured to read the chain never falls back
 * to the platform: the platform is what this check guards against.
 */
public final class BeaconDigestCheck implements NodeReleaseActivities {

  private final BeaconSource beacon;

  public BeaconDigestCheck(BeaconSource beacon) {
    this.beacon = beacon;
  }

  @Override
  public ReleaseVerified verifyRelease(ReleaseToVerify release) {
    BeaconTier tier = tierOf(release);
    String asked = release.version() + " (" + release.imageDigest() + ")";
    BeaconRelease published =
        read(tier)
            .orElseThrow(
                () ->
                    refusal(
                        "the "
                            + beacon.name()
                            + " beacon holds no release for tier "
                            + tier
                            + ", asked to install "
                            + asked));
    if (!published.version().equals(release.version())
        || !isDigest(published.imageDigest(), release.imageDigest())) {
      throw refusal(
          "the "
              + beacon.name()
              + " beacon names "
              + published.version()
              + " ("
              + published.imageDigest()
              + ") for tier "
              + tier
              + ", asked to install "
              + asked);
    }
    return new ReleaseVerified(beacon.name(), published.version(), published.imageDigest().value());
  }

  private Optional<BeaconRelease> read(BeaconTier tier) {
    try {
      return beacon.current(tier);
    } catch (BeaconUnreadableException e) {
      throw ApplicationFailure.newFailure(e.getMessage(), ReleaseFailures.BEACON_UNREADABLE);
    }
  }

  private static BeaconTier tierOf(ReleaseToVerify release) {
    try {
      return BeaconTier.valueOf(String.valueOf(release.tier()));
    } catch (IllegalArgumentException e) {
      throw refusal(
          "asked to install a release for tier '" + release.tier() + "', which has no beacon");
    }
  }

  /** Compares canonical forms: the same digest may arrive in another case or with 0x. */
  private static boolean isDigest(ImageDigest published, String asked) {
    try {
      return published.equals(ImageDigest.parse(asked));
    } catch (IllegalArgumentException notADigest) {
      return false;
    }
  }

  private static ApplicationFailure refusal(String why) {
    return ApplicationFailure.newNonRetryableFailure(
        why + " — refusing to install", ReleaseFailures.DIGEST_MISMATCH);
  }
}
