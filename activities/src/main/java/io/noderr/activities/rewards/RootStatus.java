package io.noderr.activities.rewards;

/** One epoch's root as the distributor holds it now. */
public record RootStatus(long epoch, State state, String root, String claimed) {

  public enum State {
    /** Never published, or published and cancelled then not again. */
    UNKNOWN,
    /** Published, within its pending delay: signers may still cancel it. */
    PENDING,
    CANCELLED,
    CLAIMABLE,
    /** Past its claim deadline. */
    EXPIRED
  }
}
