package io.noderr.console.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.noderr.console.emergency.EmergencyDetails;
import io.noderr.console.emergency.EmergencyNotFoundException;
import io.noderr.console.emergency.EmergencyRefusedException;
import io.noderr.console.emergency.EmergencyService;
import io.noderr.console.emergency.InvalidEmergencyException;
import io.noderr.console.fleet.FleetUpdates;
import io.noderr.console.onboarding.DecisionRefusedException;
import io.noderr.console.release.DemoSignerKeys;
import io.noderr.console.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Emergencies: the red button (pause tiers now, on one guardian's signature), the other emergency
 * actions, the open ones with their signatures and a running mandate's time left, and the selected
 * one with what to sign. Admins and signers propose, signers sign, SREs watch. {@code
 * emergency/<id>} opens one emergency (the signer inbox links there).
 */
@Route(value = "emergency", layout = MainLayout.class)
@PageTitle("Emergency | Noderr")
@RolesAllowed({"ADMIN", "SRE", "SIGNER"})
public class EmergencyView extends HorizontalLayout implements HasUrlParameter<String> {

  static final String OPEN = "Open";
  static final String ALL = "All, closed too";

  /** More than any incident keeps open; closed ones beyond it are in the audit log. */
  private static final int LIST_LIMIT = 200;

  final EmergencyGrid grid = new EmergencyGrid(false);
  final Select<String> filter = new Select<>();
  final Button propose = new Button("Propose…", VaadinIcon.PLUS.create());
  final RedButton redButton;
  final EmergencyPanel details;
  private final EmergencyService emergencies;
  private final boolean signer;
  private String selected;

  public EmergencyView(
      EmergencyService emergencies,
      ObjectProvider<DemoSignerKeys> demoKeys,
      AuthenticationContext auth,
      FleetUpdates updates) {
    this.emergencies = emergencies;
    this.signer = auth.hasRole(Roles.SIGNER);
    boolean proposer = auth.hasAnyRole(Roles.ADMIN, Roles.SIGNER);
    setSizeFull();
    redButton =
        new RedButton(
            emergencies::pauseConsequences, form -> act(() -> emergencies.propose(form, caller())));
    redButton.setVisible(proposer);
    propose.setId("propose-emergency");
    propose.setVisible(proposer);
    propose.addClickListener(
        e ->
            new ProposeEmergencyDialog(
                    emergencies.vetoChoices(),
                    form -> act(() -> emergencies.propose(form, caller())))
                .open());
    details =
        new EmergencyPanel(
            Optional.ofNullable(demoKeys.getIfAvailable()),
            form -> act(() -> emergencies.sign(selected, form, caller())),
            number ->
                act(
                    () ->
                        emergencies.signAsDemoSigner(
                            selected, number, demoKeys.getObject(), caller())));
    filter.setLabel("Show");
    filter.setId("emergency-filter");
    filter.setItems(OPEN, ALL);
    filter.setValue(OPEN);
    filter.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
    grid.setId("emergency-grid");
    grid.setItems(
        query ->
            emergencies.list(OPEN.equals(filter.getValue()), LIST_LIMIT).stream()
                .skip(query.getOffset())
                .limit(query.getLimit()));
    grid.asSingleSelect()
        .addValueChangeListener(
            e -> {
              if (e.getValue() != null) {
                show(e.getValue().id());
              }
            });
    HorizontalLayout bar = new HorizontalLayout(filter, propose);
    bar.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
    VerticalLayout list = new VerticalLayout(redButton, bar, grid);
    list.setSizeFull();
    list.expand(grid);
    add(list, details);
    // Both columns share the width 3:2 whatever their content; wide grids and typed data scroll.
    list.getStyle().set("flex", "3 1 0").set("min-width", "0");
    details.getStyle().set("flex", "2 1 0").set("min-width", "0");
    // The tick re-reads the list only: the countdowns move, a signature being typed stays.
    FleetTicks.follow(this, updates, health -> grid.getDataProvider().refreshAll());
  }

  @Override
  public void setParameter(BeforeEvent event, @OptionalParameter String id) {
    if (id != null) {
      show(id);
    }
  }

  void show(String id) {
    try {
      EmergencyDetails emergency = emergencies.details(id);
      selected = emergency.id();
      details.show(emergency, signer);
    } catch (EmergencyNotFoundException e) {
      refused(e);
    }
  }

  /**
   * Proposes or signs; the emergency it answers with is shown (after the red button: the PAUSE
   * waiting for a guardian's signature). A refusal is shown in the rules' or the workflow's words.
   */
  private void act(Supplier<EmergencyDetails> action) {
    try {
      EmergencyDetails result = action.get();
      Notification.show(
          result.id() + ": " + result.action() + " " + result.stage(),
          5000,
          Notification.Position.TOP_END);
      selected = result.id();
      details.show(result, signer);
    } catch (InvalidEmergencyException
        | EmergencyRefusedException
        | EmergencyNotFoundException
        | DecisionRefusedException e) {
      refused(e);
    }
    grid.getDataProvider().refreshAll();
  }

  private static void refused(RuntimeException e) {
    Notification.show(e.getMessage(), 8000, Notification.Position.MIDDLE)
        .addThemeVariants(NotificationVariant.LUMO_ERROR);
  }

  private static Authentication caller() {
    return SecurityContextHolder.getContext().getAuthentication();
  }
}
