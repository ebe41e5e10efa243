package io.noderr.agent.release;

import io.noderr.activities.release.BeaconTier;
import io.noderr.agent.platform.BeaconAnswer;
import io.noderr.agent.platform.PlatformClient;
import io.noderr.agent.platform.PlatformException;
import io.noderr.signing.ImageDigest;
import java.util.Optional;

/**
 * The beacon as the platform reports it: for nodes without an RPC endpoint of their own. Weaker
 * than reading the chain (it trusts the platform to relay the beacon faithfully), but it still
 * catches a rollout that asks for another image than the one published.
 */
public final class PlatformBeaconSource implements BeaconSource {

  private final PlatformClient platform;

  public PlatformBeaconSource(PlatformClient platform) {
    this.platform = platform;
  }

  @Override
  public String name() {
    return "PLATFORM";
  }

  @Override
  public Optional<BeaconRelease> current(BeaconTier tier) {
    Optional<BeaconAnswer> answer;
    try {
      answer = platform.beacon(tier.name());
    } catch (PlatformException e) {
      throw new BeaconUnreadableException("the platform's beacon: " + e.getMessage());
    }
    return answer.map(PlatformBeaconSource::release);
  }

  private static BeaconRelease release(BeaconAnswer answer) {
    try {
      return new BeaconRelease(answer.version(), ImageDigest.parse(answer.imageDigest()));
    } catch (IllegalArgumentException e) {
      throw new BeaconUnreadableException(
          "the platform's beacon answer is malformed: " + e.getMessage());
    }
  }
}
