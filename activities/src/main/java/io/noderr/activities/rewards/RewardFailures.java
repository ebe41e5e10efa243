package io.noderr.activities.rewards;

/** ApplicationFailure types of the reward activities; each is final (not retried). */
public final class RewardFailures {

  /** No reward distributor is configured (no chain, or governance off); the message says why. */
  public static final String NOT_CONFIGURED = "RewardsNotConfigured";

  /** The multisig or the distributor refused the root; the message is the contract's reason. */
  public static final String PUBLISH_REFUSED = "RewardRootRefused";

  /** The stored inputs of an epoch are missing or were computed with another formula. */
  public static final String INPUTS_INVALID = "RewardInputsInvalid";

  private RewardFailures() {}
}
