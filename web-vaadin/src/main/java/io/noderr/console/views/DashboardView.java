package io.noderr.console.views;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
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
import java.util.Map;

/** Fleet counts by tier, status and version, refreshed live by server push. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Dashboard | Noderr")
@RolesAllowed({"ADMIN", "SRE", "OPERATOR", "SIGNER"})
public class DashboardView extends VerticalLayout {

  private final FleetUpdates updates;
  private final Span total = new Span();
  private final Div byStatus = section("By status");
  private final Div byTier = section("By tier");
  private final Div byVersion = section("By version");
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
    fill(byStatus, health.byStatus(), health.total());
    fill(byTier, health.byTier(), health.total());
    fill(byVersion, health.byVersion(), health.total());
  }

  private static Div section(String title) {
    Div card = new Div();
    card.getStyle()
        .set("min-width", "16rem")
        .set("padding", "var(--lumo-space-m)")
        .set("border", "1px solid var(--lumo-contrast-10pct)")
        .set("border-radius", "var(--lumo-border-radius-l)");
    card.getElement().setProperty("title", title);
    return card;
  }

  /** One line per key: label, count, and a bar whose width is its share of the fleet. */
  private static void fill(Div card, Map<String, Long> counts, long total) {
    card.removeAll();
    card.add(new H3(card.getElement().getProperty("title")));
    counts.forEach(
        (key, count) -> {
          Div bar = new Div();
          bar.getStyle()
              .set("height", "6px")
              .set("background", "var(--lumo-primary-color)")
              .set("border-radius", "3px")
              .set("width", (total == 0 ? 0 : 100 * count / total) + "%");
          Div line = new Div(new Span(key + ": "), strong(count), bar);
          line.addClassName("count-" + key.replaceAll("[^A-Za-z0-9]", "_"));
          line.getStyle().set("margin-bottom", "var(--lumo-space-s)");
          card.add(line);
        });
  }

  private static Span strong(long count) {
    Span value = new Span(Long.toString(count));
    value.getStyle().set("font-weight", "600");
    return value;
  }
}
