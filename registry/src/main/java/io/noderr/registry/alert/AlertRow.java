package io.noderr.registry.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One incident as stored.
 *
 * @param changedAt when severity, labels, nodes or recipients last changed
 * @param ackedBy the owner who acknowledged it; null when nobody has (or the ack was lifted)
 * @param silencedBy what suppresses its notifications now ({@code silence-<id>} or a rollout wave);
 *     null when nothing does
 * @param announced its firing notification was queued
 * @param escalationLevel index in the escalation route of the last channel told
 */
public record AlertRow(
    long id,
    String rule,
    String fingerprint,
    Severity severity,
    String summary,
    Map<String, String> labels,
    List<String> nodes,
    List<String> recipients,
    String runbook,
    AlertState state,
    Instant firstSeen,
    Instant lastSeen,
    Instant changedAt,
    Instant resolvedAt,
    String ackedBy,
    Instant ackedAt,
    String ackNote,
    String silencedBy,
    boolean announced,
    int escalationLevel,
    Instant escalatedAt) {

  public AlertRow {
    labels = Map.copyOf(labels);
    nodes = List.copyOf(nodes);
    recipients = List.copyOf(recipients);
  }

  public boolean acknowledged() {
    return ackedBy != null;
  }
}
