package io.noderr.console.rollout;

/** A deployment that cannot start now (the same one is running); 409. */
public class DeploymentConflictException extends RuntimeException {

  public DeploymentConflictException(String reason) {
    super(reason);
  }
}
