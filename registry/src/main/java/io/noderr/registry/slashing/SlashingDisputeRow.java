package io.noderr.registry.slashing;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * A slashing dispute as its read model holds it.
 *
 * @param operatorAddress lowercase; null when the node has no operator address
 * @param penalty token units; null until the terms were read
 * @param penaltyBp basis points of the stake; null until the terms were read
 * @param votes the current round's, each "address:SLASH" or "address:DISMISS"
 */
public record SlashingDisputeRow(
    String id,
    String nodeId,
    String operatorAddress,
    String cause,
    String evidence,
    String openedBy,
    Instant openedAt,
    String stage,
    BigInteger penalty,
    Integer penaltyBp,
    Instant answerDeadline,
    String answer,
    String appeal,
    List<String> votes,
    String transactionHash,
    String reason,
    int recordedSteps,
    Instant updatedAt) {

  public SlashingDisputeRow {
    votes = List.copyOf(votes);
  }
}
