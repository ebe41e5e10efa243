package io.noderr.console.views;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.noderr.console.fleet.FleetService;
import io.noderr.console.fleet.FleetUpdates;
import io.noderr.registry.fleet.FleetHealth;
import jakarta.annotation.security.RolesAllowed;

/** Fleet counts by tier, status and version, refreshed live by server push. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Dashboard | Noderr")
@RolesAllowed({"ADMIN", "SRE", "OPERATOR", "SIGNER"})
public class DashboardView extends VerticalLayout {

  private final Span total = new Span();
  private final CountCard byStatus = new CountCard("By status");
  private final CountCard byTier = new CountCard("By tier");
  private final CountCard byVersion = new CountCard("By version");

  public DashboardView(FleetService fleet, FleetUpdates updates) {
    total.setId("fleet-total");
    total.getStyle().set("font-size", "var(--lumo-font-size-xxxl)").set("font-weight", "600");
    FlexLayout cards = new FlexLayout(byStatus, byTier, byVersion);
    cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    cards.getStyle().set("gap", "var(--lumo-space-m)");
    add(new H2("Fleet"), total, new Span("nodes registered"), cards);
    show(fleet.health());
    FleetTicks.follow(this, updates, this::show);
  }

  private void show(FleetHealth health) {
    total.setText(Long.toString(health.total()));
    byStatus.show(health.byStatus(), health.total());
    byTier.show(health.byTier(), health.total());
    byVersion.show(health.byVersion(), health.total());
  }
}
