package io.noderr.worker.rewards;

import static io.noderr.worker.rewards.RewardParameterNames.DEFAULT_EMISSION_PER_EPOCH;
import static io.noderr.worker.rewards.RewardParameterNames.DEFAULT_EPOCH_SECONDS;
import static io.noderr.worker.rewards.RewardParameterNames.DEFAULT_MINIMUM_UPTIME_BP;
import static io.noderr.worker.rewards.RewardParameterNames.DEFAULT_PERFORMANCE_SHARE_BP;
import static io.noderr.worker.rewards.RewardParameterNames.DEFAULT_STAKE_CAP;
import static io.noderr.worker.rewards.RewardParameterNames.DEFAULT_TIER_MULTIPLIER_BP_ALL;
import static io.noderr.worker.rewards.RewardParameterNames.DEFAULT_TIER_MULTIPLIER_BP_GUARDIAN;
import static io.noderr.worker.rewards.RewardParameterNames.DEFAULT_TIER_MULTIPLIER_BP_ORACLE;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reward epochs ({@code noderr.rewards.*}): the values an epoch uses while the chain's parameter
 * registry does not define them (no chain, or governance never set them). Governed values always
 * win; see {@link RewardParameterNames}.
 *
 * @param epoch an epoch's length ({@code rewards.epochSeconds})
 * @param emissionPerEpoch token units added to each epoch's pool ({@code rewards.emissionPerEpoch})
 * @param reportInterval how often agents send telemetry: the slot uptime is counted in; the agent's
 *     default ({@code --telemetry-interval 10})
 * @param performanceShareBp {@code rewards.performanceShareBp}
 * @param minimumUptimeBp {@code rewards.minimumUptimeBp}
 * @param stakeCap {@code rewards.stakeCap}, token units
 * @param tierMultiplierAllBp {@code rewards.tierMultiplierBp.all}
 * @param tierMultiplierOracleBp {@code rewards.tierMultiplierBp.oracle}
 * @param tierMultiplierGuardianBp {@code rewards.tierMultiplierBp.guardian}
 */
@Validated
@ConfigurationProperties("noderr.rewards")
public record RewardProperties(
    @NotNull @DurationMin(seconds = 1) @DefaultValue(DEFAULT_EPOCH_SECONDS + "s") Duration epoch,
    @NotNull @Min(0) @DefaultValue(DEFAULT_EMISSION_PER_EPOCH) BigInteger emissionPerEpoch,
    @NotNull @DurationMin(seconds = 1) @DefaultValue("10s") Duration reportInterval,
    @Min(0) @Max(10_000) @DefaultValue(DEFAULT_PERFORMANCE_SHARE_BP) int performanceShareBp,
    @Min(0) @Max(10_000) @DefaultValue(DEFAULT_MINIMUM_UPTIME_BP) int minimumUptimeBp,
    @NotNull @Min(1) @DefaultValue(DEFAULT_STAKE_CAP) BigInteger stakeCap,
    @Min(1) @Max(100_000) @DefaultValue(DEFAULT_TIER_MULTIPLIER_BP_ALL) int tierMultiplierAllBp,
    @Min(1) @Max(100_000) @DefaultValue(DEFAULT_TIER_MULTIPLIER_BP_ORACLE)
        int tierMultiplierOracleBp,
    @Min(1) @Max(100_000) @DefaultValue(DEFAULT_TIER_MULTIPLIER_BP_GUARDIAN)
        int tierMultiplierGuardianBp) {

  /** The value each governed name takes without the chain, in token units or basis points. */
  Map<String, BigInteger> fallbacks() {
    return Map.of(
        RewardParameterNames.EPOCH_SECONDS, BigInteger.valueOf(epoch.toSeconds()),
        RewardParameterNames.EMISSION_PER_EPOCH, emissionPerEpoch,
        RewardParameterNames.PERFORMANCE_SHARE_BP, BigInteger.valueOf(performanceShareBp),
        RewardParameterNames.MINIMUM_UPTIME_BP, BigInteger.valueOf(minimumUptimeBp),
        RewardParameterNames.STAKE_CAP, stakeCap,
        RewardParameterNames.TIER_MULTIPLIER_BP_ALL, BigInteger.valueOf(tierMultiplierAllBp),
        RewardParameterNames.TIER_MULTIPLIER_BP_ORACLE, BigInteger.valueOf(tierMultiplierOracleBp),
        RewardParameterNames.TIER_MULTIPLIER_BP_GUARDIAN,
            BigInteger.valueOf(tierMultiplierGuardianBp));
  }
}
