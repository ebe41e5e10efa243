package io.noderr.agent.release;

import io.noderr.activities.node.NodeReleaseActivities;
import io.noderr.activities.node.ReleaseToVerify;
import io.noderr.activities.node.ReleaseVerified;
import io.noderr.activities.release.BeaconTier;
import io.noderr.activities.release.ReleaseFailures;
import io.noderr.agent.metrics.AgentMeters;
import io.noderr.signing.ImageDigest;
import io.temporal.failure.ApplicationFailure;
import java.util.Objects;
import java.util.Optional;

/**
 * The node's own check before an update: the release it is asked to install must be for the tier
 * the node pinned at registration, and must be the one its beacon names for that tier. The tier
 * comes from the node, never from the request: a platform that could choose the tier could put a
 * release signed for ALL on a GUARDIAN node. A mismatch is final (retrying will not change what the
 * signers published); an unreadable beacon is retried. A node configured to read the chain never
 * falls back to the platform: the platform is what this check guards against.
 */
public final class BeaconDigestCheck implements NodeReleaseActivities {

  private final BeaconSource beacon;
  private final BeaconTier pinnedTier;

  /**
   * @param pinnedTier the tier the node was admitted to (identity.json); the only beacon read
   */
  public BeaconDigestCheck(BeaconSource beacon, BeaconTier pinnedTier) {
    this.beacon = beacon;
    this.pinnedTier = Objects.requireNonNull(pinnedTier, "pinnedTier");
  }

  @Override
  public ReleaseVerified verifyRelease(ReleaseToVerify release) {
    try {
      ReleaseVerified verified = verify(release);
      AgentMeters.beaconCheck("verified");
      return verified;
    } catch (ApplicationFailure e) {
      AgentMeters.beaconCheck(
          ReleaseFailures.BEACON_UNREADABLE.equals(e.getType()) ? "unreadable" : "refused");
      throw e;
    }
  }

  private ReleaseVerified verify(ReleaseToVerify release) {
    requirePinnedTier(release);
    String asked = release.version() + " (" + release.imageDigest() + ")";
    Optional<BeaconRelease> published = read(pinnedTier, false);
    if (!matches(published, release)) {
      // A cached answer may predate a publication seconds old (auto-deploy starts right after
      // one): a refusal is final, so it is only given on what the beacon says now.
      published = read(pinnedTier, true);
    }
    if (published.isEmpty()) {
      throw refusal(
          "the "
              + beacon.name()
              + " beacon holds no release for tier "
              + pinnedTier
              + ", asked to install "
              + asked);
    }
    if (!matches(published, release)) {
      throw refusal(
          "the "
              + beacon.name()
              + " beacon names "
              + published.get().version()
              + " ("
              + published.get().imageDigest()
              + ") for tier "
              + pinnedTier
              + ", asked to install "
              + asked);
    }
    BeaconRelease verified = published.get();
    return new ReleaseVerified(beacon.name(), verified.version(), verified.imageDigest().value());
  }

  private static boolean matches(Optional<BeaconRelease> published, ReleaseToVerify release) {
    return published.isPresent()
        && published.get().version().equals(release.version())
        && isDigest(published.get().imageDigest(), release.imageDigest());
  }

  private Optional<BeaconRelease> read(BeaconTier tier, boolean latest) {
    try {
      return latest ? beacon.latest(tier) : beacon.current(tier);
    } catch (BeaconUnreadableException e) {
      throw ApplicationFailure.newFailure(e.getMessage(), ReleaseFailures.BEACON_UNREADABLE);
    }
  }

  private void requirePinnedTier(ReleaseToVerify release) {
    if (!pinnedTier.name().equals(release.tier())) {
      throw refusal(
          "asked to install a release for tier '"
              + release.tier()
              + "', but this node is pinned to tier "
              + pinnedTier);
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
