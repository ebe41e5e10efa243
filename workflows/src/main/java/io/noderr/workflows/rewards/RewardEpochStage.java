package io.noderr.workflows.rewards;

/** Where an epoch is; the last five end the run. */
public enum RewardEpochStage {
  /** Waiting for the epoch's end. */
  OPEN,
  /** Sweeping fees, gathering inputs, computing payouts. */
  COMPUTING,
  AWAITING_SIGNATURES,
  PUBLISHING,
  /** On chain, in the pending delay during which signers may still cancel the root. */
  PENDING,
  CLAIMABLE,
  /** No node counted, or the pool was empty: everything carried to the next epoch. */
  NOTHING_TO_PAY,
  /** Signers cancelled the root in its pending delay: the pool is carried to the next epoch. */
  CANCELLED,
  /** The signing window closed below the threshold: the pool is carried to the next epoch. */
  EXPIRED,
  /** The chain refused in a way retrying cannot fix; the reason says which. */
  FAILED
}
