package io.noderr.console.release;

/** A proposal with a malformed field (400); the message names it. */
public class InvalidReleaseException extends RuntimeException {

  public InvalidReleaseException(String reason) {
    super(reason);
  }
}
