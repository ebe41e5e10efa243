package io.noderr.worker.rewards;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The governed reward parameters (NoderrParameters {@code rewards.*}) with the platform's defaults,
 * used while the chain does not define them. The one table of these names: the chain's parameter
 * definitions and governance's applied list take them from here, and {@link RewardProperties}'
 * defaults are these constants.
 */
public final class RewardParameterNames {

  public static final String EPOCH_SECONDS = "rewards.epochSeconds";
  public static final String EMISSION_PER_EPOCH = "rewards.emissionPerEpoch";
  public static final String PERFORMANCE_SHARE_BP = "rewards.performanceShareBp";
  public static final String MINIMUM_UPTIME_BP = "rewards.minimumUptimeBp";
  public static final String STAKE_CAP = "rewards.stakeCap";
  public static final String TIER_MULTIPLIER_BP = "rewards.tierMultiplierBp.";
  public static final String TIER_MULTIPLIER_BP_ALL = TIER_MULTIPLIER_BP + "all";
  public static final String TIER_MULTIPLIER_BP_ORACLE = TIER_MULTIPLIER_BP + "oracle";
  public static final String TIER_MULTIPLIER_BP_GUARDIAN = TIER_MULTIPLIER_BP + "guardian";

  /** One day. */
  static final String DEFAULT_EPOCH_SECONDS = "86400";

  /** 1,000 NODR (18 decimals). */
  static final String DEFAULT_EMISSION_PER_EPOCH = "1000000000000000000000";

  static final String DEFAULT_PERFORMANCE_SHARE_BP = "8000";
  static final String DEFAULT_MINIMUM_UPTIME_BP = "9000";

  /** 100,000 NODR (18 decimals). */
  static final String DEFAULT_STAKE_CAP = "100000000000000000000000";

  static final String DEFAULT_TIER_MULTIPLIER_BP_ALL = "10000";
  static final String DEFAULT_TIER_MULTIPLIER_BP_ORACLE = "15000";
  static final String DEFAULT_TIER_MULTIPLIER_BP_GUARDIAN = "20000";

  /** Every governed reward parameter with its default, in token units or basis points. */
  public static final Map<String, BigInteger> DEFAULTS = defaults();

  private RewardParameterNames() {}

  private static Map<String, BigInteger> defaults() {
    Map<String, BigInteger> defaults = new LinkedHashMap<>();
    defaults.put(EPOCH_SECONDS, new BigInteger(DEFAULT_EPOCH_SECONDS));
    defaults.put(EMISSION_PER_EPOCH, new BigInteger(DEFAULT_EMISSION_PER_EPOCH));
    defaults.put(PERFORMANCE_SHARE_BP, new BigInteger(DEFAULT_PERFORMANCE_SHARE_BP));
    defaults.put(MINIMUM_UPTIME_BP, new BigInteger(DEFAULT_MINIMUM_UPTIME_BP));
    defaults.put(STAKE_CAP, new BigInteger(DEFAULT_STAKE_CAP));
    defaults.put(TIER_MULTIPLIER_BP_ALL, new BigInteger(DEFAULT_TIER_MULTIPLIER_BP_ALL));
    defaults.put(TIER_MULTIPLIER_BP_ORACLE, new BigInteger(DEFAULT_TIER_MULTIPLIER_BP_ORACLE));
    defaults.put(TIER_MULTIPLIER_BP_GUARDIAN, new BigInteger(DEFAULT_TIER_MULTIPLIER_BP_GUARDIAN));
    return Collections.unmodifiableMap(defaults);
  }
}
