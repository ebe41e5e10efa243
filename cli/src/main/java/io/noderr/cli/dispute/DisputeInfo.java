package io.noderr.cli.dispute;

import java.util.List;

/**
 * {@code GET /api/v1/disputes/{id}}: a slashing dispute as the platform knows it. Token amounts and
 * nonces are decimal text; addresses lowercase; fields a stage does not know yet are null (or 0).
 *
 * @param slashDigest the current round's Slash action digest (0x-hex): what a SLASH vote signs
 * @param roundDeadline the Slash action's deadline, unix seconds
 */
public record DisputeInfo(
    String disputeId,
    String nodeId,
    String cause,
    String evidence,
    String openedBy,
    String stage,
    String operator,
    String penalty,
    int penaltyBp,
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
