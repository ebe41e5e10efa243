package io.noderr.gateway.governance;

import org.springframework.http.HttpStatus;

/** A node's proposal refused: 403 (not its operator's), 409 (off, submitted already). */
public class NodeProposalRefusedException extends RuntimeException {

  private final HttpStatus status;

  NodeProposalRefusedException(HttpStatus status, String reason) {
    super(reason);
    this.status = status;
  }

  public HttpStatus status() {
    return status;
  }
}
