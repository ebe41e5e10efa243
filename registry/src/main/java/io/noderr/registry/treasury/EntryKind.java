package io.noderr.registry.treasury;

/** What a journal entry records, from the token transfer and its transaction's companion events. */
public enum EntryKind {
  /** A fee paid into the FeeCollector, by {@code payFee} or a plain transfer. */
  FEE_IN,
  /** One recipient's share of a FeeCollector {@code sweep}. */
  FEES_SWEPT,
  /** The rewards treasury funding a published reward epoch. */
  REWARDS_FUNDED,
  /** An operator's reward claim. */
  REWARD_CLAIMED,
  /** An epoch's unclaimed rest going back to the governance treasury after its deadline. */
  CLAWBACK,
  /** A cancelled epoch's total going back to the governance treasury. */
  ROOT_CANCELLED_REFUND,
  /** Slashed stake arriving in the governance treasury. */
  SLASHED_IN,
  /** The governance treasury paying out (an executed proposal). */
  SPEND,
  /** Tokens minted into a holder. */
  MINT,
  /** Tokens burnt by a holder. */
  BURN,
  /** Tokens from an untracked address into a holder, with no event saying why. */
  TRANSFER_IN,
  /** Tokens from a holder (other than the governance treasury) to an untracked address. */
  TRANSFER_OUT,
  /** Tokens between two holders, with no event saying why. */
  TRANSFER
}
