package io.noderr.registry.telemetry;

import java.time.Instant;
import java.util.Map;

/**
 * One node's report: a raw sample. Counters ({@code errors}, {@code requests}, {@code
 * missedDuties}, {@code trades}, {@code orders}) cover the interval since the node's previous
 * report, so they can be summed over any window; gauges are the value at {@code at}. Nullable
 * fields are what a node may not know (no Prometheus endpoint declared, no peers configured).
 *
 * <p>The tier is not part of a report: it is the registry's, read when the sample is stored.
 *
 * @param at when the agent collected the report (the gateway checks it against its own clock)
 * @param health HEALTHY or UNHEALTHY (the node software's own health check)
 * @param platformRttMs round trip to the platform
 * @param peerRttMs round trip to each configured peer, by peer id
 * @param errorsByType errors of the interval by type (sums to at most {@code errors})
 * @param latencyP95Ms the node software's 95th percentile request latency
 * @param blockLag blocks behind the chain head
 * @param peers connected chain peers
 * @param missedDuties duties (attestations, oracle rounds) missed in the interval
 */
public record TelemetrySample(
    String nodeId,
    Instant at,
    String version,
    String health,
    Double cpuPercent,
    Double memoryPercent,
    Double diskPercent,
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

  public TelemetrySample {
    peerRttMs = peerRttMs == null ? Map.of() : Map.copyOf(peerRttMs);
    errorsByType = errorsByType == null ? Map.of() : Map.copyOf(errorsByType);
  }
}
