package io.noderr.agent.telemetry;

import java.time.Instant;
import java.util.Map;

/**
 * One node's telemetry for the interval since its previous report, as {@code POST
 * /api/v1/agent/telemetry} takes it. Counters ({@code errors}, {@code requests}, {@code
 * missedDuties}, {@code trades}, {@code orders}) are deltas; nullable fields are what the node does
 * not know (no metrics endpoint declared, no peers configured, a peer unreachable).
 *
 * @param at when it was collected: the sample's time on the platform, so a report resent after a
 *     timeout (the platform may have stored it already) is the same sample and stored once
 */
public record TelemetryReport(
    String nodeId,
    Instant at,
    String version,
    String health,
    double cpuPercent,
    double memoryPercent,
    double diskPercent,
    Double platformRttMs,
    Map<String, Double> peerRttMs,
    int errors,
    Map<String, Integer> errorsByType,
    int requests,
    Double latencyP95Ms,
    Long blockLag,
    Integer peers,
    Integer missedDuties,
    Integer trades,
    Integer orders) {

  public TelemetryReport {
    peerRttMs = peerRttMs == null ? Map.of() : Map.copyOf(peerRttMs);
    errorsByType = errorsByType == null ? Map.of() : Map.copyOf(errorsByType);
  }
}
