package io.noderr.console.rollout;

import io.noderr.workflows.rollout.AnalysisPolicy;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gate's telemetry analysis as the API and the console write it: one rule per entry (the console
 * field separates them with commas).
 *
 * <pre>
 * errorRate&lt;=1.5x       the cohort's error rate at most 1.5 times the baseline's
 * latencyP95&lt;=2x        the cohort's p95 latency at most twice the baseline's
 * blockLag&lt;=5           no cohort node more than 5 blocks behind
 * peers&gt;=3              no cohort node with fewer than 3 chain peers
 * missedDuties&lt;=0       no missed duty in the cohort during the soak
 * attestationAge&lt;=24h   every attested cohort node attested within 24 h (s, m, h, d)
 * minSamples=3           judge ratios only once the cohort sent 3 samples
 * </pre>
 */
public final class AnalysisSyntax {

  /** What an operator reads when a rule is not understood. */
  public static final String EXAMPLE =
      "errorRate<=1.5x, latencyP95<=2x, blockLag<=5, peers>=3, missedDuties<=0,"
          + " attestationAge<=24h, minSamples=3";

  private static final Pattern RULE =
      Pattern.compile(
          "(errorrate|latencyp95|blocklag|peers|missedduties|attestationage|minsamples)"
              + "\\s*(<=|>=|=)\\s*(\\d{1,9}(?:\\.\\d{1,3})?)\\s*([xsmhd]?)");

  private AnalysisSyntax() {}

  /**
   * @return the analysis the rules describe; {@link AnalysisPolicy#NONE} for none
   * @throws InvalidDeploymentException naming the rule that is not understood
   */
  public static AnalysisPolicy parse(List<String> rules) {
    Double errorRate = null;
    Double latency = null;
    Long blockLag = null;
    Integer peers = null;
    Long missed = null;
    Long attestationAge = null;
    int minSamples = 1;
    Set<String> seen = new HashSet<>();
    for (String text : rules) {
      if (text == null || text.isBlank()) {
        continue;
      }
      Matcher m = RULE.matcher(text.strip().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw refused(text, "is not a rule");
      }
      String metric = m.group(1);
      String operator = m.group(2);
      String unit = m.group(4);
      double value = Double.parseDouble(m.group(3));
      if (!seen.add(metric)) {
        throw refused(text, "repeats " + metric);
      }
      switch (metric) {
        case "errorrate" -> errorRate = ratio(text, operator, unit, value);
        case "latencyp95" -> latency = ratio(text, operator, unit, value);
        case "blocklag" -> blockLag = whole(text, "<=", operator, unit, value);
        case "peers" -> peers = (int) whole(text, ">=", operator, unit, value);
        case "missedduties" -> missed = whole(text, "<=", operator, unit, value);
        case "attestationage" -> attestationAge = seconds(text, operator, unit, value);
        case "minsamples" -> minSamples = (int) whole(text, "=", operator, unit, value);
        default -> throw refused(text, "is not a rule");
      }
    }
    AnalysisPolicy policy =
        new AnalysisPolicy(errorRate, latency, blockLag, peers, missed, attestationAge, minSamples);
    return policy.enabled() ? policy : AnalysisPolicy.NONE;
  }

  private static double ratio(String text, String operator, String unit, double value) {
    if (!operator.equals("<=") || !unit.equals("x")) {
      throw refused(text, "must be like errorRate<=1.5x (a ratio to the baseline)");
    }
    return value;
  }

  private static long whole(
      String text, String expected, String operator, String unit, double value) {
    if (!operator.equals(expected) || !unit.isEmpty() || value != Math.rint(value)) {
      throw refused(text, "must be a whole number after " + expected);
    }
    return (long) value;
  }

  private static long seconds(String text, String operator, String unit, double value) {
    if (!operator.equals("<=") || unit.isEmpty() || unit.equals("x")) {
      throw refused(text, "must be like attestationAge<=24h (s, m, h or d)");
    }
    Duration unitLength =
        switch (unit) {
          case "s" -> Duration.ofSeconds(1);
          case "m" -> Duration.ofMinutes(1);
          case "h" -> Duration.ofHours(1);
          default -> Duration.ofDays(1);
        };
    return Math.round(value * unitLength.toSeconds());
  }

  private static InvalidDeploymentException refused(String rule, String why) {
    return new InvalidDeploymentException(
        "analysis: '" + rule.strip() + "' " + why + "; rules are like " + EXAMPLE);
  }
}
