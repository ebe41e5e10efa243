package io.noderr.contracts.devchain;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

/**
 * What a governance deployment starts with. Every value here is governable afterwards: the
 * governor's settings, quorums and tier delays through its onlyGovernance setters, the parameters
 * through NoderrParameters. Quorums and delays are indexed by risk tier: PARAMETER, TREASURY,
 * CONTRACT.
 *
 * @param timelockMinDelay the timelock's own minimum delay: no tier may be faster
 * @param proposalThreshold stake (token units) a proposer needs at the moment it proposes
 * @param quorumPercents per tier, percent of the total stake that must vote For or Abstain
 * @param tierDelays per tier, time between queueing and execution
 */
public record GovernanceSettings(
    Duration votingDelay,
    Duration votingPeriod,
    BigInteger proposalThreshold,
    List<Integer> quorumPercents,
    List<Duration> tierDelays,
    Duration timelockMinDelay,
    List<ParameterDefinition> parameters) {

  /** One token (NODR has 18 decimals). */
  public static final BigInteger NODR = BigInteger.TEN.pow(18);

  public static final int TIERS = 3;

  public GovernanceSettings {
    quorumPercents = List.copyOf(quorumPercents);
    tierDelays = List.copyOf(tierDelays);
    parameters = List.copyOf(parameters);
    if (quorumPercents.size() != TIERS || tierDelays.size() != TIERS) {
      throw new IllegalArgumentException("quorums and delays are needed for each of the 3 tiers");
    }
    for (Duration delay : tierDelays) {
      if (delay.compareTo(timelockMinDelay) < 0) {
        throw new IllegalArgumentException(
            "a tier delay (" + delay + ") below the timelock's minimum " + timelockMinDelay);
      }
    }
  }

  /**
   * The dev chain's: short windows so a demo runs in minutes (vote after 1 minute for 10 minutes;
   * parameter changes wait 2 minutes, treasury spends 10, contract changes 30), quorums rising with
   * the risk (10 %, 20 %, 33 %), 1,000 NODR to propose.
   */
  public static GovernanceSettings devDefaults() {
    return new GovernanceSettings(
        Duration.ofMinutes(1),
        Duration.ofMinutes(10),
        nodr(1_000),
        List.of(10, 20, 33),
        List.of(Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30)),
        Duration.ofMinutes(2),
        defaultParameters(Duration.ofHours(1)));
  }

  /**
   * The parameters every deployment defines: the tier minimum stakes and the unbonding delay the
   * staking contract reads, the rollout and fee parameters the platform applies, and the reward
   * epochs' and slashing disputes' parameters.
   */
  public static List<ParameterDefinition> defaultParameters(Duration unbonding) {
    BigInteger maxStake = nodr(10_000_000);
    return List.of(
        new ParameterDefinition("stake.minimum.all", BigInteger.ZERO, maxStake, nodr(1_000)),
        new ParameterDefinition("stake.minimum.oracle", BigInteger.ZERO, maxStake, nodr(5_000)),
        new ParameterDefinition("stake.minimum.guardian", BigInteger.ZERO, maxStake, nodr(10_000)),
        new ParameterDefinition(
            "stake.unbondingSeconds",
            BigInteger.valueOf(60),
            BigInteger.valueOf(Duration.ofDays(60).toSeconds()),
            BigInteger.valueOf(unbonding.toSeconds())),
        new ParameterDefinition(
            "rollout.canaryPercent", BigInteger.ONE, BigInteger.valueOf(50), BigInteger.valueOf(5)),
        new ParameterDefinition(
            "rollout.autoDeploy", BigInteger.ZERO, BigInteger.ONE, BigInteger.ZERO),
        new ParameterDefinition(
            "fees.protocolFeeBps",
            BigInteger.ZERO,
            BigInteger.valueOf(2_000),
            BigInteger.valueOf(500)),
        // Reward epochs (docs/economics.md): seconds long on a dev chain so a demo pays out while
        // one watches; the platform's own defaults (noderr.rewards.*) are a day.
        seconds("rewards.epochSeconds", Duration.ofSeconds(10), Duration.ofDays(30), 30),
        new ParameterDefinition(
            "rewards.emissionPerEpoch", BigInteger.ZERO, nodr(1_000_000), nodr(1_000)),
        basisPoints("rewards.performanceShareBp", 8_000),
        basisPoints("rewards.minimumUptimeBp", 5_000),
        new ParameterDefinition("rewards.stakeCap", BigInteger.ONE, maxStake, nodr(100_000)),
        multiplier("rewards.tierMultiplierBp.all", 10_000),
        multiplier("rewards.tierMultiplierBp.oracle", 15_000),
        multiplier("rewards.tierMultiplierBp.guardian", 20_000),
        // Slashing disputes (docs/economics.md): short windows so a demo dispute ends in minutes.
        seconds("slashing.challengeWindowSeconds", Duration.ofMinutes(1), Duration.ofDays(30), 120),
        seconds("slashing.decisionWindowSeconds", Duration.ofMinutes(1), Duration.ofDays(30), 600),
        seconds("slashing.appealWindowSeconds", Duration.ofSeconds(10), Duration.ofDays(30), 30),
        seconds(
            "slashing.correlationWindowSeconds", Duration.ofMinutes(1), Duration.ofDays(30), 3_600),
        seconds(
            "slashing.downtimeThresholdSeconds", Duration.ofMinutes(1), Duration.ofDays(30), 600),
        basisPoints("slashing.minimumPenaltyBp", 100),
        basisPoints("slashing.maximumPenaltyBp", 5_000));
  }

  private static ParameterDefinition seconds(String name, Duration min, Duration max, long value) {
    return new ParameterDefinition(
        name,
        BigInteger.valueOf(min.toSeconds()),
        BigInteger.valueOf(max.toSeconds()),
        BigInteger.valueOf(value));
  }

  private static ParameterDefinition basisPoints(String name, int value) {
    return new ParameterDefinition(
        name, BigInteger.ZERO, BigInteger.valueOf(10_000), BigInteger.valueOf(value));
  }

  /** Up to 10x: one tier must not swallow the pool through a bad parameter. */
  private static ParameterDefinition multiplier(String name, int value) {
    return new ParameterDefinition(
        name, BigInteger.ONE, BigInteger.valueOf(100_000), BigInteger.valueOf(value));
  }

  public static BigInteger nodr(long tokens) {
    return BigInteger.valueOf(tokens).multiply(NODR);
  }
}
