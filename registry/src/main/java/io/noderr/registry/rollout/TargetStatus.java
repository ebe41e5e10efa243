package io.noderr.registry.rollout;

/** Where one planned node stands in its rollout. */
public enum TargetStatus {
  /** Planned, no result yet. */
  PENDING,
  UPDATED,
  /** The node already ran the version when its turn came; nothing was touched. */
  ALREADY_AT_TARGET,
  /** The new release failed its checks on the node and the node went back by itself. */
  REVERTED,
  FAILED,
  /** Put back on the previous release by the rollout's rollback. */
  ROLLED_BACK,
  /** The rollback's revert failed on the node; it may still run the rolled-out release. */
  REVERT_FAILED
}
