package io.noderr.console.slashing;

/** No such dispute, or not the caller's to see (404; the same answer either way). */
public class DisputeNotFoundException extends RuntimeException {

  public DisputeNotFoundException(String disputeId) {
    super("no slashing dispute " + disputeId);
  }
}
