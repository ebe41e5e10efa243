package io.noderr.console.rollout;

/**
 * The deployment exists but its workflow could not answer right now (its worker is busy, restarting
 * or replaying); asking again shortly usually works. Not the caller's mistake, not a platform bug.
 */
public class DeploymentUnavailableException extends RuntimeException {

  public DeploymentUnavailableException(String id) {
    super(
        "the state of "
            + id
            + " cannot be read right now (its workflow is busy or recovering); try again shortly");
  }
}
