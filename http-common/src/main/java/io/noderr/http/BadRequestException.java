package io.noderr.http;

/** A caller's mistake; answered with 400 and this message. */
public class BadRequestException extends RuntimeException {
  public BadRequestException(String message) {
    super(message);
  }
}
