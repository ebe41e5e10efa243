package io.noderr.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.Scope;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Temporal SDK's series of one name reach Prometheus even when they carry different tag keys
 * (an update's update_name on some requests only): each gets every key, "none" where unset.
 */
class TemporalMetricsTest {

  @Test
  void seriesOfOneNameWithDifferentTagKeys_allReachTheRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Scope scope = TemporalMetrics.scope(registry);
    scope
        .tagged(Map.of("namespace", "default", "operation", "Start"))
        .counter("temporal_request")
        .inc(1);
    scope
        .tagged(Map.of("namespace", "default", "operation", "Update", "update_name", "sign"))
        .counter("temporal_request")
        .inc(2);

    TemporalMetrics.close(scope); // reports what is pending

    String scrape = registry.scrape();
    assertThat(scrape).contains("operation=\"Start\"").contains("update_name=\"sign\"");
    assertThat(scrape.lines().filter(line -> line.startsWith("temporal_request_total{")))
        .hasSize(2)
        .allMatch(line -> line.contains("task_queue=\"none\""));
  }

  @Test
  void closingTheScope_leavesTheRegistryOpen_forTheMetersRegisteredAfter() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    TemporalMetrics.close(TemporalMetrics.scope(registry));

    assertThat(registry.isClosed()).isFalse();
    registry.counter("noderr.after").increment();
    assertThat(registry.scrape()).contains("noderr_after_total 1.0");
  }
}
