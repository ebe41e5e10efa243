package io.noderr.console.views;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import io.noderr.console.charts.ChartBox;
import io.noderr.console.observe.ChartWindow;
import io.noderr.registry.Tier;
import io.noderr.registry.alert.AlertRow;
import io.noderr.registry.alert.Alerts;
import io.noderr.registry.alert.Finding;
import io.noderr.registry.alert.Severity;
import io.noderr.registry.node.EnrollmentRequest;
import io.noderr.registry.node.Labels;
import io.noderr.registry.node.NodeEnrollment;
import io.noderr.registry.rollout.NodeUpdateHistory;
import io.noderr.registry.rollout.RolloutCandidate;
import io.noderr.registry.rollout.RolloutRow;
import io.noderr.registry.rollout.RolloutTargets;
import io.noderr.registry.rollout.Rollouts;
import io.noderr.registry.rollout.TargetResult;
import io.noderr.registry.rollout.TargetStatus;
import io.noderr.registry.telemetry.TelemetryRetention;
import io.noderr.registry.telemetry.TelemetryRollups;
import io.noderr.registry.telemetry.TelemetrySample;
import io.noderr.registry.telemetry.TelemetrySamples;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The charts of the dashboard, the node page and a deployment in Karibu, drawn from telemetry
 * stored and rolled up in PostgreSQL: four oracles report for 45 minutes, two of them on a new
 * version with five times the error rate and twice the latency of the other two.
 */
class TelemetryChartsViewIT extends AbstractKaribuIT {

  private static final String ROLLOUT = "rollout-ORACLE-2.0.0";
  private static final List<String> NODES =
      List.of("charts-oracle-1", "charts-oracle-2", "charts-oracle-3", "charts-oracle-4");

  @Autowired NodeEnrollment enrollment;
  @Autowired TelemetrySamples samples;
  @Autowired TelemetryRollups rollups;
  @Autowired Rollouts rollouts;
  @Autowired RolloutTargets targets;
  @Autowired Alerts alerts;

  @BeforeEach
  void fleetReportedForThreeQuarters() {
    emptyFleet();
    jdbc.execute("TRUNCATE alert_deliveries, alerts");
    enrollment.enroll(
        NODES.stream()
            .map(id -> new EnrollmentRequest(id, "chartco", Tier.ORACLE, "eu-north", Labels.none()))
            .toList(),
        "test");
    Instant now = Instant.now();
    Instant start = now.minus(Duration.ofMinutes(45)).truncatedTo(ChronoUnit.MINUTES);
    List<TelemetrySample> reports = new ArrayList<>();
    for (Instant at = start; at.isBefore(now.minusSeconds(20)); at = at.plusSeconds(30)) {
      for (int i = 0; i < NODES.size(); i++) {
        boolean updated = i < 2;
        reports.add(
            new TelemetrySample(
                NODES.get(i),
                at,
                updated ? "2.0.0" : "1.0.0",
                i == 3 ? "UNHEALTHY" : "HEALTHY",
                20.0 + 10 * i,
                50.0,
                30.0,
                12.0,
                null,
                updated ? 5 : 1,
                null,
                100,
                updated ? 80.0 : 40.0,
                0L,
                8,
                0,
                3,
                4));
      }
    }
    samples.insert(reports);
    rollups.run(
        now,
        new TelemetryRetention(
            Duration.ofHours(24),
            Duration.ofDays(7),
            Duration.ofDays(400),
            Duration.ofSeconds(15),
            10_000));

    rollouts.planned(ROLLOUT, "2.0.0", List.of(Tier.ORACLE));
    targets.storePlan(
        ROLLOUT,
        NODES.stream()
            .map(
                id ->
                    new RolloutCandidate(
                        id, Tier.ORACLE, "chartco", "eu-north", "1.0.0", true, true, false))
            .toList());
    targets.applyResults(
        ROLLOUT,
        1,
        IntStream.range(0, 2)
            .mapToObj(
                i -> new TargetResult(NODES.get(i), TargetStatus.UPDATED, null, "updated", 900))
            .toList());
    rollouts.apply(
        new RolloutRow(ROLLOUT, "2.0.0", List.of(), "RUNNING", 1, 2, 4, 2, 0, 0, null, null), 1);
    // It started with the samples and updated its canary at once, so its charts cover them.
    jdbc.update("UPDATE rollouts SET created_at = ? WHERE id = ?", Timestamp.from(start), ROLLOUT);
    jdbc.update(
        "UPDATE rollout_targets SET updated_at = ? WHERE rollout_id = ? AND status = 'UPDATED'",
        Timestamp.from(start),
        ROLLOUT);
  }

  @Test
  void theDashboard_drawsFleetHealthAndVersions_andTheDeploymentUnderWay() {
    startAs("sre");
    UI.getCurrent().navigate(DashboardView.class);
    DashboardView view = _get(DashboardView.class);

    String health = view.health.chart().svg();
    assertThat(health)
        .contains("<title id=\"fleet-health-chart-title\">Fleet health, nodes, last 24 h</title>")
        .contains(">healthy  3<")
        .contains(">unhealthy  1<")
        .doesNotContain("No data in this window");
    assertThat(view.versions.chart().svg())
        .contains(">2.0.0<")
        .contains(">1.0.0<")
        .contains("1.0.0 2, 2.0.0 2");
    assertThat(view.alerts.summary.getText()).isEqualTo("No alert is firing.");
    ChartBox progress = _get(ChartBox.class, spec -> spec.withId("progress-" + ROLLOUT));
    assertThat(progress.svg())
        .contains("2 updated · 0 failed · 0 reverted or rolled back — 4 in all");

    view.window.setValue(ChartWindow.HOUR);
    assertThat(view.health.chart().svg()).contains("Fleet health, nodes, last 1 h");
    view.window.setValue(ChartWindow.WEEK);
    // The hour rollups hold only the hours already over; the window is still drawn.
    assertThat(view.versions.chart().svg()).contains("Nodes per version, last 7 d");
  }

  @Test
  void theDashboard_listsTheOpenAlerts_newestFirst() {
    Instant now = Instant.now();
    alerts.open(
        new Finding(
            "NodeOffline",
            "NodeOffline/node=charts-oracle-4",
            Severity.WARNING,
            "charts-oracle-4 has not reported for 6 min",
            Map.of(),
            List.of("charts-oracle-4"),
            List.of(),
            "docs/observability.md#nodeoffline"),
        now.minusSeconds(60),
        null);
    alerts.open(
        new Finding(
            "ErrorRateAnomaly",
            "ErrorRateAnomaly/version=2.0.0",
            Severity.CRITICAL,
            "2 nodes on 2.0.0 report 5x their usual error rate",
            Map.of(),
            List.of(NODES.get(0), NODES.get(1)),
            List.of(),
            "docs/observability.md#errorrateanomaly"),
        now,
        null);
    startAsOperatorOwning("olga", NODES.getFirst());
    UI.getCurrent().navigate(DashboardView.class);
    OpenAlertsPanel panel = _get(DashboardView.class).alerts;

    assertThat(panel.summary.getText())
        .isEqualTo("2 firing (1 critical, 1 warning), 2 not acknowledged");
    assertThat(panel.grid.getListDataView().getItems().map(AlertRow::summary))
        .containsExactly(
            "2 nodes on 2.0.0 report 5x their usual error rate",
            "charts-oracle-4 has not reported for 6 min");
    // An operator sees the alerts but not the deployments.
    _assertNone(ChartBox.class, spec -> spec.withId("progress-" + ROLLOUT));
  }

  @Test
  void aSigner_seesTheFleetCharts_butNoDeployments() {
    startAs("signer1");
    UI.getCurrent().navigate(DashboardView.class);

    assertThat(_get(DashboardView.class).health.chart().svg()).contains(">healthy  3<");
    _assertNone(ChartBox.class, spec -> spec.withId("progress-" + ROLLOUT));
    _assertNone(OpenAlertsPanel.class);
  }

  @Test
  void theNodePage_drawsItsSeries_andListsItsUpdates() {
    startAs("sre");
    UI.getCurrent().navigate(NodeDetailView.class, NodeDetailView.params(NODES.get(0)));
    NodeDetailView view = _get(NodeDetailView.class);

    assertThat(view.resources.chart().svg())
        .contains(">CPU  20%<")
        .contains(">memory  50%<")
        .contains("aria-labelledby=\"node-resources-chart-title node-resources-chart-desc\"");
    assertThat(view.latency.chart().svg())
        .contains(">request p95  80 ms<")
        .contains(">platform RTT  12 ms<");
    assertThat(view.errors.chart().svg()).contains(">errors per request  5.00%<");
    assertThat(_get(Span.class, spec -> spec.withId("node-chart-note")).getText())
        .matches("4[45] points over the last 24 h \\(minute resolution, UTC\\)");
    List<NodeUpdateHistory.Entry> updates = view.updates.getListDataView().getItems().toList();
    assertThat(updates)
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.rolloutId()).isEqualTo(ROLLOUT);
              assertThat(u.version()).isEqualTo("2.0.0");
              assertThat(u.status()).isEqualTo("UPDATED");
            });
  }

  @Test
  void theNodePage_ofANodeThatNeverReported_saysThereIsNoData() {
    enrollment.enroll(
        List.of(
            new EnrollmentRequest("charts-silent", "chartco", Tier.ALL, "eu-north", Labels.none())),
        "test");
    startAs("sre");
    UI.getCurrent().navigate(NodeDetailView.class, NodeDetailView.params("charts-silent"));
    NodeDetailView view = _get(NodeDetailView.class);

    assertThat(view.resources.chart().svg()).contains("No data in this window");
    assertThat(view.updates.getListDataView().getItems()).isEmpty();
  }

  @Test
  void aDeployment_showsItsUpdatedNodes_againstTheBaseline() {
    startAs("sre");
    UI.getCurrent().navigate(DeploymentsView.class);
    DeploymentsView view = _get(DeploymentsView.class);

    view.show(ROLLOUT);

    String errors = view.cohortErrors.chart().svg();
    assertThat(errors)
        .contains(">updated (2 nodes)  5.00%<")
        .contains(">baseline (not updated)  1.00%<")
        .contains("stroke-dasharray");
    assertThat(view.cohortLatency.chart().svg())
        .contains(">updated (2 nodes)  80 ms<")
        .contains(">baseline (not updated)  40 ms<");
  }
}
