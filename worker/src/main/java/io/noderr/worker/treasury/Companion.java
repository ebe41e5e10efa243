package io.noderr.worker.treasury;

/**
 * An economics event in the same transaction as a token transfer, saying why the tokens moved: the
 * RewardDistributor's, the FeeCollector's and the staking contract's.
 */
sealed interface Companion {

  /** The multisig published and funded a reward epoch. */
  record RootPublished(long epoch) implements Companion {}

  /** An operator claimed its reward of an epoch. */
  record Claimed(long epoch, String account) implements Companion {}

  /** An epoch's unclaimed rest went back to the treasury. */
  record ClawedBack(long epoch) implements Companion {}

  /** A pending epoch was cancelled and its total refunded to the treasury. */
  record RootCancelled(long epoch) implements Companion {}

  /** Someone paid a fee through {@code payFee}. */
  record FeeReceived(String payer) implements Companion {}

  /** The FeeCollector's balance was split among its recipients. */
  record FeesSwept() implements Companion {}

  /** An operator's stake was slashed; the tokens go to the staking contract's owner. */
  record Slashed(String operator) implements Companion {}
}
