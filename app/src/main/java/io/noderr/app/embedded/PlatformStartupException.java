package io.noderr.app.embedded;

/** A start-up failure the user can fix; reported as a message and an action, no stack trace. */
public class PlatformStartupException extends IllegalStateException {

  private final String action;

  public PlatformStartupException(String message, String action) {
    super(message);
    this.action = action;
  }

  public String action() {
    return action;
  }
}
