package io.noderr.agent.platform;

/** The platform refused a request or could not be reached; the message is one readable line. */
public class PlatformException extends RuntimeException {
  public PlatformException(String message) {
    super(message);
  }
}
