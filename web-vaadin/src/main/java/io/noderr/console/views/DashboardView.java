package io.noderr.console.views;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.noderr.console.charts.ChartBox;
import io.noderr.console.fleet.FleetService;
import io.noderr.console.fleet.FleetUpdates;
import io.noderr.console.observe.ActiveDeployment;
import io.noderr.console.observe.ChartWindow;
import io.noderr.console.observe.DashboardAlerts;
import io.noderr.console.observe.FleetCharts;
import io.noderr.console.observe.TelemetryCharts;
import io.noderr.console.security.Callers;
import io.noderr.console.security.Roles;
import io.noderr.registry.access.OperatorScope;
import io.noderr.registry.fleet.FleetHealth;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The fleet at a glance: health and versions over the chosen window (server-rendered charts), the
 * open alerts (admins, SREs, operators), deployments under way with their progress (admins and
 * SREs), and the counts by status, tier and version now. Counts, alerts and progress follow the
 * fleet tick by server push; the charts, drawn from minute rollups, are redrawn at most once a
 * minute.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Dashboard | Noderr")
@RolesAllowed({"ADMIN", "SRE", "OPERATOR", "SIGNER"})
public class DashboardView extends VerticalLayout {

  private static final Duration CHART_REFRESH = Duration.ofMinutes(1);

  private final Span total = new Span();
  private final CountCard byStatus = new CountCard("By status");
  private final CountCard byTier = new CountCard("By tier");
  private final CountCard byVersion = new CountCard("By version");
  final ChartCard health = new ChartCard("fleet-health", "Fleet health");
  final ChartCard versions = new ChartCard("fleet-versions", "Versions");
  final ChartWindowChoice window = new ChartWindowChoice(this::showCharts);
  final VerticalLayout deployments = new VerticalLayout();
  final OpenAlertsPanel alerts = new OpenAlertsPanel();
  private final TelemetryCharts charts;
  private final DashboardAlerts openAlerts;
  private final boolean seesDeployments;
  private final boolean seesAlerts;
  private Instant chartsDrawn = Instant.EPOCH;
  private final boolean seesFleetCharts;

  public DashboardView(
      FleetService fleet,
      FleetUpdates updates,
      TelemetryCharts charts,
      DashboardAlerts openAlerts,
      AuthenticationContext auth) {
    this.charts = charts;
    this.openAlerts = openAlerts;
    this.seesDeployments = auth.hasAnyRole(Roles.ADMIN, Roles.SRE);
    this.seesAlerts = auth.hasAnyRole(Roles.ADMIN, Roles.SRE, Roles.OPERATOR);
    total.setId("fleet-total");
    total.getStyle().set("font-size", "var(--lumo-font-size-xxxl)").set("font-weight", "600");
    FlexLayout cards = new FlexLayout(byStatus, byTier, byVersion);
    cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    cards.getStyle().set("gap", "var(--lumo-space-m)");
    FlexLayout chartRow = new FlexLayout(health, versions);
    chartRow.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    chartRow.setWidthFull();
    chartRow.getStyle().set("gap", "var(--lumo-space-m)");
    Div heading = new Div(total, new Span(" nodes registered"));
    // The fleet charts aggregate every operator's nodes: an operator login sees its own counts
    // only.
    this.seesFleetCharts = Callers.scope() instanceof OperatorScope.All;
    add(new H2("Fleet"), heading);
    if (seesFleetCharts) {
      add(window, chartRow);
    }
    if (seesAlerts) {
      add(new H3("Open alerts"), alerts);
    }
    if (seesDeployments) {
      deployments.setId("active-deployments");
      deployments.setPadding(false);
      deployments.setSpacing(false);
      deployments.getStyle().set("max-width", "56rem");
      add(new H3("Deployments under way"), deployments);
    }
    add(new H3("Now"), cards);
    // The first show draws the charts too.
    show(fleet.health());
    FleetTicks.follow(this, updates, this::show);
  }

  private void show(FleetHealth health) {
    total.setText(Long.toString(health.total()));
    byStatus.show(health.byStatus(), health.total());
    byTier.show(health.byTier(), health.total());
    byVersion.show(health.byVersion(), health.total());
    if (seesAlerts) {
      alerts.show(openAlerts.open());
    }
    if (seesDeployments) {
      showDeployments(charts.activeDeployments());
    }
    if (seesFleetCharts && Instant.now().isAfter(chartsDrawn.plus(CHART_REFRESH))) {
      showCharts(window.window());
    }
  }

  private void showCharts(ChartWindow chosen) {
    FleetCharts fleet = charts.fleet(chosen);
    health.show(fleet.health());
    versions.show(fleet.versions());
    chartsDrawn = Instant.now();
  }

  private void showDeployments(List<ActiveDeployment> active) {
    deployments.removeAll();
    if (active.isEmpty()) {
      deployments.add(new Span("No deployment under way."));
      return;
    }
    for (ActiveDeployment deployment : active) {
      Anchor name = new Anchor("deployments", deployment.row().id());
      Span status =
          new Span(
              "  "
                  + deployment.row().status()
                  + ", stage "
                  + deployment.row().stage()
                  + " of "
                  + deployment.row().stages());
      status.getStyle().set("color", "var(--lumo-secondary-text-color)");
      ChartBox progress = new ChartBox("progress-" + deployment.row().id());
      progress.show(deployment.progress());
      Div line = new Div(new Div(name, status), progress);
      line.setWidthFull();
      line.getStyle().set("margin-bottom", "var(--lumo-space-s)");
      deployments.add(line);
    }
  }
}
