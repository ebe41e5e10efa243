package io.noderr.agent.release;

/** The beacon could not be read just now (endpoint down, malformed answer); worth retrying. */
public class BeaconUnreadableException extends RuntimeException {
  public BeaconUnreadableException(String message) {
    super(message);
  }
}
