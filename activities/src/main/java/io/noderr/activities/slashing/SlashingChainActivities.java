package io.noderr.activities.slashing;

import io.temporal.activity.ActivityInterface;

/** Executes a decided slashing on the staking contract through the multisig. */
// Prefixed: the platform worker also runs RolloutActivities.recordProgress and others of the
// same method names, and activity types are named after methods.
@ActivityInterface(namePrefix = "Slashing")
public interface SlashingChainActivities {

  /** Signatures over another nonce would be refused; the workflow checks before it sends. */
  MultisigNonce multisigNonce(NonceQuery query);

  /**
   * Idempotent per dispute: a retry that finds the slashing executed returns it. Refusals are final
   * ({@link SlashingFailures#SLASH_REFUSED}).
   */
  SlashExecuted slash(SlashRequest request);
}
