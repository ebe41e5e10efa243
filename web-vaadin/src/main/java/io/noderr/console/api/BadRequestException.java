package io.noderr.console.api;

/** A caller's mistake; answered with 400 and this message. */
class BadRequestException extends RuntimeException {
  BadRequestException(String message) {
    super(message);
  }
}
