package io.noderr.console.views;

import static io.noderr.console.views.DetailLines.line;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.noderr.console.fleet.FleetUpdates;
import io.noderr.console.fleet.TemporalLinks;
import io.noderr.console.observe.DeploymentCharts;
import io.noderr.console.observe.TelemetryCharts;
import io.noderr.console.onboarding.DecisionRefusedException;
import io.noderr.console.rollout.AutoDeployService;
import io.noderr.console.rollout.DeploymentConflictException;
import io.noderr.console.rollout.DeploymentNotFoundException;
import io.noderr.console.rollout.DeploymentService;
import io.noderr.console.rollout.DeploymentService.Verb;
import io.noderr.console.rollout.DeploymentUnavailableException;
import io.noderr.console.rollout.InvalidDeploymentException;
import io.noderr.console.security.Roles;
import io.noderr.console.trace.TraceService;
import io.noderr.console.views.deployments.AutoDeployPanel;
import io.noderr.console.views.deployments.CohortTable;
import io.noderr.console.views.deployments.DeploymentWizard;
import io.noderr.console.views.deployments.NodeResultsGrid;
import io.noderr.registry.rollout.RolloutRow;
import io.noderr.workflows.rollout.GateEvaluation;
import io.noderr.workflows.rollout.RolloutState;
import io.noderr.workflows.search.NoderrSearchAttributes;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Deployments: start one (the wizard, admins only), the list, and the selected one's live state —
 * stage, counts, the per-cohort table, the updated nodes' error rate and latency against the
 * baseline, every node's result, gate evaluations with their numbers, ETA, its recent traces —
 * refreshed by server push, with the operator verbs (ADMIN) and a link to its workflow in the
 * Temporal UI.
 */
@Route(value = "deployments", layout = MainLayout.class)
@PageTitle("Deployments | Noderr")
@RolesAllowed({"ADMIN", "SRE"})
public class DeploymentsView extends HorizontalLayout {

  private static final Duration CHART_REFRESH = Duration.ofSeconds(30);

  final Grid<RolloutRow> grid = new Grid<>(RolloutRow.class, false);
  final VerticalLayout details = new VerticalLayout();
  private final VerticalLayout summary = new VerticalLayout();
  private final CohortTable cohorts = new CohortTable();
  private final NodeResultsGrid nodes;
  private final VerticalLayout evaluations = new VerticalLayout();
  final RecentTraces traces;
  private final TraceService traceService;
  final ChartCard cohortErrors = new ChartCard("deployment-errors", "Error rate");
  final ChartCard cohortLatency = new ChartCard("deployment-latency", "p95 latency");
  private final Span cohortNote = new Span();
  private final TelemetryCharts charts;
  private String chartsFor;
  private Instant chartsDrawn = Instant.EPOCH;
  private final DeploymentService deployments;
  private final AutoDeployService autoDeploy;
  private final AutoDeployPanel autoDeployPanel;
  private final TemporalLinks links;
  private final boolean admin;
  private String selected;

  public DeploymentsView(
      DeploymentService deployments,
      AutoDeployService autoDeploy,
      TemporalLinks links,
      FleetUpdates updates,
      AuthenticationContext auth,
      TelemetryCharts charts,
      TraceService traceService) {
    this.deployments = deployments;
    this.traceService = traceService;
    // The view's roles are among those TraceService reads for (Roles.CAN_READ_FLEET).
    this.traces = new RecentTraces("deployment-traces", traceService);
    this.charts = charts;
    this.autoDeploy = autoDeploy;
    this.links = links;
    this.admin = auth.hasRole(Roles.ADMIN);
    this.nodes = new NodeResultsGrid(deployments);
    setSizeFull();
    VerticalLayout list = new VerticalLayout();
    if (admin) {
      DeploymentWizard wizard = new DeploymentWizard(deployments::preview);
      wizard.addStartListener(
          e ->
              act(
                  () -> {
                    String id = deployments.start(e.form(), caller());
                    show(id);
                    return id + " started";
                  }));
      list.add(wizard);
    }
    autoDeployPanel = new AutoDeployPanel(admin);
    autoDeployPanel.addSaveListener(
        e ->
            act(
                () -> {
                  autoDeploy.set(e.tier(), e.enabled(), e.preset(), caller());
                  return "auto-deploy for "
                      + e.tier()
                      + (e.enabled() ? " on (" + e.preset() + ")" : " off");
                }));
    autoDeployPanel.show(autoDeploy.policies());
    list.add(autoDeployPanel);
    grid.setId("deployments-grid");
    grid.addColumn(RolloutRow::id).setHeader("Deployment").setAutoWidth(true);
    grid.addColumn(RolloutRow::status).setHeader("Status");
    grid.addColumn(r -> r.stage() + " / " + r.stages()).setHeader("Stage");
    grid.addColumn(r -> r.updated() + " of " + r.total()).setHeader("Updated");
    grid.addColumn(RolloutRow::failed).setHeader("Failed");
    grid.setHeight("20em");
    grid.setItems(
        q -> deployments.list(q.getOffset() / Math.max(1, q.getLimit()), q.getLimit()).stream());
    grid.asSingleSelect()
        .addValueChangeListener(e -> show(e.getValue() == null ? null : e.getValue().id()));
    list.add(grid);
    details.setId("deployment-details");
    details.setVisible(false);
    summary.setPadding(false);
    evaluations.setPadding(false);
    evaluations.setSpacing(false);
    details.add(
        summary,
        new H4("Cohorts"),
        cohorts,
        new H4("Updated nodes against the baseline"),
        cohortNote,
        chartRow(),
        new H4("Nodes"),
        nodes,
        new H4("Gate evaluations"),
        evaluations,
        new H4("Recent traces"),
        traces);
    add(list, details);
    // Both columns share the width 2:3 whatever their content; wide grids scroll inside.
    list.getStyle().set("flex", "2 1 0").set("min-width", "0");
    details.getStyle().set("flex", "3 1 0").set("min-width", "0");
    FleetTicks.follow(this, updates, health -> refresh());
  }

  /** Shows deployment {@code id} (null: none) as it is now. */
  void show(String id) {
    selected = id;
    details.setVisible(id != null);
    if (id == null) {
      return;
    }
    RolloutState state;
    try {
      state = deployments.state(id);
    } catch (DeploymentUnavailableException busy) {
      // The next push refreshes it; the last state shown stays until then.
      Notification.show(busy.getMessage(), 4000, Notification.Position.TOP_END);
      return;
    }
    summary.removeAll();
    HorizontalLayout counts = line("Counts", counts(state.counts()));
    FormLayout lines =
        new FormLayout(
            line("Status", state.status().name()),
            line("Stage", state.stage() + " of " + state.stages()),
            line("Nodes handed out", state.position() + " of " + state.total()),
            line(
                "ETA",
                state.etaMillis() == 0 ? "-" : Instant.ofEpochMilli(state.etaMillis()).toString()),
            line("Reason", state.reason()),
            line("Failed nodes", firstFew(state.failedNodes())),
            counts);
    lines.setResponsiveSteps(
        new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("36em", 2));
    lines.setColspan(counts, 2);
    summary.add(new H3(id), lines);
    // The rollout and all its batches: they share the deployment id.
    TemporalUiLink.to(
            links.search(NoderrSearchAttributes.DEPLOYMENT_ID, id), "deployment-temporal-ui")
        .ifPresent(summary::add);
    if (admin && !state.status().isFinal()) {
      summary.add(verbButtons(id));
    }
    cohorts.show(deployments.cohorts(id, state));
    showCharts(id);
    nodes.show(id);
    showEvaluations(state.evaluations());
    traces.show(() -> traceService.forDeployment(id));
  }

  private FlexLayout chartRow() {
    cohortNote.setId("deployment-chart-note");
    cohortNote.getStyle().set("color", "var(--lumo-secondary-text-color)");
    FlexLayout row = new FlexLayout(cohortErrors, cohortLatency);
    row.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    row.setWidthFull();
    row.getStyle().set("gap", "var(--lumo-space-m)");
    return row;
  }

  /**
   * The comparison charts, redrawn when another deployment is selected and at most every {@link
   * #CHART_REFRESH} on push (each draw reads the soak windows again).
   */
  private void showCharts(String id) {
    if (id.equals(chartsFor) && Instant.now().isBefore(chartsDrawn.plus(CHART_REFRESH))) {
      return;
    }
    DeploymentCharts shown;
    try {
      shown = charts.deployment(id);
    } catch (DeploymentNotFoundException notPlannedYet) {
      // Started a moment ago: its read-model row comes with the plan, and the next push draws it.
      cohortNote.setText("The deployment is being planned.");
      return;
    }
    cohortErrors.show(shown.errorRate());
    cohortLatency.show(shown.latency());
    cohortNote.setText(
        shown.cohortNodes()
            + " updated nodes (solid) against the nodes of the same tiers not on the new version"
            + " (dashed), from the deployment's start.");
    chartsFor = id;
    chartsDrawn = Instant.now();
  }

  private static String counts(RolloutState.Counts counts) {
    return "updated "
        + counts.updated()
        + ", already at target "
        + counts.alreadyAtTarget()
        + ", failed "
        + counts.failed()
        + ", reverted "
        + counts.reverted()
        + ", rolled back "
        + counts.rolledBack()
        + ", pending "
        + counts.pending();
  }

  /** A few ids; the node table below lists them all ("Failed only"). */
  private static String firstFew(List<String> nodeIds) {
    int shown = Math.min(nodeIds.size(), 10);
    return String.join(", ", nodeIds.subList(0, shown))
        + (nodeIds.size() > shown ? " and " + (nodeIds.size() - shown) + " more" : "");
  }

  /** The ten most recent, newest first, each with the numbers the gate judged. */
  private void showEvaluations(List<GateEvaluation> all) {
    evaluations.removeAll();
    for (int i = all.size() - 1; i >= Math.max(0, all.size() - 10); i--) {
      GateEvaluation e = all.get(i);
      evaluations.add(
          new Span(
              "stage "
                  + e.stage()
                  + "  "
                  + e.verdict()
                  + "  "
                  + e.executed()
                  + " executed, "
                  + e.failed()
                  + " failed ("
                  + String.format(Locale.ROOT, "%.1f", e.failurePercent())
                  + " %) — "
                  + e.reason()));
    }
  }

  /** Each verb asks for a reason (the audit log keeps it); the workflow may refuse it. */
  private HorizontalLayout verbButtons(String id) {
    HorizontalLayout verbs = new HorizontalLayout();
    verbs.setWrap(true);
    for (Verb verb : Verb.values()) {
      String name = verb.name().toLowerCase(Locale.ROOT);
      String label = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
      Button button =
          new Button(
              label,
              e ->
                  new RejectDialog(
                          "Confirm " + name + " of " + id,
                          label,
                          reason ->
                              act(
                                  () -> {
                                    deployments.act(id, verb, reason, false, caller());
                                    return name + " accepted";
                                  }))
                      .open());
      button.setId("deployment-" + name);
      verbs.add(button);
    }
    return verbs;
  }

  private void act(Supplier<String> action) {
    try {
      Notification.show(action.get(), 4000, Notification.Position.TOP_END);
    } catch (InvalidDeploymentException
        | DeploymentConflictException
        | DecisionRefusedException e) {
      Notification.show(e.getMessage(), 8000, Notification.Position.MIDDLE)
          .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
    refresh();
  }

  private void refresh() {
    grid.getDataProvider().refreshAll();
    autoDeployPanel.show(autoDeploy.policies());
    if (selected != null) {
      show(selected);
    }
  }

  private static Authentication caller() {
    return SecurityContextHolder.getContext().getAuthentication();
  }
}
