package io.noderr.workflows.slashing;

import io.noderr.activities.slashing.SlashingCause;
import java.util.List;

/**
 * A dispute as its workflow knows it (the {@code getState} query).
 *
 * @param slashDigest the EIP-712 digest of the current round's Slash action, 0x-hex: what a SLASH
 *     vote signs, and what a DISMISS vote's DismissSlash refers to
 * @param roundDeadline unix seconds; the Slash action's deadline
 * @param needed SLASH signatures the round needs (the threshold; every signer after an appeal)
 * @param slashVotes signers who voted SLASH this round; dismissVotes likewise
 */
public record DisputeState(
    String disputeId,
    String nodeId,
    SlashingCause cause,
    String evidence,
    String openedBy,
    DisputeStage stage,
    String operator,
    String stake,
    int penaltyBp,
    String penalty,
    long answerDeadlineMillis,
    String answer,
    String appeal,
    long appealDeadlineMillis,
    long chainId,
    String multisig,
    String staking,
    String nonce,
    String slashDigest,
    long roundDeadline,
    List<String> signers,
    int needed,
    List<String> slashVotes,
    List<String> dismissVotes,
    String transactionHash,
    String reason) {}
