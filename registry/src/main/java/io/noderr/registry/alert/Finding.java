package io.noderr.registry.alert;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one rule found in one evaluation: the incident as it looks now. Two findings with the same
 * fingerprint are the same incident.
 *
 * @param fingerprint identifies the incident while it fires (e.g. {@code NodeOffline/node=n-1})
 * @param labels matched by silences; always include {@code alertname} and {@code severity}
 * @param nodes the nodes it is about (empty for fleet-wide alerts)
 * @param recipients channel names of the people it is addressed to; empty: the configured route
 * @param runbook link to the runbook section that says what to do
 */
public record Finding(
    String rule,
    String fingerprint,
    Severity severity,
    String summary,
    Map<String, String> labels,
    List<String> nodes,
    List<String> recipients,
    String runbook) {

  public Finding {
    TreeMap<String, String> all = new TreeMap<>(labels);
    all.put("alertname", rule);
    all.put("severity", severity.name());
    labels = java.util.Collections.unmodifiableMap(all);
    nodes = nodes.stream().sorted().distinct().toList();
    recipients = recipients.stream().sorted().distinct().toList();
  }

  /** Whether {@code other} describes the incident differently (an acknowledgement is lifted). */
  public boolean differsFrom(AlertRow stored) {
    return severity != stored.severity()
        || !labels.equals(stored.labels())
        || !nodes.equals(stored.nodes())
        || !recipients.equals(stored.recipients());
  }
}
