package io.noderr.console.views;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import io.noderr.console.trace.TraceSummary;
import io.noderr.observability.ActivityContextInterceptor;
import io.noderr.observability.Tracing;
import io.noderr.observability.TracingSettings;
import io.noderr.registry.Tier;
import io.noderr.registry.node.EnrollmentRequest;
import io.noderr.registry.node.Labels;
import io.noderr.registry.node.NodeEnrollment;
import io.noderr.registry.rollout.RolloutRow;
import io.noderr.registry.rollout.Rollouts;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The "Recent traces" panels of the node page and the deployment details, read from the in-process
 * span store (spans recorded here through the real OpenTelemetry SDK into the store, as the
 * embedded platform records them), and their one-line note when the store is off.
 */
class RecentTracesIT extends AbstractKaribuIT {

  private static final String NODE = "traced-oracle-1";
  private static final String OTHER_NODE = "traced-oracle-2";
  private static final String DEPLOYMENT = "rollout-ORACLE-5.0.0";
  private static final String NODE_ID = ActivityContextInterceptor.NODE_ATTRIBUTE;
  private static final String DEPLOYMENT_ID = ActivityContextInterceptor.DEPLOYMENT_ATTRIBUTE;
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @Autowired NodeEnrollment enrollment;
  @Autowired Rollouts rollouts;

  private Tracing tracing;
  private Tracer tracer;

  @BeforeEach
  void fleet() {
    emptyFleet();
    enrollment.enroll(
        List.of(
            new EnrollmentRequest(NODE, "traceco", Tier.ORACLE, "eu-north", Labels.none()),
            new EnrollmentRequest(OTHER_NODE, "traceco", Tier.ORACLE, "eu-north", Labels.none())),
        "test");
  }

  @AfterEach
  void stopTracing() {
    if (tracing != null) {
      tracing.close();
    }
  }

  @Test
  void anOperatorSeesTheNodesTraces_newestFirst_withRootOperationDurationSpansAndStatus() {
    recording();
    trace("POST /api/v1/nodes/{id}/health-checks", NODE_ID, NODE, T0, 40_000, false);
    trace("RunWorkflow:NodeHealthCheckWorkflow", NODE_ID, NODE, T0.plusSeconds(60), 2_500, true);
    trace("RunActivity:checkHealth", NODE_ID, OTHER_NODE, T0.plusSeconds(90), 900, false);

    startAsOperatorOwning("olga", NODE);
    UI.getCurrent().navigate(NodeDetailView.class, NodeDetailView.params(NODE));

    RecentTraces panel = _get(NodeDetailView.class).traces;
    assertThat(panel.grid.isVisible()).isTrue();
    assertThat(_size(panel.grid)).isEqualTo(2);
    TraceSummary newest = _get(panel.grid, 0);
    assertThat(newest.start()).isEqualTo(T0.plusSeconds(60));
    // Columns: trace, root operation, started, took, spans, status. A failed child fails it.
    List<String> row = _getFormattedRow(panel.grid, 0);
    assertThat(row.get(0)).isEqualTo(newest.traceId()).hasSize(32);
    assertThat(row.subList(3, 6)).containsExactly("2.5 ms", "2", "ERROR");
    assertThat(row.get(1)).isEqualTo("RunWorkflow:NodeHealthCheckWorkflow");
    assertThat(_getFormattedRow(panel.grid, 1))
        .contains("POST /api/v1/nodes/{id}/health-checks", "40.0 ms", "OK");
    assertThat(panel.note.getText()).startsWith("Newest first");
  }

  @Test
  void anSreSeesTheSelectedDeploymentsTraces() {
    rollouts.planned(DEPLOYMENT, "5.0.0", List.of(Tier.ORACLE));
    rollouts.apply(
        new RolloutRow(DEPLOYMENT, "5.0.0", List.of(), "RUNNING", 1, 3, 2, 1, 0, 0, null, null), 3);
    recording();
    trace("POST /api/v1/deployments", DEPLOYMENT_ID, DEPLOYMENT, T0, 1_250_000, false);
    trace("POST /api/v1/deployments", DEPLOYMENT_ID, "rollout-GUARDIAN-5.0.0", T0, 10, false);

    startAs("sre");
    UI.getCurrent().navigate(DeploymentsView.class);
    DeploymentsView view = _get(DeploymentsView.class);
    view.show(DEPLOYMENT);

    assertThat(_size(view.traces.grid)).isEqualTo(1);
    assertThat(_getFormattedRow(view.traces.grid, 0))
        .contains("POST /api/v1/deployments", "1.25 s", "2", "OK");
  }

  @Test
  void withoutASpanStore_theNodePageSaysSoInOneLine_andShowsNoTable() {
    startAs("sre");
    UI.getCurrent().navigate(NodeDetailView.class, NodeDetailView.params(NODE));

    RecentTraces panel = _get(NodeDetailView.class).traces;
    assertThat(panel.grid.isVisible()).isFalse();
    assertThat(panel.note.getText()).isEqualTo(RecentTraces.OFF);
  }

  @Test
  void aStoreWithNothingAboutTheNode_saysSo() {
    recording();
    trace("RunActivity:checkHealth", NODE_ID, OTHER_NODE, T0, 900, false);

    startAs("admin");
    UI.getCurrent().navigate(NodeDetailView.class, NodeDetailView.params(NODE));

    RecentTraces panel = _get(NodeDetailView.class).traces;
    assertThat(_size(panel.grid)).isZero();
    assertThat(panel.note.getText()).isEqualTo(RecentTraces.NONE);
  }

  /** This process's tracing with a span store, as the embedded platform starts it. */
  private void recording() {
    tracing = Tracing.start(new TracingSettings("noderr-console", "", 100)).install();
    tracer = tracing.tracer("recent-traces-it");
  }

  /**
   * One trace of two spans: root {@code name} tagged {@code attribute=value} from {@code start} for
   * {@code micros}, and a child inside it that failed when {@code childFailed}.
   */
  private void trace(
      String name,
      String attribute,
      String value,
      Instant start,
      long micros,
      boolean childFailed) {
    Instant end = start.plusNanos(micros * 1_000);
    Span root =
        tracer
            .spanBuilder(name)
            .setAttribute(attribute, value)
            .setStartTimestamp(start)
            .startSpan();
    Span child =
        tracer
            .spanBuilder("StartActivity:step")
            .setParent(Context.root().with(root))
            .setStartTimestamp(start.plusNanos(micros * 100))
            .startSpan();
    if (childFailed) {
      child.setStatus(StatusCode.ERROR);
    }
    child.end(end);
    root.end(end);
  }
}
