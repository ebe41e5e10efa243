package io.noderr.console.alert;

/** The alert or silence is no longer in a state that allows it (409): resolved, expired. */
public class AlertConflictException extends RuntimeException {

  public AlertConflictException(String reason) {
    super(reason);
  }
}
