package io.noderr.console.onboarding;

public class ApplicationNotFoundException extends RuntimeException {

  public ApplicationNotFoundException(String applicationId) {
    super("no application " + applicationId);
  }
}
