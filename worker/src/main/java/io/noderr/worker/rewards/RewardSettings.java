package io.noderr.worker.rewards;

import static io.noderr.worker.rewards.RewardParameterNames.EMISSION_PER_EPOCH;
import static io.noderr.worker.rewards.RewardParameterNames.EPOCH_SECONDS;
import static io.noderr.worker.rewards.RewardParameterNames.MINIMUM_UPTIME_BP;
import static io.noderr.worker.rewards.RewardParameterNames.PERFORMANCE_SHARE_BP;
import static io.noderr.worker.rewards.RewardParameterNames.STAKE_CAP;
import static io.noderr.worker.rewards.RewardParameterNames.TIER_MULTIPLIER_BP;

import io.noderr.activities.release.BeaconTier;
import io.noderr.activities.rewards.EpochSchedule;
import io.noderr.registry.governance.GovernanceParameters;
import io.noderr.registry.governance.ParameterRow;
import io.noderr.workflows.rewards.RewardFormulaV1;
import io.noderr.workflows.rewards.RewardParameters;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reward values in force when an epoch opens or is gathered: the chain's parameter registry's
 * where it defines a name, the properties' defaults otherwise.
 */
final class RewardSettings {

  private final GovernanceParameters governance;
  private final RewardProperties properties;

  RewardSettings(GovernanceParameters governance, RewardProperties properties) {
    this.governance = governance;
    this.properties = properties;
  }

  EpochSchedule schedule() {
    Map<String, BigInteger> values = current();
    return new EpochSchedule(
        values.get(EPOCH_SECONDS).longValueExact(),
        values.get(EMISSION_PER_EPOCH).toString(),
        RewardFormulaV1.VERSION);
  }

  RewardParameters parameters() {
    Map<String, String> values = new TreeMap<>();
    current().forEach((name, value) -> values.put(name, value.toString()));
    return parameters(values);
  }

  /** The formula's parameters by governed name, as an epoch stores them. */
  static Map<String, String> stored(RewardParameters parameters) {
    Map<String, String> stored = new TreeMap<>();
    stored.put(PERFORMANCE_SHARE_BP, Integer.toString(parameters.performanceShareBp()));
    stored.put(MINIMUM_UPTIME_BP, Integer.toString(parameters.minimumUptimeBp()));
    stored.put(STAKE_CAP, parameters.stakeCap().toString());
    parameters
        .tierMultiplierBp()
        .forEach((tier, multiplier) -> stored.put(multiplierName(tier), multiplier.toString()));
    return stored;
  }

  /**
   * The formula's parameters from their governed names (other names are ignored).
   *
   * @throws IllegalArgumentException when one is missing or out of its range
   */
  static RewardParameters parameters(Map<String, String> values) {
    Map<BeaconTier, Integer> multipliers = new EnumMap<>(BeaconTier.class);
    for (BeaconTier tier : BeaconTier.values()) {
      multipliers.put(tier, Integer.parseInt(required(values, multiplierName(tier))));
    }
    return new RewardParameters(
        Integer.parseInt(required(values, PERFORMANCE_SHARE_BP)),
        Integer.parseInt(required(values, MINIMUM_UPTIME_BP)),
        new BigInteger(required(values, STAKE_CAP)),
        multipliers);
  }

  private Map<String, BigInteger> current() {
    Map<String, BigInteger> values = new HashMap<>(properties.fallbacks());
    for (ParameterRow row : governance.onChain()) {
      if (values.containsKey(row.name())) {
        values.put(row.name(), row.value());
      }
    }
    return values;
  }

  private static String multiplierName(BeaconTier tier) {
    return TIER_MULTIPLIER_BP + tier.name().toLowerCase(Locale.ROOT);
  }

  private static String required(Map<String, String> values, String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("the reward parameter " + name + " is missing");
    }
    return value;
  }
}
