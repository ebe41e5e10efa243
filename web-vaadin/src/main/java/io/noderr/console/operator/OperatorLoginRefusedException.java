package io.noderr.console.operator;

import org.springframework.http.HttpStatus;

/** An operator login request refused with a message the admin can act on, and its status. */
public class OperatorLoginRefusedException extends RuntimeException {

  private final HttpStatus status;

  OperatorLoginRefusedException(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  public HttpStatus status() {
    return status;
  }
}
