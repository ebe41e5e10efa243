package io.noderr.worker.slashing;

import static io.noderr.worker.slashing.SlashingParameterNames.DEFAULT_APPEAL_WINDOW_SECONDS;
import static io.noderr.worker.slashing.SlashingParameterNames.DEFAULT_CHALLENGE_WINDOW_SECONDS;
import static io.noderr.worker.slashing.SlashingParameterNames.DEFAULT_CORRELATION_WINDOW_SECONDS;
import static io.noderr.worker.slashing.SlashingParameterNames.DEFAULT_DECISION_WINDOW_SECONDS;
import static io.noderr.worker.slashing.SlashingParameterNames.DEFAULT_DOWNTIME_THRESHOLD_SECONDS;
import static io.noderr.worker.slashing.SlashingParameterNames.DEFAULT_MAXIMUM_PENALTY_BP;
import static io.noderr.worker.slashing.SlashingParameterNames.DEFAULT_MINIMUM_PENALTY_BP;

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
 * Slashing ({@code noderr.slashing.*}): the values a dispute uses while the chain's parameter
 * registry does not define them; governed values always win (see {@link SlashingParameterNames}).
 *
 * @param challengeWindow how long the operator may answer ({@code slashing.challengeWindowSeconds})
 * @param decisionWindow how long signers have to decide ({@code slashing.decisionWindowSeconds})
 * @param appealWindow how long the operator may appeal ({@code slashing.appealWindowSeconds})
 * @param minimumPenaltyBp {@code slashing.minimumPenaltyBp}
 * @param maximumPenaltyBp {@code slashing.maximumPenaltyBp}
 * @param correlationWindow disputes of a cause opened within it raise each other's penalty ({@code
 *     slashing.correlationWindowSeconds})
 * @param downtimeThreshold silence that opens a SUSTAINED_DOWNTIME dispute ({@code
 *     slashing.downtimeThresholdSeconds})
 * @param detectorInterval how often {@link SlashingEvidenceJob} looks for evidence (not governed)
 * @param detectorEnabled whether it looks at all (not governed)
 */
@Validated
@ConfigurationProperties("noderr.slashing")
public record SlashingProperties(
    @NotNull @DurationMin(seconds = 1) @DefaultValue(DEFAULT_CHALLENGE_WINDOW_SECONDS + "s")
        Duration challengeWindow,
    @NotNull @DurationMin(seconds = 1) @DefaultValue(DEFAULT_DECISION_WINDOW_SECONDS + "s")
        Duration decisionWindow,
    @NotNull @DurationMin(seconds = 1) @DefaultValue(DEFAULT_APPEAL_WINDOW_SECONDS + "s")
        Duration appealWindow,
    @Min(0) @Max(10_000) @DefaultValue(DEFAULT_MINIMUM_PENALTY_BP) int minimumPenaltyBp,
    @Min(0) @Max(10_000) @DefaultValue(DEFAULT_MAXIMUM_PENALTY_BP) int maximumPenaltyBp,
    @NotNull @DurationMin(seconds = 1) @DefaultValue(DEFAULT_CORRELATION_WINDOW_SECONDS + "s")
        Duration correlationWindow,
    @NotNull @DurationMin(seconds = 1) @DefaultValue(DEFAULT_DOWNTIME_THRESHOLD_SECONDS + "s")
        Duration downtimeThreshold,
    @NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration detectorInterval,
    @DefaultValue("true") boolean detectorEnabled) {

  /** The value each governed name takes without the chain, in seconds or basis points. */
  Map<String, BigInteger> fallbacks() {
    return Map.of(
        SlashingParameterNames.CHALLENGE_WINDOW_SECONDS, seconds(challengeWindow),
        SlashingParameterNames.DECISION_WINDOW_SECONDS, seconds(decisionWindow),
        SlashingParameterNames.APPEAL_WINDOW_SECONDS, seconds(appealWindow),
        SlashingParameterNames.MINIMUM_PENALTY_BP, BigInteger.valueOf(minimumPenaltyBp),
        SlashingParameterNames.MAXIMUM_PENALTY_BP, BigInteger.valueOf(maximumPenaltyBp),
        SlashingParameterNames.CORRELATION_WINDOW_SECONDS, seconds(correlationWindow),
        SlashingParameterNames.DOWNTIME_THRESHOLD_SECONDS, seconds(downtimeThreshold));
  }

  private static BigInteger seconds(Duration duration) {
    return BigInteger.valueOf(duration.toSeconds());
  }
}
