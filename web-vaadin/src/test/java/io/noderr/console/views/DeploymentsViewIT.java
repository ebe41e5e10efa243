package io.noderr.console.views;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.grpc.StatusRuntimeException;
import io.noderr.activities.node.NodeUpdateResult;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import io.noderr.console.views.deployments.DeploymentWizard;
import io.noderr.console.views.deployments.NodeResultsGrid;
import io.noderr.registry.Tier;
import io.noderr.registry.autodeploy.AutoDeployPolicies;
import io.noderr.registry.autodeploy.AutoDeployPolicy;
import io.noderr.registry.node.EnrollmentRequest;
import io.noderr.registry.node.Labels;
import io.noderr.registry.node.NodeEnrollment;
import io.noderr.registry.rollout.RolloutRow;
import io.noderr.registry.rollout.Rollouts;
import io.noderr.workflows.rollout.RolloutInput;
import io.noderr.workflows.rollout.RolloutStrategy;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Deployments view in Karibu on the real Spring context with the real RolloutWorkflow: a
 * deployment to a tier with no nodes started from the wizard and rolled back through the verb
 * dialog; one to four nodes answered by fake agents (one failing), with the advanced fields in its
 * strategy, watched in the cohort table and the per-node grid with its filters; malformed requests
 * refused in the rules' words with nothing started; roles.
 */
class DeploymentsViewIT extends AbstractKaribuIT {

  private static final String DIGEST = "sha256:" + "d1".repeat(32);
  private static final List<String> NODES = List.of("dv-01", "dv-02", "dv-03", "dv-04");
  private static final String FAILING = "dv-03";
  private static final String ERROR = "probe: HTTP 503 on /health three times in a row";

  @Autowired NodeEnrollment enrollment;
  @Autowired AutoDeployPolicies autoDeployPolicies;
  @Autowired Rollouts rollouts;
  @Autowired WorkflowClient temporal;

  /** Four ORACLE nodes and nothing else, so GUARDIAN has none. */
  @BeforeEach
  void fleet() {
    emptyFleet();
    enrollment.enroll(
        NODES.stream()
            .map(id -> new EnrollmentRequest(id, "acme", Tier.ORACLE, "eu-west", Labels.none()))
            .toList(),
        "test");
  }

  @Test
  void admin_startsADeployment_watchesItComplete_andRollsItBack() {
    published(Tier.GUARDIAN, "3.0.1", DIGEST);
    startAs("admin");
    DeploymentsView view = open();

    _setValue(field(TextField.class, "deployment-version"), "3.0.1");
    _setValue(field(CheckboxGroup.class, "deployment-tiers"), Set.of("GUARDIAN"));
    _setValue(field(TextField.class, "deployment-digest"), DIGEST);
    _setValue(field(TextField.class, "deployment-steps"), "100%");
    _click(_get(Button.class, spec -> spec.withId("start-deployment")));

    assertThat(AbstractReleaseIT.notifications()).contains("rollout-GUARDIAN-3.0.1 started");
    awaitDetails(view, "rollout-GUARDIAN-3.0.1", "COMPLETED");
    // The rollout and its batches, by the deployment id they carry (docs/sre.md).
    assertThat(_get(Anchor.class, spec -> spec.withId("deployment-temporal-ui")).getHref())
        .isEqualTo(
            "http://temporal-ui.test:8233/namespaces/default/workflows?query="
                + "NoderrDeploymentId%3D%22rollout-GUARDIAN-3.0.1%22");
    _click(_get(Button.class, spec -> spec.withId("deployment-rollback")));
    RejectDialog dialog = _get(RejectDialog.class);
    _setValue(dialog.reason, "drill");
    Button confirm = _get(Button.class, spec -> spec.withId("confirm-reject"));
    assertThat(confirm.getText()).isEqualTo("Rollback");
    _click(confirm);
    awaitDetails(view, "rollout-GUARDIAN-3.0.1", "ROLLED_BACK");
  }

  @Test
  void theAdvancedFields_makeTheStrategy_andTheCohortsAndNodesShowEachResult() throws Exception {
    String id = "rollout-ORACLE-3.1.0";
    NodeUpdateResult failure =
        new NodeUpdateResult(FAILING, Outcome.FAILED, FailureType.UNHEALTHY, ERROR, "3.0.0", 900);
    published(Tier.ORACLE, "3.1.0", DIGEST);
    try (var agents = new FakeNodeAgents(temporal, NODES, Map.of(FAILING, failure))) {
      startAs("admin");
      DeploymentsView view = open();
      fillIn("3.1.0", "ORACLE", "1, 100%");
      _get(Details.class, spec -> spec.withId("deployment-advanced")).setOpened(true);
      _setValue(field(IntegerField.class, "deployment-max-parallel"), 2);
      _setValue(field(IntegerField.class, "deployment-node-deadline"), 60);
      // One failure in four stays under these gates: 25 % executed, and no verdict before all four.
      _setValue(field(NumberField.class, "deployment-max-failure"), 50.0);
      _setValue(field(TextField.class, "deployment-failure-limits"), "UNHEALTHY=60, timeout=10");
      _setValue(field(IntegerField.class, "deployment-min-executed"), 4);
      _setValue(field(IntegerField.class, "deployment-max-consecutive"), 3);
      _setValue(field(Select.class, "deployment-on-gate-failure"), "PAUSE");
      _setValue(field(Select.class, "deployment-update-strategy"), "DOWNLOAD_THEN_SWAP");
      _setValue(field(IntegerField.class, "deployment-rollback-window"), 0);
      _setValue(field(IntegerField.class, "deployment-progress-deadline"), 30);
      _setValue(field(TextArea.class, "deployment-windows"), "region=* daily 00:00-24:00 UTC");

      assertThat(text("deployment-preview"))
          .isEqualTo(
              "Stages: 1 node → 100%, soak none, 1 maintenance window, a failed gate pauses");
      _click(_get(Button.class, spec -> spec.withId("start-deployment")));
      assertThat(AbstractReleaseIT.notifications()).contains(id + " started");
      awaitDetails(view, id, "SUCCEEDED");
    }

    RolloutStrategy strategy = startedStrategy(id);
    assertThat(strategy.maxParallel()).isEqualTo(2);
    assertThat(strategy.perNodeDeadlineMillis()).isEqualTo(60_000);
    assertThat(strategy.soakMillis()).isZero();
    assertThat(strategy.gates().maxFailurePercent()).isEqualTo(50.0);
    assertThat(strategy.gates().maxFailurePercentByType())
        .isEqualTo(Map.of(FailureType.UNHEALTHY, 60.0, FailureType.TIMEOUT, 10.0));
    assertThat(strategy.gates().minExecuted()).isEqualTo(4);
    assertThat(strategy.gates().maxConsecutiveFailures()).isEqualTo(3);
    assertThat(strategy.onGateFailure()).isEqualTo(RolloutStrategy.GateFailureAction.PAUSE);
    assertThat(strategy.updateStrategy().name()).isEqualTo("DOWNLOAD_THEN_SWAP");
    assertThat(strategy.rollbackWindowMillis()).isZero();
    assertThat(strategy.progressDeadlineMillis()).isEqualTo(Duration.ofMinutes(30).toMillis());
    assertThat(strategy.maintenanceWindows()).hasSize(1);

    // The cohort table: the canary stage plans 1 node, the last the other 3; every node counted.
    Grid<?> cohorts = _get(Grid.class, spec -> spec.withId("cohort-grid"));
    assertThat(_size(cohorts)).isEqualTo(2);
    assertThat(column(cohorts, "planned")).containsExactly(1, 3);
    assertThat(sum(cohorts, "updated")).isEqualTo(3);
    assertThat(sum(cohorts, "failed")).isEqualTo(1);
    assertThat(column(cohorts, "revertFailed")).containsExactly(0, 0);
    assertThat(text("cohort-pending")).isEqualTo("0 nodes not handed out yet");

    // Every node in the per-node grid; the failing one with its failure type and error text.
    Grid<?> nodes = _get(Grid.class, spec -> spec.withId("node-results-grid"));
    assertThat(_size(nodes)).isEqualTo(4);
    int failed = column(nodes, "node").indexOf(FAILING);
    assertThat(_getFormatted(nodes, failed, "status")).isEqualTo("FAILED");
    assertThat(_getFormatted(nodes, failed, "failure")).isEqualTo("UNHEALTHY");
    assertThat(_getFormatted(nodes, failed, "detail")).isEqualTo(ERROR);
    assertThat(_getFormatted(nodes, failed, "millis")).isEqualTo("0.9 s");

    // The filters: failed only, and a node id prefix.
    _setValue(field(Select.class, "node-status-filter"), NodeResultsGrid.FAILED_ONLY);
    assertThat(column(nodes, "node")).containsExactly(FAILING);
    assertThat(text("node-results-matching")).isEqualTo("1 matching");
    _setValue(field(Select.class, "node-status-filter"), null);
    _setValue(field(TextField.class, "node-result-search"), "DV-0");
    assertThat(_size(nodes)).isEqualTo(4);
    _setValue(field(TextField.class, "node-result-search"), "dv-02");
    assertThat(column(nodes, "node")).containsExactly("dv-02");
    assertThat(_getFormatted(nodes, 0, "status")).isEqualTo("UPDATED");
  }

  @Test
  void badInput_isRefusedInTheRulesWords_namingEachField_andNothingStarts() {
    startAs("admin");
    DeploymentsView view = open();
    fillIn("3.2.0", "ORACLE", "10%, 100%");
    _get(Details.class, spec -> spec.withId("deployment-advanced")).setOpened(true);
    _setValue(field(IntegerField.class, "deployment-max-parallel"), 5000);
    _setValue(field(TextField.class, "deployment-failure-limits"), "GREMLINS=5");
    _setValue(
        field(TextArea.class, "deployment-windows"), "daily 01:00-02:00\nMon-Fri 25:00-05:00");

    // The preview says so before anyone presses start.
    assertThat(text("deployment-preview"))
        .contains("maxParallel must be less than or equal to 2000")
        .contains("'GREMLINS' is not a failure type")
        .contains("maintenanceWindows line 2");
    _click(_get(Button.class, spec -> spec.withId("start-deployment")));

    assertThat(AbstractReleaseIT.notifications())
        .anyMatch(
            text ->
                text.contains("maxParallel must be less than or equal to 2000")
                    && text.contains("maxFailurePercentByType: 'GREMLINS' is not a failure type")
                    && text.contains(
                        "maintenanceWindows line 2 ('Mon-Fri 25:00-05:00'): '25:00' is not a"
                            + " time of day"));
    _setValue(field(TextField.class, "deployment-failure-limits"), "UNHEALTHY");
    _click(_get(Button.class, spec -> spec.withId("start-deployment")));
    assertThat(AbstractReleaseIT.notifications())
        .anyMatch(text -> text.startsWith("maxFailurePercentByType: 'UNHEALTHY' is not like"));

    assertThat(view.details.isVisible()).isFalse();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM rollouts", Long.class)).isZero();
    assertThatThrownBy(() -> describe("rollout-ORACLE-3.2.0"))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("NOT_FOUND");
  }

  @Test
  void aVersionTheSignersDidNotPublish_isRefused_namingBothReleases_andNothingStarts() {
    published(Tier.ORACLE, "3.3.0", DIGEST);
    startAs("admin");
    DeploymentsView view = open();

    fillIn("3.3.1", "ORACLE", "100%");
    _click(_get(Button.class, spec -> spec.withId("start-deployment")));

    assertThat(AbstractReleaseIT.notifications())
        .anyMatch(
            text ->
                text.contains("the beacon publishes 3.3.0 (" + DIGEST + ") for tier ORACLE")
                    && text.contains("not 3.3.1 (" + DIGEST + ")"));
    assertThat(view.details.isVisible()).isFalse();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM rollouts", Long.class)).isZero();
  }

  @Test
  void anAdmin_turnsAutoDeployOnForATier_andAnSreSeesItReadOnly() {
    startAs("admin");
    open();
    _setValue(field(Checkbox.class, "auto-deploy-GUARDIAN"), true);
    _setValue(field(Select.class, "auto-deploy-preset-GUARDIAN"), "all-at-once");
    _click(_get(Button.class, spec -> spec.withId("auto-deploy-save-GUARDIAN")));

    assertThat(AbstractReleaseIT.notifications())
        .contains("auto-deploy for GUARDIAN on (all-at-once)");
    AutoDeployPolicy saved = autoDeployPolicies.of(Tier.GUARDIAN);
    assertThat(saved.enabled()).isTrue();
    assertThat(saved.preset()).isEqualTo("all-at-once");

    startAs("sre");
    open();
    assertThat(_get(Checkbox.class, spec -> spec.withId("auto-deploy-GUARDIAN")).isReadOnly())
        .isTrue();
    assertThat(_find(Button.class, spec -> spec.withId("auto-deploy-save-GUARDIAN"))).isEmpty();
    autoDeployPolicies.set(Tier.GUARDIAN, false, "canary", "test");
  }

  @Test
  void aMalformedVersion_isRefusedInTheRulesWords() {
    startAs("admin");
    DeploymentsView view = open();

    fillIn("latest", "ALL", "");
    _click(_get(Button.class, spec -> spec.withId("start-deployment")));

    assertThat(AbstractReleaseIT.notifications())
        .anyMatch(text -> text.contains("not a semantic version"));
    assertThat(view.details.isVisible()).isFalse();
  }

  @Test
  void aDeploymentWhoseWorkflowIsGone_staysVisible_asLost_withTheRecordedFigures() {
    rollouts.planned("rollout-ORACLE-4.0.0", "4.0.0", List.of(Tier.ORACLE));
    rollouts.apply(
        new RolloutRow(
            "rollout-ORACLE-4.0.0", "4.0.0", List.of(), "RUNNING", 2, 3, 10, 4, 1, 0, null, null),
        7);
    startAs("sre");
    DeploymentsView view = open();

    view.show("rollout-ORACLE-4.0.0");

    assertThat(_find(Span.class, spec -> spec.withText("LOST"))).isNotEmpty();
    assertThat(_find(Span.class, spec -> spec.withText("2 of 3"))).isNotEmpty();
    assertThat(
            _find(
                Span.class,
                spec ->
                    spec.withPredicate(span -> span.getText().contains("not being started again"))))
        .isNotEmpty();
  }

  @Test
  void sre_watchesWithoutTheWizard_andOperatorsAreRefused() {
    startAs("sre");
    open();
    assertThat(_find(DeploymentWizard.class)).isEmpty();

    startWithRoles("olga", "OPERATOR");
    UI.getCurrent().navigate("deployments");
    assertThat(_find(DeploymentsView.class)).isEmpty();
  }

  private static DeploymentsView open() {
    UI.getCurrent().navigate(DeploymentsView.class);
    return _get(DeploymentsView.class);
  }

  private static void fillIn(String version, String tier, String steps) {
    _setValue(field(TextField.class, "deployment-version"), version);
    _setValue(field(CheckboxGroup.class, "deployment-tiers"), Set.of(tier));
    _setValue(field(TextField.class, "deployment-digest"), DIGEST);
    _setValue(field(TextField.class, "deployment-steps"), steps);
    _setValue(field(IntegerField.class, "deployment-soak"), 0);
  }

  @SuppressWarnings("unchecked")
  private static <C extends Component & HasValue<?, ?>> C field(Class<?> type, String id) {
    return (C) _get((Class<C>) type, spec -> spec.withId(id));
  }

  private static String text(String id) {
    return _get(Span.class, spec -> spec.withId(id)).getText();
  }

  /** One column's cells, as the grid formats them, parsed back to numbers where they are. */
  private static List<Object> column(Grid<?> grid, String key) {
    return IntStream.range(0, _size(grid))
        .mapToObj(row -> _getFormatted(grid, row, key))
        .map(cell -> cell.matches("\\d+") ? (Object) Integer.valueOf(cell) : cell)
        .toList();
  }

  private static int sum(Grid<?> grid, String key) {
    return column(grid, key).stream().mapToInt(cell -> (Integer) cell).sum();
  }

  private RolloutStrategy startedStrategy(String workflowId) {
    var input =
        temporal
            .fetchHistory(workflowId)
            .getEvents()
            .getFirst()
            .getWorkflowExecutionStartedEventAttributes()
            .getInput();
    return DefaultDataConverter.newDefaultInstance()
        .fromPayloads(0, Optional.of(input), RolloutInput.class, RolloutInput.class)
        .strategy();
  }

  private void describe(String workflowId) {
    temporal
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(temporal.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build());
  }

  /**
   * Re-reads the live state until it shows {@code status} (on the test thread: Vaadin state may
   * only be touched under the session lock this thread holds).
   */
  private static void awaitDetails(DeploymentsView view, String id, String status) {
    long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < giveUp) {
      view.show(id);
      if (!_find(Span.class, spec -> spec.withText(status)).isEmpty()) {
        return;
      }
      MockVaadin.clientRoundtrip();
      Thread.onSpinWait();
    }
    assertThat(_find(Span.class, spec -> spec.withText(status))).as(status).isNotEmpty();
  }
}
