package io.noderr.console.emergency;

/** No emergency has this id. */
public class EmergencyNotFoundException extends RuntimeException {
  public EmergencyNotFoundException(String id) {
    super("no emergency " + id);
  }
}
