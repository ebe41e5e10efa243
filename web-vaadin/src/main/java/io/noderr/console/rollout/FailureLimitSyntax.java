package io.noderr.console.rollout;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-failure-type gate limits as the console's one-line field takes them: {@code UNHEALTHY=5,
 * TIMEOUT=10} (percent of the nodes executed). Only the shape is checked here; whether a name is a
 * failure type is the strategy's business, for the API and the console alike.
 */
public final class FailureLimitSyntax {

  private static final Pattern LIMIT =
      Pattern.compile("([A-Za-z_]{1,40})\\s*=\\s*(\\d{1,3}(?:\\.\\d{1,3})?)\\s*%?");

  private FailureLimitSyntax() {}

  /**
   * @return type name (upper case) to percent, in the order written; empty for blank text
   * @throws InvalidDeploymentException naming the field and the part that is not like TYPE=percent
   */
  public static Map<String, Double> parse(String text) {
    Map<String, Double> limits = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return limits;
    }
    for (String part : text.split(",")) {
      Matcher m = LIMIT.matcher(part.strip());
      if (!m.matches()) {
        throw new InvalidDeploymentException(
            "maxFailurePercentByType: '"
                + part.strip()
                + "' is not like UNHEALTHY=5 (a failure type and a percentage)");
      }
      String type = m.group(1).toUpperCase(Locale.ROOT);
      if (limits.put(type, Double.parseDouble(m.group(2))) != null) {
        throw new InvalidDeploymentException(
            "maxFailurePercentByType: " + type + " is given twice");
      }
    }
    return limits;
  }
}
