package io.noderr.workflows.rewards;

import io.noderr.activities.rewards.EpochComputation;
import io.noderr.activities.rewards.GatheredInputs;
import java.util.List;

/**
 * An epoch as its workflow knows it (the {@code getState} query); the Rewards view reads the same
 * from the read model once the run has continued.
 *
 * @param digest the EIP-712 digest signers sign, 0x-hex; null before the root is known
 * @param signingDeadline unix seconds; the typed data's deadline
 * @param carriedIn token units carried into this epoch from the previous one
 * @param claimableAt unix seconds when the pending delay ends; 0 before publication
 */
public record RewardEpochState(
    long epoch,
    RewardEpochStage stage,
    long startMillis,
    long endMillis,
    String carriedIn,
    GatheredInputs inputs,
    EpochComputation computation,
    long chainId,
    String multisig,
    String distributor,
    String nonce,
    String digest,
    long signingDeadline,
    List<String> signers,
    int threshold,
    List<String> signed,
    String transactionHash,
    long claimableAt,
    String reason) {}
