package io.noderr.activities.node;

/**
 * How one node's update (or revert) ended.
 *
 * @param failure why it failed, or null when it did not
 * @param detail one line for people (the error, the probe that failed)
 * @param runningVersion what runs on the node now
 * @param millis how long the node worked on it
 */
public record NodeUpdateResult(
    String nodeId,
    Outcome outcome,
    FailureType failure,
    String detail,
    String runningVersion,
    long millis) {

  public enum Outcome {
    UPDATED,
    /** The node already ran the target; nothing was touched. */
    ALREADY_AT_TARGET,
    /** The new release failed its checks and the node is back on the previous one. */
    REVERTED,
    /** The revert path ended on the previous release (rollbacks). */
    ROLLED_BACK,
    FAILED
  }

  /** Failure classes the rollout's gates count separately. */
  public enum FailureType {
    DIGEST_MISMATCH,
    IMAGE_UNAVAILABLE,
    PREFLIGHT_FAILED,
    START_FAILED,
    UNHEALTHY,
    LOCKED,
    NOTHING_TO_REVERT,
    /** The node did not finish (or never picked the update up) within the per-node deadline. */
    TIMEOUT
  }
}
