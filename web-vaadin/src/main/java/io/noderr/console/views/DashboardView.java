package io.noderr.console.views;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import io.noderr.console.fleet.FleetService;
import io.noderr.console.fleet.FleetUpdates;
import io.noderr.registry.fleet.FleetHealth;
import jakarta.annotation.security.RolesAllowed;

/** Fleet counts by tier, status and version, refreshed live by server push. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Dashboard | Noderr")
@RolesAllowed({"ADMIN", "SRE", "OPERATOR", "SIGNER"})
public class DashboardView extends VerticalLayout {

  private final FleetUpdates updates;
  private final Span total = new Span();
  private final CountCard byStatus = new CountCard("By status");
  private final CountCard byTier = new CountCard("By tier");
  private final CountCard byVersion = new CountCard("By version");
  private Registration subscription;

  public DashboardView(FleetService fleet, FleetUpdates updates) {
    this.updates = updates;
    total.setId("fleet-total");
    total.getStyle().set("font-size", "var(--lumo-font-size-xxxl)").set("font-weight", "600");
    FlexLayout cards = new FlexLayout(byStatus, byTier, byVersion);
    cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    cards.getStyle().set("gap", "var(--lumo-space-m)");
    add(new H2("Fleet"), total, new Span("nodes registered"), cards);
    show(fleet.health());
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UI ui = event.getUI();
    subscription = updates.subscribe(health -> ui.access(() -> show(health)));
  }

  @Override
  protected void onDetach(DetachEvent event) {
    if (subscription != null) {
      subscription.remove();
    }
  }

  private void show(FleetHealth health) {
    total.setText(Long.toString(health.total()));
    byStatus.show(health.byStatus(), health.total());
    byTier.show(health.byTier(), health.total());
    byVersion.show(health.byVersion(), health.total());
  }
}
