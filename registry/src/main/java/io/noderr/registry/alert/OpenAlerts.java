package io.noderr.registry.alert;

import java.util.Map;

/**
 * Firing alerts counted by severity, for the dashboard's "open alerts" card.
 *
 * @param bySeverity every severity, 0 when none
 * @param unacknowledged firing alerts nobody owns yet
 */
public record OpenAlerts(Map<Severity, Long> bySeverity, long unacknowledged) {

  public OpenAlerts {
    bySeverity = Map.copyOf(bySeverity);
  }

  public long total() {
    return bySeverity.values().stream().mapToLong(Long::longValue).sum();
  }
}
