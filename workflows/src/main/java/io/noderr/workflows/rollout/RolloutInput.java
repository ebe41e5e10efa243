package io.noderr.workflows.rollout;

import java.util.List;

/**
 * What to roll out, where, and how.
 *
 * @param tiers the tiers whose nodes are targeted (ALL, ORACLE, GUARDIAN)
 * @param image the image reference nodes run (e.g. {@code noderr/node:1.5.0})
 * @param imageDigest {@code sha256:<hex>}; each node checks it against its beacon before installing
 * @param reason why (required for emergency rollbacks; goes to the audit log), may be null
 * @param batchesPerRun batches one execution runs before it continues as new, keeping every history
 *     small whatever the fleet size (0: {@value #DEFAULT_BATCHES_PER_RUN})
 * @param checkpoint where the previous execution stopped; null for a new rollout
 */
public record RolloutInput(
    String version,
    List<String> tiers,
    String image,
    String imageDigest,
    RolloutStrategy strategy,
    String requestedBy,
    String reason,
    int batchesPerRun,
    RolloutCheckpoint checkpoint) {

  /** 40 batches of 500: 20,000 nodes, about 600 history events per execution. */
  public static final int DEFAULT_BATCHES_PER_RUN = 40;

  public RolloutInput {
    tiers = List.copyOf(tiers);
    if (batchesPerRun < 0) {
      throw new IllegalArgumentException("batchesPerRun must not be negative");
    }
  }

  /** A new rollout, with the default execution size. */
  public RolloutInput(
      String version,
      List<String> tiers,
      String image,
      String imageDigest,
      RolloutStrategy strategy,
      String requestedBy,
      String reason) {
    this(version, tiers, image, imageDigest, strategy, requestedBy, reason, 0, null);
  }

  /** The image reference of a version when nobody names another: {@code noderr/node:<version>}. */
  public static String defaultImage(String version) {
    return "noderr/node:" + version;
  }

  /** The same rollout, continued from {@code at}. */
  RolloutInput continuedFrom(RolloutCheckpoint at) {
    return new RolloutInput(
        version, tiers, image, imageDigest, strategy, requestedBy, reason, batchesPerRun, at);
  }

  /**
   * The same rollout, to be started again after a platform restart from its checkpoint (see {@link
   * RolloutCheckpoint#restartedAfter}).
   *
   * @throws IllegalStateException when there is no checkpoint to start from
   */
  public RolloutInput restarted(int recordedSteps) {
    if (checkpoint == null) {
      throw new IllegalStateException("a rollout with no checkpoint cannot be started again");
    }
    return continuedFrom(checkpoint.restartedAfter(recordedSteps));
  }

  int effectiveBatchesPerRun() {
    return batchesPerRun == 0 ? DEFAULT_BATCHES_PER_RUN : batchesPerRun;
  }
}
