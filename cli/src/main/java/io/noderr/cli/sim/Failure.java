package io.noderr.cli.sim;

/** Failure modes a simulated node can be given. */
public enum Failure {
  /** Behaves well. */
  NONE,
  /** Answers, but its node software fails every health probe. */
  UNHEALTHY,
  /** Answers every activity late (see {@link FailurePlan#slowDelayMillis()}). */
  SLOW,
  /** Dies when handed an activity: stops polling and heartbeating, restarts later. */
  CRASH,
  /** Never answers: no polling, no heartbeats. */
  SILENT
}
