package io.noderr.registry.rewards;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * One step of an epoch's workflow for the read model. Values the step does not know yet (null)
 * leave what is stored untouched.
 *
 * @param step the workflow's number for the step, from 1
 * @param endAt null while the epoch's length is not known
 * @param pool null before the inputs are gathered
 * @param result null before the payouts are computed
 */
public record RewardEpochStep(
    long epoch,
    int step,
    Instant startAt,
    Instant endAt,
    String stage,
    BigInteger pool,
    String inputsDigest,
    RewardResult result,
    List<String> signers,
    String transactionHash,
    String reason) {

  public RewardEpochStep {
    signers = List.copyOf(signers);
  }
}
