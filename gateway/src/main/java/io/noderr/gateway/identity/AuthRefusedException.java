package io.noderr.gateway.identity;

/**
 * The auth API refused a request. The message is safe to show the caller (it never contains a
 * secret) and is what the audit log records.
 */
public class AuthRefusedException extends RuntimeException {

  /** How the refusal maps to HTTP. */
  public enum Kind {
    /** The request is malformed (400). */
    MALFORMED,
    /** The credential, nonce or proof is not good (401). */
    UNAUTHENTICATED,
    /** The caller is known but not allowed (403): quarantined node, policy. */
    FORBIDDEN,
    /** The application's state refuses it (409): token already used, expired, replaced. */
    CONFLICT
  }

  private final Kind kind;

  public AuthRefusedException(Kind kind, String reason) {
    super(reason);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
