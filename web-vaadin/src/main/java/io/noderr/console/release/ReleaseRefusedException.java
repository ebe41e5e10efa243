package io.noderr.console.release;

/** A proposal, signature or withdrawal refused by the rules or the workflow; says why. */
public class ReleaseRefusedException extends RuntimeException {

  public ReleaseRefusedException(String reason) {
    super(reason);
  }
}
