package io.noderr.console.rollout;

public class DeploymentNotFoundException extends RuntimeException {

  public DeploymentNotFoundException(String id) {
    super("no deployment " + id);
  }
}
