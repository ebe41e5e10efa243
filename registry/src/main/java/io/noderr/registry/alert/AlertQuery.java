package io.noderr.registry.alert;

/**
 * A filter over alerts, newest first. Null fields do not filter.
 *
 * @param limit at most this many rows (1..500)
 */
public record AlertQuery(AlertState state, Severity severity, String rule, int limit) {

  public static final int MAX_LIMIT = 500;

  public AlertQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
  }

  public static AlertQuery firing() {
    return new AlertQuery(AlertState.FIRING, null, null, MAX_LIMIT);
  }
}
