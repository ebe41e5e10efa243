package io.noderr.registry.rewards;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An epoch as the Rewards view and {@code noderr claim} read it; columns the epoch has not reached
 * yet are null.
 *
 * @param stage the workflow's stage name (RewardEpochStage)
 * @param parameters the formula parameters by governed name; empty before gathering
 * @param signers who signed the root so far, lowercase
 * @param recordedSteps the last workflow step written
 */
public record RewardEpochRow(
    long epoch,
    Instant startAt,
    Instant endAt,
    Integer formulaVersion,
    String stage,
    BigInteger emission,
    BigInteger fees,
    BigInteger carried,
    BigInteger pool,
    BigInteger paid,
    BigInteger remainder,
    Integer recipients,
    String root,
    String inputsDigest,
    String payoutsDigest,
    Map<String, String> parameters,
    String snapshot,
    String transactionHash,
    List<String> signers,
    String reason,
    int recordedSteps,
    Instant updatedAt) {

  /** True once the payouts are stored. */
  public boolean computed() {
    return payoutsDigest != null;
  }
}
