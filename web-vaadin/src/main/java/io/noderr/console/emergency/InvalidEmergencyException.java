package io.noderr.console.emergency;

/** The proposal is malformed (the message names the field); nothing was started. */
public class InvalidEmergencyException extends RuntimeException {
  public InvalidEmergencyException(String message) {
    super(message);
  }
}
