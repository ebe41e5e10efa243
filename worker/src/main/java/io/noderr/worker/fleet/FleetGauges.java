package io.noderr.worker.fleet;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.noderr.registry.fleet.FleetCensus;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The fleet as gauges: nodes by status, tier and version ({@code noderr_fleet_nodes}), the live
 * nodes' heartbeat lag ({@code noderr_fleet_heartbeat_lag_seconds}) and the moving rollouts'
 * progress ({@code noderr_rollout_nodes}, {@code noderr_rollout_progress_ratio}). Refreshed from
 * PostgreSQL every {@code noderr.metrics.fleet-refresh} (three grouped scans), so a scrape reads
 * the cached values however many series and scrapers there are. Series of nodes or rollouts that
 * are gone disappear at the next refresh.
 */
@Component
class FleetGauges {

  private static final Logger log = LoggerFactory.getLogger(FleetGauges.class);

  private final FleetCensus census;
  private final MultiGauge nodes;
  private final MultiGauge rolloutNodes;
  private final MultiGauge rolloutProgress;
  private final AtomicReference<FleetCensus.HeartbeatLag> lag =
      new AtomicReference<>(new FleetCensus.HeartbeatLag(0, 0, 0));

  FleetGauges(FleetCensus census, MeterRegistry registry) {
    this.census = census;
    nodes =
        MultiGauge.builder("noderr.fleet.nodes")
            .description("Nodes by status, tier and running version")
            .register(registry);
    rolloutNodes =
        MultiGauge.builder("noderr.rollout.nodes")
            .description("Nodes of each unfinished rollout: total, updated, failed")
            .register(registry);
    rolloutProgress =
        MultiGauge.builder("noderr.rollout.progress.ratio")
            .description("Share of an unfinished rollout's nodes done (updated or failed)")
            .register(registry);
    heartbeatLag(registry, "p50", FleetCensus.HeartbeatLag::p50);
    heartbeatLag(registry, "p95", FleetCensus.HeartbeatLag::p95);
    heartbeatLag(registry, "max", FleetCensus.HeartbeatLag::max);
  }

  private void heartbeatLag(
      MeterRegistry registry, String stat, ToDoubleFunction<FleetCensus.HeartbeatLag> value) {
    Gauge.builder("noderr.fleet.heartbeat.lag", lag, current -> value.applyAsDouble(current.get()))
        .description("Age of the live nodes' last heartbeats")
        .baseUnit("seconds")
        .tag("stat", stat)
        .register(registry);
  }

  @Scheduled(
      initialDelayString = "${noderr.metrics.fleet-refresh:15s}",
      fixedDelayString = "${noderr.metrics.fleet-refresh:15s}")
  void refresh() {
    try {
      nodes.register(
          census.nodes().stream()
              .map(
                  c ->
                      MultiGauge.Row.of(
                          Tags.of("status", c.status(), "tier", c.tier(), "version", c.version()),
                          c.nodes()))
              .toList(),
          true);
      var moving = census.movingRollouts();
      rolloutNodes.register(
          moving.stream()
              .flatMap(
                  r ->
                      Stream.of(
                          MultiGauge.Row.of(
                              Tags.of("deployment", r.id(), "state", "total"), r.total()),
                          MultiGauge.Row.of(
                              Tags.of("deployment", r.id(), "state", "updated"), r.updated()),
                          MultiGauge.Row.of(
                              Tags.of("deployment", r.id(), "state", "failed"), r.failed())))
              .toList(),
          true);
      rolloutProgress.register(
          moving.stream()
              .map(
                  r ->
                      MultiGauge.Row.of(
                          Tags.of(
                              "deployment", r.id(), "version", r.version(), "status", r.status()),
                          r.total() == 0 ? 0 : (r.updated() + r.failed()) / (double) r.total()))
              .toList(),
          true);
      lag.set(census.heartbeatLag());
    } catch (RuntimeException e) {
      // The gauges keep their last values; the database's own alert says why.
      log.warn("fleet gauges not refreshed: {}", e.getMessage());
    }
  }
}
