package io.noderr.worker.slashing;

import static io.noderr.worker.slashing.SlashingParameterNames.APPEAL_WINDOW_SECONDS;
import static io.noderr.worker.slashing.SlashingParameterNames.CHALLENGE_WINDOW_SECONDS;
import static io.noderr.worker.slashing.SlashingParameterNames.CORRELATION_WINDOW_SECONDS;
import static io.noderr.worker.slashing.SlashingParameterNames.DECISION_WINDOW_SECONDS;
import static io.noderr.worker.slashing.SlashingParameterNames.DOWNTIME_THRESHOLD_SECONDS;
import static io.noderr.worker.slashing.SlashingParameterNames.MAXIMUM_PENALTY_BP;
import static io.noderr.worker.slashing.SlashingParameterNames.MINIMUM_PENALTY_BP;

import io.noderr.registry.governance.GovernanceParameters;
import io.noderr.registry.governance.ParameterRow;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the slashing values when a dispute opens or the detector runs: the chain's parameter
 * registry's (as the governance follower recorded them) where it defines a name, the properties'
 * defaults otherwise.
 */
final class SlashingSettings {

  private final GovernanceParameters governance;
  private final SlashingProperties properties;

  SlashingSettings(GovernanceParameters governance, SlashingProperties properties) {
    this.governance = governance;
    this.properties = properties;
  }

  SlashingRules current() {
    Map<String, BigInteger> values = new HashMap<>(properties.fallbacks());
    for (ParameterRow row : governance.onChain()) {
      if (values.containsKey(row.name())) {
        values.put(row.name(), row.value());
      }
    }
    return new SlashingRules(
        seconds(values, CHALLENGE_WINDOW_SECONDS),
        seconds(values, DECISION_WINDOW_SECONDS),
        seconds(values, APPEAL_WINDOW_SECONDS),
        values.get(MINIMUM_PENALTY_BP).intValueExact(),
        values.get(MAXIMUM_PENALTY_BP).intValueExact(),
        seconds(values, CORRELATION_WINDOW_SECONDS),
        seconds(values, DOWNTIME_THRESHOLD_SECONDS));
  }

  private static Duration seconds(Map<String, BigInteger> values, String name) {
    return Duration.ofSeconds(values.get(name).longValueExact());
  }
}
