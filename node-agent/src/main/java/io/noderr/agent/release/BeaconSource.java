package io.noderr.agent.release;

import io.noderr.activities.release.BeaconTier;
import java.util.Optional;

/** Where a node reads the release its beacon holds for a tier. */
public interface BeaconSource extends AutoCloseable {

  /** {@code CHAIN} or {@code PLATFORM}: reported with every verified release. */
  String name();

  /**
   * The tier's current release, or empty when nothing was ever published for it.
   *
   * @throws BeaconUnreadableException when the source cannot be read now
   */
  Optional<BeaconRelease> current(BeaconTier tier);

  /**
   * The tier's current release read now, past any cache: asked before a node refuses a release,
   * since a publication may be newer than a cached answer.
   *
   * @throws BeaconUnreadableException when the source cannot be read now
   */
  default Optional<BeaconRelease> latest(BeaconTier tier) {
    return current(tier);
  }

  @Override
  default void close() {}
}
