package io.noderr.activities.slashing;

/** ApplicationFailure types of the slashing activities; each is final (not retried). */
public final class SlashingFailures {

  /** The staking contract or the multisig refused; the message is the contract's reason. */
  public static final String SLASH_REFUSED = "SlashRefused";

  /**
   * Nothing to slash against: no chain, no staking contract, or the node has no operator address.
   */
  public static final String NOT_SLASHABLE = "NotSlashable";

  private SlashingFailures() {}
}
