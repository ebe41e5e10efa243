package io.noderr.console.rollout;

/** A deployment request with a malformed field or an unusable strategy (400); says which. */
public class InvalidDeploymentException extends RuntimeException {

  public InvalidDeploymentException(String reason) {
    super(reason);
  }
}
