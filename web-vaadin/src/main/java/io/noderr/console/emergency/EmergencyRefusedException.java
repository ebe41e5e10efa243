package io.noderr.console.emergency;

/** The emergency cannot be proposed as asked (the message says why); nothing was started. */
public class EmergencyRefusedException extends RuntimeException {
  public EmergencyRefusedException(String message) {
    super(message);
  }
}
