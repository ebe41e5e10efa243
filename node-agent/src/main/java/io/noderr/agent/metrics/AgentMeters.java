package io.noderr.agent.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.util.Locale;

/**
 * The agent's own domain counters, on its {@code /metrics} next to the Temporal SDK's: heartbeats
 * and telemetry reports by outcome, updates by outcome, beacon checks by outcome. They count into
 * Micrometer's global registry, as the Temporal SDK's metrics do (the agent's endpoint is added to
 * it, ObservabilityOptions); in a process without one (a test, a tool) they count nowhere. No label
 * carries a node id: one agent is usually one node, and a simulated fleet sums its nodes.
 */
public final class AgentMeters {

  private AgentMeters() {}

  /** Node heartbeats: {@code sent} (the platform took them), {@code unknown}, {@code failed}. */
  public static void heartbeats(String outcome, int reports) {
    count("noderr.agent.heartbeats", "Node heartbeats by outcome", outcome, reports);
  }

  /**
   * Telemetry reports: {@code sent}, {@code refused} (a send that failed; the reports are kept for
   * the next round), {@code dropped} (given up: refused for good, or too many waiting).
   */
  public static void telemetryReports(String outcome, int reports) {
    count("noderr.agent.telemetry.reports", "Telemetry reports by outcome", outcome, reports);
  }

  /** Updates and rollbacks this node ran, by their outcome (updated, reverted, failed...). */
  public static void update(String outcome) {
    count("noderr.agent.updates", "Updates this node ran, by outcome", outcome, 1);
  }

  /** The node's own check of a release against its beacon: verified, refused, unreadable. */
  public static void beaconCheck(String outcome) {
    count(
        "noderr.agent.beacon.checks", "Release checks against the beacon, by outcome", outcome, 1);
  }

  private static void count(String name, String description, String outcome, int amount) {
    if (amount > 0) {
      Counter.builder(name)
          .description(description)
          .tag("outcome", outcome.toLowerCase(Locale.ROOT))
          .register(Metrics.globalRegistry)
          .increment(amount);
    }
  }
}
