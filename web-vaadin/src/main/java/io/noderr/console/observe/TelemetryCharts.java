package io.noderr.console.observe;

import io.noderr.console.charts.CountBuckets;
import io.noderr.console.charts.CountBuckets.Bucket;
import io.noderr.console.charts.Palette;
import io.noderr.console.charts.SvgLineChart;
import io.noderr.console.charts.SvgProgressBar;
import io.noderr.console.charts.SvgStackedChart;
import io.noderr.console.charts.TimeSeries;
import io.noderr.console.charts.TimeSeries.Point;
import io.noderr.console.fleet.VisibleNodes;
import io.noderr.console.rollout.DeploymentNotFoundException;
import io.noderr.console.security.Roles;
import io.noderr.registry.rollout.NodeUpdateHistory;
import io.noderr.registry.rollout.RolloutRow;
import io.noderr.registry.rollout.RolloutTargetQueries;
import io.noderr.registry.rollout.RolloutTargetQueries.Cohort;
import io.noderr.registry.rollout.RolloutTargetQueries.CohortCounts;
import io.noderr.registry.rollout.RolloutTargetQueries.NodeFilter;
import io.noderr.registry.rollout.RolloutTargetQueries.NodeResult;
import io.noderr.registry.rollout.Rollouts;
import io.noderr.registry.telemetry.CohortComparison;
import io.noderr.registry.telemetry.FleetBucket;
import io.noderr.registry.telemetry.Resolution;
import io.noderr.registry.telemetry.SeriesPoint;
import io.noderr.registry.telemetry.TelemetryQuery;
import io.noderr.registry.telemetry.VersionBucket;
import io.noderr.workflows.rollout.RolloutStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The console's charts, read from the telemetry time series and rendered as SVG on the server
 * (docs/console-charts.md). Every method carries its roles.
 */
@Service
public class TelemetryCharts {

  /** More bars than this would be thinner than a pixel or two; buckets are merged above it. */
  static final int MAX_BARS = 72;

  /** A deployment's comparison is drawn in at most this many steps (one query each). */
  static final int COHORT_STEPS = 24;

  /** Nodes report every 10 s: a shorter step could hold no sample of a node. */
  private static final Duration MIN_COHORT_STEP = Duration.ofSeconds(10);

  private static final int UPDATE_HISTORY = 20;
  private static final int ACTIVE_SCANNED = 50;

  private static final Map<String, String> HEALTH_COLORS =
      Map.of("healthy", Palette.GREEN, "unhealthy", Palette.ORANGE, "offline", Palette.VERMILION);

  private final TelemetryQuery telemetry;
  private final Rollouts rollouts;
  private final RolloutTargetQueries targets;
  private final NodeUpdateHistory history;
  private final VisibleNodes nodes;
  private final Clock clock = Clock.systemUTC();

  TelemetryCharts(
      TelemetryQuery telemetry,
      Rollouts rollouts,
      RolloutTargetQueries targets,
      NodeUpdateHistory history,
      VisibleNodes nodes) {
    this.telemetry = telemetry;
    this.rollouts = rollouts;
    this.targets = targets;
    this.history = history;
    this.nodes = nodes;
  }

  /** Fleet health (healthy, unhealthy, offline nodes) and nodes per version over the window. */
  @PreAuthorize(Roles.CAN_SEE_TOTALS)
  public FleetCharts fleet(ChartWindow window) {
    Instant to = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant from = to.minus(window.length());
    Resolution resolution = window.fleetResolution();
    List<FleetBucket> health = telemetry.fleetHealth(from, to, resolution, null);
    String healthChart =
        SvgLineChart.of("fleet-health-chart", "Fleet health, nodes, last " + window.label())
            .window(from, to)
            .include(0, 1)
            .breakAfter(resolution.bucket().multipliedBy(2))
            .series(
                TimeSeries.area("healthy", points(health, FleetBucket::bucket, b -> b.healthy())),
                HEALTH_COLORS.get("healthy"))
            .series(
                TimeSeries.line(
                    "unhealthy", points(health, FleetBucket::bucket, b -> b.unhealthy())),
                HEALTH_COLORS.get("unhealthy"))
            .series(
                TimeSeries.line("offline", points(health, FleetBucket::bucket, b -> b.offline())),
                HEALTH_COLORS.get("offline"))
            .render();
    String versionChart =
        SvgStackedChart.of("fleet-versions-chart", "Nodes per version, last " + window.label())
            .window(from, to)
            .data(versionBuckets(telemetry.versions(from, to, resolution, null), resolution))
            .render();
    return new FleetCharts(healthChart, versionChart);
  }

  /** One node's resource, latency and error-rate series, and its update history. */
  @PreAuthorize(Roles.CAN_READ_FLEET)
  public NodeCharts node(String nodeId, ChartWindow window) {
    nodes.require(nodeId);
    Instant to = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant from = to.minus(window.length());
    List<SeriesPoint> series = telemetry.nodeSeries(nodeId, from, to, window.nodeResolution());
    String resources =
        SvgLineChart.of("node-resources-chart", "CPU, memory and disk, last " + window.label())
            .window(from, to)
            .unit("%")
            .include(0, 100)
            .breakAfter(window.gap())
            .series(TimeSeries.area("CPU", points(series, SeriesPoint::at, SeriesPoint::cpuAvg)))
            .series(
                TimeSeries.line("memory", points(series, SeriesPoint::at, SeriesPoint::memoryAvg)))
            .series(TimeSeries.line("disk", points(series, SeriesPoint::at, SeriesPoint::diskAvg)))
            .render();
    String latency =
        SvgLineChart.of("node-latency-chart", "Latency, last " + window.label())
            .window(from, to)
            .unit(" ms")
            .include(0, 1)
            .breakAfter(window.gap())
            .series(
                TimeSeries.line(
                    "request p95", points(series, SeriesPoint::at, SeriesPoint::latencyP95Avg)))
            .series(
                TimeSeries.line(
                    "platform RTT", points(series, SeriesPoint::at, SeriesPoint::platformRttAvg)))
            .render();
    String errors =
        SvgLineChart.of("node-errors-chart", "Error rate, last " + window.label())
            .window(from, to)
            .unit("%")
            .decimals(2)
            .include(0, 1)
            .breakAfter(window.gap())
            .series(
                TimeSeries.area(
                    "errors per request",
                    points(series, SeriesPoint::at, p -> percent(p.errorRate()))),
                Palette.VERMILION)
            .render();
    return new NodeCharts(
        resources, latency, errors, series.size(), history.recent(nodeId, UPDATE_HISTORY));
  }

  /**
   * The deployment's updated nodes against its baseline, error rate and p95 latency, from its start
   * to its last change (or now, while it runs), in up to {@value #COHORT_STEPS} steps.
   */
  @PreAuthorize("hasAnyRole('ADMIN','SRE')")
  public DeploymentCharts deployment(String id) {
    RolloutRow rollout = rollouts.find(id).orElseThrow(() -> new DeploymentNotFoundException(id));
    List<NodeResult> cohort = updatedNodes(rollout.id());
    Instant from = rollout.createdAt();
    boolean running = !isFinal(rollout.status());
    Instant to = running ? clock.instant().truncatedTo(ChronoUnit.SECONDS) : rollout.updatedAt();
    if (Duration.between(from, to).compareTo(MIN_COHORT_STEP.multipliedBy(4)) < 0) {
      to = from.plus(MIN_COHORT_STEP.multipliedBy(4));
    }
    Duration step =
        max(MIN_COHORT_STEP, Duration.between(from, to).dividedBy(COHORT_STEPS).plusSeconds(1));
    List<Point> cohortErrors = new ArrayList<>();
    List<Point> baselineErrors = new ArrayList<>();
    List<Point> cohortLatency = new ArrayList<>();
    List<Point> baselineLatency = new ArrayList<>();
    for (Instant t = from; t.isBefore(to) && !rollout.tiers().isEmpty(); t = t.plus(step)) {
      Instant end = t.plus(step).isAfter(to) ? to : t.plus(step);
      // The cohort of a step is the nodes updated by its start: the rest of the tiers, still on
      // another version, are its baseline.
      Instant stepStart = t;
      List<String> updatedBy =
          cohort.stream()
              .filter(n -> !n.updatedAt().isAfter(stepStart))
              .map(NodeResult::nodeId)
              .toList();
      if (updatedBy.isEmpty()) {
        continue;
      }
      CohortComparison c =
          telemetry.cohortVsBaseline(updatedBy, rollout.tiers(), rollout.version(), t, end);
      Instant mid = t.plus(Duration.between(t, end).dividedBy(2));
      add(cohortErrors, mid, percent(c.cohort().errorRate()));
      add(baselineErrors, mid, percent(c.baseline().errorRate()));
      add(cohortLatency, mid, c.cohort().latencyP95Ms());
      add(baselineLatency, mid, c.baseline().latencyP95Ms());
    }
    String updated = "updated (" + cohort.size() + " nodes)";
    String errorRate =
        SvgLineChart.of("deployment-errors-chart", "Error rate, updated nodes against baseline")
            .window(from, to)
            .unit("%")
            .decimals(2)
            .include(0, 1)
            .series(TimeSeries.line(updated, cohortErrors), Palette.VERMILION)
            .series(TimeSeries.dashed("baseline (not updated)", baselineErrors), Palette.GREY)
            .render();
    String latency =
        SvgLineChart.of("deployment-latency-chart", "p95 latency, updated nodes against baseline")
            .window(from, to)
            .unit(" ms")
            .include(0, 1)
            .series(TimeSeries.line(updated, cohortLatency), Palette.BLUE)
            .series(TimeSeries.dashed("baseline (not updated)", baselineLatency), Palette.GREY)
            .render();
    return new DeploymentCharts(errorRate, latency, cohort.size());
  }

  /**
   * Deployments not yet final, newest first, each with its progress bar counted from its nodes'
   * stored results (the rollout row's own counts are written only at some steps).
   */
  @PreAuthorize("hasAnyRole('ADMIN','SRE')")
  public List<ActiveDeployment> activeDeployments() {
    return rollouts.list(0, ACTIVE_SCANNED).rows().stream()
        .filter(row -> !isFinal(row.status()))
        .map(row -> new ActiveDeployment(row, progress(row.id(), targets.cohorts(row.id()))))
        .toList();
  }

  static String progress(String id, CohortCounts counts) {
    long updated = 0;
    long failed = 0;
    long reverted = 0;
    for (Cohort cohort : counts.cohorts()) {
      updated += cohort.count("UPDATED") + cohort.count("ALREADY_AT_TARGET");
      failed += cohort.count("FAILED") + cohort.count("REVERT_FAILED");
      reverted += cohort.count("REVERTED") + cohort.count("ROLLED_BACK");
    }
    long total = counts.pending() + counts.cohorts().stream().mapToLong(Cohort::total).sum();
    return SvgProgressBar.render(
        "progress-" + id,
        id + " progress",
        List.of(
            new SvgProgressBar.Segment("updated", updated, Palette.GREEN),
            new SvgProgressBar.Segment("failed", failed, Palette.VERMILION),
            new SvgProgressBar.Segment("reverted or rolled back", reverted, Palette.ORANGE)),
        total);
  }

  /** Final per the workflow's enum; a status this console does not know counts as under way. */
  private static boolean isFinal(String status) {
    try {
      return RolloutStatus.valueOf(status).isFinal();
    } catch (IllegalArgumentException unknown) {
      return false;
    }
  }

  /** The deployment's updated nodes, each with the time its update was recorded. */
  private List<NodeResult> updatedNodes(String rolloutId) {
    NodeFilter updated = new NodeFilter(Set.of("UPDATED"), null);
    List<NodeResult> nodes = new ArrayList<>();
    List<NodeResult> page;
    do {
      page = targets.page(rolloutId, updated, nodes.size(), RolloutTargetQueries.MAX_LIMIT);
      nodes.addAll(page);
    } while (page.size() == RolloutTargetQueries.MAX_LIMIT);
    return nodes;
  }

  /**
   * Nodes per version per bucket, merged into at most {@value #MAX_BARS} bars: each bar shows the
   * fleet as its last bucket saw it (node counts are a state, not events to add up).
   */
  static CountBuckets versionBuckets(List<VersionBucket> rows, Resolution resolution) {
    Map<Instant, Map<String, Long>> byBucket = new TreeMap<>();
    rows.forEach(
        r ->
            byBucket
                .computeIfAbsent(r.bucket(), b -> new LinkedHashMap<>())
                .put(r.version(), r.nodes()));
    int merge = Math.max(1, (byBucket.size() + MAX_BARS - 1) / MAX_BARS);
    Duration width = resolution.bucket().multipliedBy(merge);
    Map<Instant, Map<String, Long>> bars = new TreeMap<>();
    byBucket.forEach(
        (bucket, counts) -> {
          long widthMillis = width.toMillis();
          Instant bar =
              Instant.ofEpochMilli(Math.floorDiv(bucket.toEpochMilli(), widthMillis) * widthMillis);
          // Buckets come in time order: the last one of a bar wins.
          bars.put(bar, counts);
        });
    List<Bucket> buckets = new ArrayList<>();
    bars.forEach((start, counts) -> buckets.add(new Bucket(start, counts)));
    return new CountBuckets(width, buckets);
  }

  private static <T> List<Point> points(
      List<T> rows, Function<T, Instant> at, Function<T, ? extends Number> value) {
    List<Point> points = new ArrayList<>(rows.size());
    for (T row : rows) {
      add(points, at.apply(row), value.apply(row));
    }
    return points;
  }

  private static void add(List<Point> points, Instant at, Number value) {
    if (value != null) {
      points.add(new Point(at, value.doubleValue()));
    }
  }

  private static Double percent(Double ratio) {
    return ratio == null ? null : ratio * 100;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
