package io.noderr.console.alert;

/** No such alert or silence (404). */
public class AlertNotFoundException extends RuntimeException {

  public AlertNotFoundException(String what) {
    super(what + " not found");
  }
}
