package io.noderr.console.views;

import static io.noderr.console.views.DetailLines.line;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.noderr.console.fleet.FleetUpdates;
import io.noderr.console.fleet.TemporalLinks;
import io.noderr.console.onboarding.DecisionRefusedException;
import io.noderr.console.rollout.DeploymentConflictException;
import io.noderr.console.rollout.DeploymentForm;
import io.noderr.console.rollout.DeploymentService;
import io.noderr.console.rollout.DeploymentService.Verb;
import io.noderr.console.rollout.InvalidDeploymentException;
import io.noderr.console.security.Roles;
import io.noderr.registry.rollout.RolloutRow;
import io.noderr.workflows.rollout.GateEvaluation;
import io.noderr.workflows.rollout.RolloutState;
import jakarta.annotation.security.RolesAllowed;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Deployments: start one (presets or custom steps), the list, and the selected one's live state —
 * stage, counts, gate evaluations with their numbers, failed nodes, ETA — refreshed by server push,
 * with the operator verbs (ADMIN) and a link to its workflow in the Temporal UI.
 */
@Route(value = "deployments", layout = MainLayout.class)
@PageTitle("Deployments | Noderr")
@RolesAllowed({"ADMIN", "SRE"})
public class DeploymentsView extends HorizontalLayout {

  final TextField version = new TextField("Version");
  final CheckboxGroup<String> tiers = new CheckboxGroup<>("Tiers");
  final TextField imageDigest = new TextField("Image digest (default: the beacon's)");
  final Select<String> preset = new Select<>();
  final TextField steps = new TextField("Custom steps (e.g. 5%, 50%:manual, 100%)");
  final IntegerField soakSeconds = new IntegerField("Soak (s)");
  final Button start = new Button("Start deployment");
  final Grid<RolloutRow> grid = new Grid<>(RolloutRow.class, false);
  final VerticalLayout details = new VerticalLayout();
  private final DeploymentService deployments;
  private final TemporalLinks links;
  private final FleetUpdates updates;
  private final boolean admin;
  private String selected;
  private Registration subscription;

  public DeploymentsView(
      DeploymentService deployments,
      TemporalLinks links,
      FleetUpdates updates,
      AuthenticationContext auth) {
    this.deployments = deployments;
    this.links = links;
    this.updates = updates;
    this.admin = auth.hasRole(Roles.ADMIN);
    setSizeFull();
    VerticalLayout list = new VerticalLayout();
    list.setSizeFull();
    if (admin) {
      list.add(startForm());
    }
    grid.setId("deployments-grid");
    grid.addColumn(RolloutRow::id).setHeader("Deployment");
    grid.addColumn(RolloutRow::status).setHeader("Status");
    grid.addColumn(r -> r.stage() + " / " + r.stages()).setHeader("Stage");
    grid.addColumn(r -> r.updated() + " of " + r.total()).setHeader("Updated");
    grid.addColumn(RolloutRow::failed).setHeader("Failed");
    grid.setItems(
        q -> deployments.list(q.getOffset() / Math.max(1, q.getLimit()), q.getLimit()).stream());
    grid.asSingleSelect()
        .addValueChangeListener(e -> show(e.getValue() == null ? null : e.getValue().id()));
    list.add(grid);
    list.expand(grid);
    details.setId("deployment-details");
    details.setWidth("38em");
    details.setVisible(false);
    add(list, details);
    expand(list);
  }

  private FormLayout startForm() {
    version.setId("deployment-version");
    tiers.setItems("ALL", "ORACLE", "GUARDIAN");
    tiers.setValue(java.util.Set.of("ALL"));
    preset.setLabel("Preset");
    preset.setItems("canary", "phased", "all-at-once");
    preset.setValue("canary");
    imageDigest.setId("deployment-digest");
    steps.setId("deployment-steps");
    soakSeconds.setValue(30);
    soakSeconds.setMin(0);
    start.setId("start-deployment");
    start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    start.addClickListener(
        e ->
            act(
                () -> {
                  String id = deployments.start(form(), caller());
                  grid.getDataProvider().refreshAll();
                  show(id);
                  return id + " started";
                }));
    return new FormLayout(version, tiers, imageDigest, preset, steps, soakSeconds, start);
  }

  private DeploymentForm form() {
    List<String> customSteps =
        steps.getValue().isBlank()
            ? null
            : Arrays.stream(steps.getValue().split(",")).map(String::strip).toList();
    return new DeploymentForm(
        version.getValue().strip(),
        tiers.getValue().stream().sorted().toList(),
        null,
        imageDigest.getValue().isBlank() ? null : imageDigest.getValue().strip(),
        preset.getValue(),
        customSteps,
        null,
        null,
        null,
        soakSeconds.getValue(),
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  void show(String id) {
    selected = id;
    details.removeAll();
    details.setVisible(id != null);
    if (id == null) {
      return;
    }
    RolloutState state = deployments.state(id);
    details.add(new H3(id));
    details.add(
        line("Status", state.status().name()),
        line("Stage", state.stage() + " of " + state.stages()),
        line("Nodes handed out", state.position() + " of " + state.total()),
        line(
            "Counts",
            "updated "
                + state.counts().updated()
                + ", failed "
                + state.counts().failed()
                + ", reverted "
                + state.counts().reverted()
                + ", rolled back "
                + state.counts().rolledBack()
                + ", pending "
                + state.counts().pending()),
        line(
            "ETA",
            state.etaMillis() == 0 ? "-" : Instant.ofEpochMilli(state.etaMillis()).toString()),
        line("Reason", state.reason()),
        line("Failed nodes", String.join(", ", state.failedNodes())));
    URI link = links.workflow(id);
    if (link != null) {
      details.add(new Anchor(link.toString(), "Open in the Temporal UI"));
    }
    if (admin && !state.status().isFinal()) {
      details.add(verbButtons(id));
    }
    details.add(new H3("Gate evaluations"));
    List<GateEvaluation> evaluations = state.evaluations();
    for (int i = evaluations.size() - 1; i >= Math.max(0, evaluations.size() - 10); i--) {
      GateEvaluation e = evaluations.get(i);
      details.add(
          new Span(
              "stage "
                  + e.stage()
                  + "  "
                  + e.verdict()
                  + "  "
                  + e.executed()
                  + " executed, "
                  + e.failed()
                  + " failed — "
                  + e.reason()));
    }
  }

  /** Each verb asks for a reason (the audit log keeps it); the workflow may refuse it. */
  private HorizontalLayout verbButtons(String id) {
    HorizontalLayout verbs = new HorizontalLayout();
    for (Verb verb : Verb.values()) {
      String name = verb.name().toLowerCase(java.util.Locale.ROOT);
      Button button =
          new Button(
              name.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + name.substring(1),
              e ->
                  new RejectDialog(
                          "Confirm " + name + " of " + id,
                          reason ->
                              act(
                                  () -> {
                                    deployments.act(id, verb, reason, caller());
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
    grid.getDataProvider().refreshAll();
    if (selected != null) {
      show(selected);
    }
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UI ui = event.getUI();
    subscription =
        updates.subscribe(
            health ->
                ui.access(
                    () -> {
                      grid.getDataProvider().refreshAll();
                      if (selected != null) {
                        show(selected);
                      }
                    }));
  }

  @Override
  protected void onDetach(DetachEvent event) {
    if (subscription != null) {
      subscription.remove();
    }
  }

  private static Authentication caller() {
    return SecurityContextHolder.getContext().getAuthentication();
  }
}
