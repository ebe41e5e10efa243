package io.noderr.workflows.alert;

/**
 * @param intervalMillis time between two rounds
 * @param roundsPerRun rounds before the execution continues as new (keeps its history small)
 * @param roundsBefore rounds run by earlier executions of this chain
 */
public record AlertEvaluationInput(long intervalMillis, int roundsPerRun, long roundsBefore) {

  public AlertEvaluationInput {
    if (intervalMillis < 1_000) {
      throw new IllegalArgumentException("the interval must be at least one second");
    }
    if (roundsPerRun < 1) {
      throw new IllegalArgumentException("at least one round per run");
    }
  }

  AlertEvaluationInput continued(long rounds) {
    return new AlertEvaluationInput(intervalMillis, roundsPerRun, rounds);
  }
}
