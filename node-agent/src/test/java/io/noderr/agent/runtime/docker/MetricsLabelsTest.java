package io.noderr.agent.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsLabelsTest {

  @Test
  void noLabel_declaresNoMetrics() {
    assertThat(MetricsLabels.of(Map.of("io.noderr.memory", "256m"))).isEmpty();
    assertThat(MetricsLabels.of(Map.of(MetricsLabels.PORT, " ", MetricsLabels.PATH, ""))).isEmpty();
  }

  @Test
  void aPortAndAPath_areTheEndpoint_onTheHealthUrlsHost() {
    MetricsLabels declared =
        MetricsLabels.of(Map.of(MetricsLabels.PORT, "9100", MetricsLabels.PATH, "/prom/metrics"))
            .orElseThrow();

    assertThat(declared.endpoint("127.0.0.1", 8545))
        .isEqualTo(URI.create("http://127.0.0.1:9100/prom/metrics"));
  }

  @Test
  void aPortAlone_meansTheDefaultPath() {
    assertThat(MetricsLabels.of(Map.of(MetricsLabels.PORT, "9100")).orElseThrow().path())
        .isEqualTo("/metrics");
  }

  @Test
  void aPathAlone_isOnTheContainersHealthPort_soItFollowsAHandOver() {
    MetricsLabels declared = MetricsLabels.of(Map.of(MetricsLabels.PATH, "/metrics")).orElseThrow();

    assertThat(declared.endpoint("127.0.0.1", 8545))
        .isEqualTo(URI.create("http://127.0.0.1:8545/metrics"));
    assertThat(declared.endpoint("127.0.0.1", 8546))
        .isEqualTo(URI.create("http://127.0.0.1:8546/metrics"));
  }

  @Test
  void malformedLabels_areRefused_namingTheLabelAndValue() {
    assertThatThrownBy(() -> MetricsLabels.of(Map.of(MetricsLabels.PORT, "http")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("io.noderr.metrics-port='http' is not a port (1-65535)");
    assertThatThrownBy(() -> MetricsLabels.of(Map.of(MetricsLabels.PORT, "70000")))
        .hasMessageContaining("io.noderr.metrics-port='70000'");
    assertThatThrownBy(() -> MetricsLabels.of(Map.of(MetricsLabels.PATH, "metrics")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("io.noderr.metrics-path='metrics' is not a URL path (e.g. /metrics)");
    assertThatThrownBy(() -> MetricsLabels.of(Map.of(MetricsLabels.PATH, "/a b")))
        .hasMessageContaining("io.noderr.metrics-path='/a b'");
  }
}
