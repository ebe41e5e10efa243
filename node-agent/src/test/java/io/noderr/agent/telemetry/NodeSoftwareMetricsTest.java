package io.noderr.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeSoftwareMetricsTest {

  private static String scrape(int timeouts, int rejected, int requests, int trades) {
    return """
        # HELP noderr_node_errors_total Errors by type.
        # TYPE noderr_node_errors_total counter
        noderr_node_errors_total{type="timeout",path="/rpc"} %d
        noderr_node_errors_total{type="rejected"} %d
        noderr_node_requests_total %d 1700000000000
        noderr_node_request_latency_p95_seconds 0.125
        noderr_node_block_height_lag 3
        noderr_node_peers{chain="main"} 17
        noderr_node_missed_duties_total 2
        noderr_node_trades_total %d
        some_other_metric{label="with \\"quotes\\" and , comma"} 5
        not a metric line
        """
        .formatted(timeouts, rejected, requests, trades);
  }

  @Test
  void parse_readsNamesLabelsAndValues_andSkipsCommentsAndJunk() {
    var samples = PrometheusText.parse(scrape(4, 1, 100, 7));

    assertThat(samples).hasSize(9);
    assertThat(samples.getFirst())
        .isEqualTo(
            new PrometheusText.Sample(
                "noderr_node_errors_total", Map.of("type", "timeout", "path", "/rpc"), 4));
    assertThat(samples.getLast().labels()).containsEntry("label", "with \"quotes\" and , comma");
  }

  @Test
  void counters_becomeIncreasesSinceThePreviousScrape_gaugesAreRead() {
    NodeSoftwareMetrics metrics = new NodeSoftwareMetrics();

    NodeSoftwareMetrics.Reading first = metrics.read(PrometheusText.parse(scrape(4, 1, 100, 7)));
    NodeSoftwareMetrics.Reading second = metrics.read(PrometheusText.parse(scrape(10, 1, 250, 9)));

    assertThat(first.errors()).isZero();
    assertThat(first.latencyP95Ms()).isEqualTo(125.0);
    assertThat(second.errors()).isEqualTo(6);
    assertThat(second.errorsByType()).containsExactly(Map.entry("timeout", 6));
    assertThat(second.requests()).isEqualTo(150);
    assertThat(second.trades()).isEqualTo(2);
    assertThat(second.missedDuties()).isZero();
    assertThat(second.blockLag()).isEqualTo(3L);
    assertThat(second.peers()).isEqualTo(17);
    assertThat(second.orders()).isNull();
  }

  @Test
  void aCounterThatWentDown_wasResetByARestart_andCountsFromZero() {
    NodeSoftwareMetrics metrics = new NodeSoftwareMetrics();
    metrics.read(PrometheusText.parse(scrape(40, 0, 1000, 0)));

    assertThat(metrics.read(PrometheusText.parse(scrape(3, 0, 20, 0))).requests()).isEqualTo(20);
  }
}
