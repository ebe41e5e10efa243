package io.noderr.workflows.rollout;

/** Where a rollout is. The last five are final. */
public enum RolloutStatus {
  PLANNING,
  /**
   * Never set by the workflow: the read model's word for a rollout the embedded platform is
   * starting again from its checkpoint after a restart, until the workflow records its first step.
   */
  RESUMING,
  RUNNING,
  /** Paused by an operator; resume continues. */
  PAUSED,
  /** A step's timed pause or manual gate; promote skips it. */
  WAITING,
  /** A gate failed and the strategy says pause; resume (accepting) or abort (rolling back). */
  GATE_FAILED,
  ROLLING_BACK,
  /** Every node done; a fast rollback is possible until the rollback window closes. */
  COMPLETED,
  SUCCEEDED,
  ROLLED_BACK,
  ABORTED,
  FAILED,
  /**
   * Never set by the workflow: the console's word for a rollout Temporal no longer knows (the
   * embedded server restarted) that the read model shows unfinished and nobody is starting again.
   */
  LOST;

  public boolean isFinal() {
    return ordinal() >= SUCCEEDED.ordinal();
  }
}
