package io.noderr.registry.slashing;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * A dispute as of one workflow step. The opening fields let the step create the row when the
 * dispute ended before its terms were read (nothing to slash).
 *
 * @param penalty token units; null while unknown (kept as stored)
 * @param answerDeadline null while unknown (kept as stored)
 * @param step the workflow's step number, from 1
 */
public record DisputeStep(
    String id,
    String nodeId,
    String cause,
    String evidence,
    String openedBy,
    String stage,
    String operatorAddress,
    BigInteger penalty,
    Instant answerDeadline,
    String answer,
    String appeal,
    List<String> votes,
    String transactionHash,
    String reason,
    int step) {

  public DisputeStep {
    votes = List.copyOf(votes);
  }
}
