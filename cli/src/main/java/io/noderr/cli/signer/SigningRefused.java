package io.noderr.cli.signer;

/** The signer CLI will not sign this request; the message says why in one line. */
public class SigningRefused extends RuntimeException {
  public SigningRefused(String message) {
    super(message);
  }
}
