package io.noderr.registry.workflow;

/** What the platform last knew of a workflow it started. */
public enum WorkflowRunStatus {
  RUNNING,
  COMPLETED,
  FAILED,
  /** The Temporal server no longer knows it (an embedded server keeps nothing across restarts). */
  LOST
}
