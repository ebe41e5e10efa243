package io.noderr.console.rollout;

import io.noderr.registry.Tier;
import io.noderr.registry.release.BeaconEventRow;
import io.noderr.registry.release.BeaconEvents;
import io.noderr.signing.ImageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Only releases the signers published reach nodes. A deployment must install exactly what the
 * beacon publishes now for EVERY tier it targets (an admin cannot name a digest of their own); an
 * emergency rollback may also go back to a release the beacon published for the tier before, since
 * the beacon may still name the bad one. Nodes check again on their side (their beacon, their
 * pinned previous release); this check makes the platform refuse at the door, with both values, so
 * nothing starts that every node would refuse.
 */
@Component
public class SignedReleases {

  private final BeaconEvents beaconEvents;

  SignedReleases(BeaconEvents beaconEvents) {
    this.beaconEvents = beaconEvents;
  }

  /**
   * The digest to deploy: the one published for {@code version} in every tier.
   *
   * @param given the digest the caller named, or null/blank to take the published one
   * @throws DeploymentConflictException naming the published and the asked release per tier
   */
  String requireCurrent(String version, List<String> tiers, String given) {
    return require(version, tiers, given, false);
  }

  /** As {@link #requireCurrent}, but an earlier publication of the version in a tier counts too. */
  public String requirePublishedOnce(String version, List<String> tiers, String given) {
    return require(version, tiers, given, true);
  }

  private String require(String version, List<String> tiers, String given, boolean earlierToo) {
    Optional<ImageDigest> asked = parse(given);
    List<String> problems = new ArrayList<>();
    String digest = asked.map(ImageDigest::value).orElse(null);
    for (String tierName : tiers) {
      Tier tier = Tier.valueOf(tierName);
      Optional<BeaconEventRow> current = beaconEvents.latestPublished(tier);
      Optional<BeaconEventRow> match =
          current
              .filter(row -> row.version().equals(version))
              .or(
                  () ->
                      earlierToo
                          ? beaconEvents.latestPublicationOf(tier, version)
                          : Optional.empty())
              .filter(
                  row ->
                      asked.isEmpty() || asked.get().equals(ImageDigest.parse(row.imageDigest())));
      if (match.isEmpty()) {
        problems.add(problem(tier, current, version, asked, earlierToo));
      } else if (digest == null) {
        digest = match.get().imageDigest();
      } else if (!ImageDigest.parse(match.get().imageDigest()).value().equals(digest)) {
        problems.add(
            "tier "
                + tier
                + " publishes "
                + version
                + " as "
                + match.get().imageDigest()
                + ", another tier as "
                + digest);
      }
    }
    if (!problems.isEmpty()) {
      throw new DeploymentConflictException(
          String.join("; ", problems)
              + " — only releases the signers published for every targeted tier can be deployed;"
              + " propose the release and have it signed first");
    }
    return digest;
  }

  private static String problem(
      Tier tier,
      Optional<BeaconEventRow> current,
      String version,
      Optional<ImageDigest> asked,
      boolean earlierToo) {
    String wanted = version + asked.map(d -> " (" + d.value() + ")").orElse("");
    String published =
        current
            .map(row -> "publishes " + row.version() + " (" + row.imageDigest() + ")")
            .orElse("has published nothing");
    return "the beacon "
        + published
        + " for tier "
        + tier
        + (earlierToo ? " and never published " : ", not ")
        + wanted;
  }

  private static Optional<ImageDigest> parse(String given) {
    if (given == null || given.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ImageDigest.parse(given));
    } catch (IllegalArgumentException e) {
      throw new InvalidDeploymentException(e.getMessage());
    }
  }
}
