package io.noderr.console.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.noderr.console.security.Roles;
import io.noderr.console.sim.SimulatorService;
import io.noderr.console.sim.SimulatorService.SimulatorState;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The hosted simulated fleet's release faults: make a version fail on some nodes, in one of four
 * ways, to watch a rollout's gates and automatic rollback at work. Only where a fleet is hosted.
 */
@Route(value = "simulator", layout = MainLayout.class)
@PageTitle("Simulator | Noderr")
@RolesAllowed({"ADMIN", "SRE"})
public class SimulatorView extends VerticalLayout {

  final Span current = new Span();
  final TextField spec = new TextField("Set release faults");
  final Button apply = new Button("Apply");
  private final SimulatorService simulator;

  public SimulatorView(SimulatorService simulator, AuthenticationContext auth) {
    this.simulator = simulator;
    add(new H3("Simulated fleet"));
    if (!simulator.present()) {
      add(new Paragraph("This platform hosts no simulated fleet (start one with noderr up)."));
      return;
    }
    current.setId("release-faults");
    spec.setId("release-faults-spec");
    spec.setPlaceholder("1.6.0:unhealthy=30, 1.6.0:hang=5");
    spec.setHelperText(
        "VERSION:KIND=PERCENT, comma-separated; kinds: unhealthy (fails its health soak and"
            + " reverts), slow (10 s longer), crash (agent dies mid-update, retry finishes),"
            + " hang (never answers), errors (8x error rate) and latency (4x p95) after an"
            + " update that succeeds; 0 clears a knob. The same nodes fail every time.");
    spec.setWidth("40em");
    apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    apply.addClickListener(e -> apply());
    add(current);
    if (auth.hasRole(Roles.ADMIN)) {
      add(spec, apply);
    }
    refresh();
  }

  private void apply() {
    try {
      show(
          simulator.applyReleaseFaults(
              spec.getValue(), SecurityContextHolder.getContext().getAuthentication()));
      spec.clear();
      Notification.show("Release faults applied");
    } catch (IllegalArgumentException e) {
      Notification.show(e.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
  }

  private void refresh() {
    simulator.state().ifPresent(this::show);
  }

  private void show(SimulatorState state) {
    current.setText(
        state.nodes()
            + " simulated nodes; release faults: "
            + (state.releaseFaults().isEmpty() ? "none" : state.releaseFaults()));
  }
}
