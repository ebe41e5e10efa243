package io.noderr.console.token;

import org.springframework.http.HttpStatus;

/** A token request refused with a message the caller can act on, and the status to answer. */
public class ApiTokenRefusedException extends RuntimeException {

  private final HttpStatus status;

  ApiTokenRefusedException(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  public HttpStatus status() {
    return status;
  }
}
