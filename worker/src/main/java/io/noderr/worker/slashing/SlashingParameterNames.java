package io.noderr.worker.slashing;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The governed slashing parameters (NoderrParameters {@code slashing.*}) with the platform's
 * defaults, used while the chain does not define them. The one table of these names: {@link
 * SlashingProperties}' defaults are these constants.
 */
public final class SlashingParameterNames {

  public static final String CHALLENGE_WINDOW_SECONDS = "slashing.challengeWindowSeconds";
  public static final String DECISION_WINDOW_SECONDS = "slashing.decisionWindowSeconds";
  public static final String APPEAL_WINDOW_SECONDS = "slashing.appealWindowSeconds";
  public static final String MINIMUM_PENALTY_BP = "slashing.minimumPenaltyBp";
  public static final String MAXIMUM_PENALTY_BP = "slashing.maximumPenaltyBp";
  public static final String CORRELATION_WINDOW_SECONDS = "slashing.correlationWindowSeconds";
  public static final String DOWNTIME_THRESHOLD_SECONDS = "slashing.downtimeThresholdSeconds";

  /** 24 hours. */
  static final String DEFAULT_CHALLENGE_WINDOW_SECONDS = "86400";

  /** 72 hours. */
  static final String DEFAULT_DECISION_WINDOW_SECONDS = "259200";

  /** 24 hours. */
  static final String DEFAULT_APPEAL_WINDOW_SECONDS = "86400";

  static final String DEFAULT_MINIMUM_PENALTY_BP = "100";
  static final String DEFAULT_MAXIMUM_PENALTY_BP = "5000";

  /** 36 hours. */
  static final String DEFAULT_CORRELATION_WINDOW_SECONDS = "129600";

  /** 6 hours. */
  static final String DEFAULT_DOWNTIME_THRESHOLD_SECONDS = "21600";

  /** Every governed slashing parameter with its default, in seconds or basis points. */
  public static final Map<String, BigInteger> DEFAULTS = defaults();

  private SlashingParameterNames() {}

  private static Map<String, BigInteger> defaults() {
    Map<String, BigInteger> defaults = new LinkedHashMap<>();
    defaults.put(CHALLENGE_WINDOW_SECONDS, new BigInteger(DEFAULT_CHALLENGE_WINDOW_SECONDS));
    defaults.put(DECISION_WINDOW_SECONDS, new BigInteger(DEFAULT_DECISION_WINDOW_SECONDS));
    defaults.put(APPEAL_WINDOW_SECONDS, new BigInteger(DEFAULT_APPEAL_WINDOW_SECONDS));
    defaults.put(MINIMUM_PENALTY_BP, new BigInteger(DEFAULT_MINIMUM_PENALTY_BP));
    defaults.put(MAXIMUM_PENALTY_BP, new BigInteger(DEFAULT_MAXIMUM_PENALTY_BP));
    defaults.put(CORRELATION_WINDOW_SECONDS, new BigInteger(DEFAULT_CORRELATION_WINDOW_SECONDS));
    defaults.put(DOWNTIME_THRESHOLD_SECONDS, new BigInteger(DEFAULT_DOWNTIME_THRESHOLD_SECONDS));
    return Collections.unmodifiableMap(defaults);
  }
}
