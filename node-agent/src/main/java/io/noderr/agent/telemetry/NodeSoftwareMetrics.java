package io.noderr.agent.telemetry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The node software's own metrics, read from its Prometheus endpoint. Only these names are read
 * (documented in docs/telemetry.md); counters become the increase since the previous scrape (a
 * counter that went down was reset by a restart: its value is the increase).
 *
 * <ul>
 *   <li>{@code noderr_node_errors_total{type="..."}} (counter): errors, by type
 *   <li>{@code noderr_node_requests_total} (counter): requests served
 *   <li>{@code noderr_node_request_latency_p95_seconds} (gauge): 95th percentile latency
 *   <li>{@code noderr_node_block_height_lag} (gauge): blocks behind the chain head
 *   <li>{@code noderr_node_peers} (gauge): connected chain peers
 *   <li>{@code noderr_node_missed_duties_total} (counter): duties missed
 *   <li>{@code noderr_node_trades_total}, {@code noderr_node_orders_total} (counters): trading
 *       activity
 * </ul>
 *
 * Not thread-safe: one instance per node, called by its telemetry loop.
 */
public final class NodeSoftwareMetrics {

  static final String ERRORS = "noderr_node_errors_total";
  static final String REQUESTS = "noderr_node_requests_total";
  static final String LATENCY_P95 = "noderr_node_request_latency_p95_seconds";
  static final String BLOCK_LAG = "noderr_node_block_height_lag";
  static final String PEERS = "noderr_node_peers";
  static final String MISSED_DUTIES = "noderr_node_missed_duties_total";
  static final String TRADES = "noderr_node_trades_total";
  static final String ORDERS = "noderr_node_orders_total";

  /** What one scrape says, counters as increases since the previous scrape. */
  public record Reading(
      int errors,
      Map<String, Integer> errorsByType,
      int requests,
      Double latencyP95Ms,
      Long blockLag,
      Integer peers,
      Integer missedDuties,
      Integer trades,
      Integer orders) {

    /** No endpoint, or nothing readable: every counter zero, every gauge unknown. */
    public static final Reading NONE =
        new Reading(0, Map.of(), 0, null, null, null, null, null, null);
  }

  private final Map<String, Double> previous = new HashMap<>();

  /** Reads a scrape's samples; the first scrape sets the counters' starting points (increase 0). */
  public Reading read(List<PrometheusText.Sample> samples) {
    Map<String, Double> totals = new HashMap<>();
    Map<String, Double> gauges = new HashMap<>();
    Map<String, Double> errorTypes = new TreeMap<>();
    for (PrometheusText.Sample sample : samples) {
      switch (sample.name()) {
        case ERRORS -> {
          totals.merge(ERRORS, sample.value(), Double::sum);
          errorTypes.merge(
              sample.labels().getOrDefault("type", "unknown"), sample.value(), Double::sum);
        }
        case REQUESTS, MISSED_DUTIES, TRADES, ORDERS ->
            totals.merge(sample.name(), sample.value(), Double::sum);
        case LATENCY_P95, BLOCK_LAG, PEERS -> gauges.put(sample.name(), sample.value());
        default -> {}
      }
    }
    Map<String, Integer> byType = new TreeMap<>();
    errorTypes.forEach(
        (type, value) -> {
          int increase = increase(ERRORS + "/" + type, value);
          if (increase > 0) {
            byType.put(type, increase);
          }
        });
    Double latency = gauges.get(LATENCY_P95);
    Double lag = gauges.get(BLOCK_LAG);
    Double peers = gauges.get(PEERS);
    return new Reading(
        totals.containsKey(ERRORS) ? increase(ERRORS, totals.get(ERRORS)) : 0,
        byType,
        totals.containsKey(REQUESTS) ? increase(REQUESTS, totals.get(REQUESTS)) : 0,
        latency == null ? null : latency * 1000,
        lag == null ? null : Math.round(lag),
        peers == null ? null : (int) Math.round(peers),
        optionalIncrease(MISSED_DUTIES, totals),
        optionalIncrease(TRADES, totals),
        optionalIncrease(ORDERS, totals));
  }

  private Integer optionalIncrease(String name, Map<String, Double> totals) {
    return totals.containsKey(name) ? increase(name, totals.get(name)) : null;
  }

  private int increase(String key, double value) {
    Double before = previous.put(key, value);
    if (before == null) {
      return 0;
    }
    double increase = value >= before ? value - before : value;
    return (int) Math.min(Integer.MAX_VALUE, Math.round(increase));
  }
}
