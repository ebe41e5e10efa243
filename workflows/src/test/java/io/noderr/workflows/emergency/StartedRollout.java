package io.noderr.workflows.emergency;

import io.noderr.workflows.rollout.OperatorCommand;
import io.noderr.workflows.rollout.RolloutInput;
import io.noderr.workflows.rollout.RolloutResult;
import io.noderr.workflows.rollout.RolloutState;
import io.noderr.workflows.rollout.RolloutWorkflow;

/** Stands in for the rollback rollout an emergency starts: it starts, and ends at once. */
public class StartedRollout implements RolloutWorkflow {

  @Override
  public RolloutResult run(RolloutInput input) {
    return null;
  }

  @Override
  public RolloutState pause(OperatorCommand command) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validatePause(OperatorCommand command) {}

  @Override
  public RolloutState resume(OperatorCommand command) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validateResume(OperatorCommand command) {}

  @Override
  public RolloutState promote(OperatorCommand command) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validatePromote(OperatorCommand command) {}

  @Override
  public RolloutState abort(OperatorCommand command) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validateAbort(OperatorCommand command) {}

  @Override
  public RolloutState retry(OperatorCommand command) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validateRetry(OperatorCommand command) {}

  @Override
  public RolloutState rollback(OperatorCommand command) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validateRollback(OperatorCommand command) {}

  @Override
  public RolloutState getState() {
    throw new UnsupportedOperationException();
  }
}
