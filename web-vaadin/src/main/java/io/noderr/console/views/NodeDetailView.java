package io.noderr.console.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.noderr.console.fleet.FleetService;
import io.noderr.console.fleet.HealthCheckService;
import io.noderr.console.fleet.NodeDetails;
import io.noderr.console.fleet.NodeDetails.LinkedRun;
import io.noderr.console.fleet.NodeNotFoundException;
import io.noderr.console.fleet.TemporalLinks;
import io.noderr.console.observe.NodeCharts;
import io.noderr.console.observe.TelemetryCharts;
import io.noderr.console.operator.OperatorLoginService;
import io.noderr.console.security.Roles;
import io.noderr.console.trace.TraceService;
import io.noderr.registry.audit.AuditEntry;
import io.noderr.registry.node.Node;
import io.noderr.registry.rollout.NodeUpdateHistory;
import io.noderr.workflows.search.NoderrSearchAttributes;
import jakarta.annotation.security.RolesAllowed;
import java.util.Locale;

/**
 * One node: identity, version, health, its CPU/memory/disk, latency and error-rate charts over the
 * chosen window, its update history, recent audit events, its workflows and its recent traces.
 */
@Route(value = "nodes/:id", layout = MainLayout.class)
@PageTitle("Node | Noderr")
@RolesAllowed({"ADMIN", "SRE", "OPERATOR"})
public class NodeDetailView extends VerticalLayout implements BeforeEnterObserver {

  private final FleetService fleet;
  private final HealthCheckService healthChecks;
  private final AuthenticationContext auth;
  private final TemporalLinks links;
  private final TelemetryCharts charts;
  private final TraceService traceService;
  private final OperatorLoginService operatorLogins;
  final ChartCard resources = new ChartCard("node-resources", "CPU, memory, disk");
  final ChartCard latency = new ChartCard("node-latency", "Latency");
  final ChartCard errors = new ChartCard("node-errors", "Error rate");
  final Grid<NodeUpdateHistory.Entry> updates = updateHistory();
  final Span chartNote = new Span();
  final RecentTraces traces;
  private final ChartWindowChoice window = new ChartWindowChoice(w -> showCharts());
  private String nodeId;

  public NodeDetailView(
      FleetService fleet,
      HealthCheckService healthChecks,
      AuthenticationContext auth,
      TemporalLinks links,
      TelemetryCharts charts,
      TraceService traceService,
      OperatorLoginService operatorLogins) {
    this.fleet = fleet;
    this.healthChecks = healthChecks;
    this.auth = auth;
    this.links = links;
    this.charts = charts;
    this.traceService = traceService;
    this.operatorLogins = operatorLogins;
    // The view's roles are the ones TraceService reads for (Roles.CAN_READ_FLEET).
    this.traces = new RecentTraces("node-traces", traceService);
    chartNote.setId("node-chart-note");
    chartNote.getStyle().set("color", "var(--lumo-secondary-text-color)");
  }

  static RouteParameters params(String nodeId) {
    return new RouteParameters("id", nodeId);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    String nodeId = event.getRouteParameters().get("id").orElse("");
    try {
      show(fleet.details(nodeId));
    } catch (NodeNotFoundException e) {
      removeAll();
      add(new H2("Node not found"), new Span(e.getMessage()));
    }
  }

  private void show(NodeDetails details) {
    removeAll();
    Node node = details.node();
    H2 title = new H2(node.id());
    title.setId("node-title");
    add(title, identity(details));
    if (auth.hasRole(Roles.ADMIN)) {
      Button check =
          new Button("Check health now", VaadinIcon.HEART.create(), e -> startCheck(node.id()));
      check.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
      check.setId("check-health");
      Button logins =
          new Button(
              "Operator logins",
              VaadinIcon.USERS.create(),
              e -> new OperatorLoginsDialog(node.operatorId(), operatorLogins).open());
      logins.setId("operator-logins-button");
      add(new HorizontalLayout(check, logins));
    }
    nodeId = node.id();
    FlexLayout chartRow = new FlexLayout(resources, latency, errors);
    chartRow.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    chartRow.setWidthFull();
    chartRow.getStyle().set("gap", "var(--lumo-space-m)");
    add(new H3("Telemetry"), window, chartNote, chartRow, new H3("Update history"), updates);
    showCharts();
    add(new H3("Workflows"));
    // Every workflow about the node: its health checks, onboarding and the rollout batches that
    // updated it (docs/sre.md).
    TemporalUiLink.to(links.search(NoderrSearchAttributes.NODE_ID, node.id()), "node-temporal-ui")
        .ifPresent(this::add);
    add(workflows(details), new H3("Recent traces"), traces);
    traces.show(() -> traceService.forNode(node.id()));
    add(new H3("Recent audit events"), audit(details));
  }

  private Component identity(NodeDetails details) {
    Node node = details.node();
    FormLayout form = new FormLayout();
    field(form, "Operator", details.operatorName());
    field(form, "Tier", node.tier().name());
    field(form, "Region", node.region());
    field(form, "Status", node.status().name());
    field(form, "Attestation", node.attestationStatus().name());
    field(form, "Version", node.version());
    field(form, "Image digest", node.imageDigest());
    field(form, "Health", node.health());
    field(
        form,
        "CPU / memory / disk",
        percent(node.cpuPercent())
            + " / "
            + percent(node.memoryPercent())
            + " / "
            + percent(node.diskPercent()));
    field(form, "Last seen", NodesView.ago(node.lastHeartbeat()));
    field(form, "Labels", node.labels().values().toString());
    return form;
  }

  private static void field(FormLayout form, String label, String value) {
    Span span = new Span(value == null || value.isEmpty() ? "—" : value);
    span.getStyle().set("font-family", "var(--lumo-font-family)");
    form.addFormItem(span, label);
  }

  private static String percent(Float value) {
    return value == null ? "—" : String.format(Locale.ROOT, "%.0f%%", value);
  }

  private static Grid<LinkedRun> workflows(NodeDetails details) {
    Grid<LinkedRun> grid = new Grid<>();
    grid.setId("node-workflows");
    grid.setAllRowsVisible(true);
    grid.addComponentColumn(NodeDetailView::workflowLink).setHeader("Workflow").setFlexGrow(2);
    grid.addColumn(r -> r.run().workflowType()).setHeader("Type");
    grid.addColumn(r -> r.run().status()).setHeader("Status");
    grid.addColumn(r -> r.run().detail()).setHeader("Outcome").setFlexGrow(2);
    grid.addColumn(r -> r.run().startedBy()).setHeader("By");
    grid.addColumn(r -> NodesView.ago(r.run().startedAt())).setHeader("Started");
    grid.setItems(details.recentWorkflows());
    return grid;
  }

  private static Component workflowLink(LinkedRun run) {
    if (run.temporalUi() == null) {
      return new Span(run.run().workflowId());
    }
    Anchor link = new Anchor(run.temporalUi().toString(), run.run().workflowId());
    link.setTarget("_blank");
    return link;
  }

  /** Redraws the charts and the update history for the chosen window. */
  private void showCharts() {
    NodeCharts shown = charts.node(nodeId, window.window());
    resources.show(shown.resources());
    latency.show(shown.latency());
    errors.show(shown.errors());
    chartNote.setText(
        shown.points()
            + " points over the last "
            + window.window().label()
            + " ("
            + window.window().nodeResolution().name().toLowerCase(Locale.ROOT)
            + " resolution, UTC)");
    updates.setItems(shown.updates());
  }

  private static Grid<NodeUpdateHistory.Entry> updateHistory() {
    Grid<NodeUpdateHistory.Entry> grid = new Grid<>();
    grid.setId("node-updates");
    grid.setAllRowsVisible(true);
    grid.addColumn(e -> NodesView.ago(e.at())).setHeader("When");
    grid.addColumn(NodeUpdateHistory.Entry::rolloutId).setHeader("Deployment").setFlexGrow(2);
    grid.addColumn(NodeUpdateHistory.Entry::version).setHeader("Version");
    grid.addColumn(NodeUpdateHistory.Entry::status).setHeader("Result");
    grid.addColumn(e -> e.stage() == null ? "—" : e.stage().toString()).setHeader("Stage");
    grid.addColumn(e -> e.millis() == null ? "—" : e.millis() + " ms").setHeader("Took");
    grid.addColumn(NodeUpdateHistory.Entry::detail).setHeader("Detail").setFlexGrow(2);
    return grid;
  }

  private static Grid<AuditEntry> audit(NodeDetails details) {
    Grid<AuditEntry> grid = new Grid<>();
    grid.setId("node-audit");
    grid.setAllRowsVisible(true);
    grid.addColumn(e -> NodesView.ago(e.at())).setHeader("When");
    grid.addColumn(AuditEntry::actor).setHeader("Actor");
    grid.addColumn(AuditEntry::action).setHeader("Action");
    grid.addColumn(AuditEntry::detail).setHeader("Detail").setFlexGrow(3);
    grid.setItems(details.recentAudit());
    return grid;
  }

  private void startCheck(String nodeId) {
    String user = auth.getPrincipalName().orElse("unknown");
    String workflowId = healthChecks.start(nodeId, user);
    Notification.show(
            "Health check started: " + workflowId, 4000, Notification.Position.BOTTOM_START)
        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    show(fleet.details(nodeId));
  }
}
