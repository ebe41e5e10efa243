package io.noderr.agent.platform;

/** The platform refused a request or could not be reached; the message is one readable line. */
public class PlatformException extends RuntimeException {

  private final int status;

  public PlatformException(String message) {
    this(message, 0);
  }

  public PlatformException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** The HTTP status of the refusal, or 0 when the platform did not answer. */
  public int status() {
    return status;
  }
}
