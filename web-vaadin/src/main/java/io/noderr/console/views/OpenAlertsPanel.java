package io.noderr.console.views;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.noderr.console.observe.DashboardAlerts;
import io.noderr.registry.alert.AlertRow;
import io.noderr.registry.alert.Severity;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The dashboard's open alerts: the count by severity, then the newest firing ones. */
class OpenAlertsPanel extends VerticalLayout {

  final Span summary = new Span();
  final Grid<AlertRow> grid = new Grid<>();

  OpenAlertsPanel() {
    setId("open-alerts");
    setPadding(false);
    setSpacing(false);
    getStyle().set("max-width", "56rem");
    summary.setId("open-alerts-summary");
    grid.addThemeVariants(GridVariant.LUMO_COMPACT);
    grid.setAllRowsVisible(true);
    grid.addColumn(a -> a.severity().name()).setHeader("Severity").setAutoWidth(true);
    grid.addColumn(AlertRow::summary).setHeader("Alert").setFlexGrow(3);
    grid.addColumn(a -> NodesView.ago(a.firstSeen())).setHeader("Since").setAutoWidth(true);
    grid.addColumn(a -> a.acknowledged() ? a.ackedBy() : "—").setHeader("Owner").setAutoWidth(true);
    grid.addComponentColumn(OpenAlertsPanel::runbook).setHeader("Runbook").setAutoWidth(true);
    add(summary, grid);
  }

  void show(DashboardAlerts.Open open) {
    long total = open.counts().total();
    if (total == 0) {
      summary.setText("No alert is firing.");
      grid.setVisible(false);
      return;
    }
    String bySeverity =
        Stream.of(Severity.CRITICAL, Severity.WARNING, Severity.INFO)
            .filter(s -> open.counts().bySeverity().getOrDefault(s, 0L) > 0)
            .map(s -> open.counts().bySeverity().get(s) + " " + s.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
    summary.setText(
        total
            + " firing ("
            + bySeverity
            + "), "
            + open.counts().unacknowledged()
            + " not acknowledged"
            + (total > open.newest().size() ? "; the newest " + open.newest().size() + ":" : ""));
    grid.setVisible(true);
    grid.setItems(open.newest());
  }

  private static Span runbook(AlertRow alert) {
    if (alert.runbook() == null || alert.runbook().isBlank()) {
      return new Span("—");
    }
    Anchor link = new Anchor(alert.runbook(), "runbook");
    link.setTarget("_blank");
    return new Span(link);
  }
}
