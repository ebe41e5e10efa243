package io.noderr.console.views;

import static io.noderr.console.views.DetailLines.line;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.noderr.console.fleet.TemporalLinks;
import io.noderr.console.onboarding.ApplicationDetails;
import io.noderr.console.onboarding.ApplicationService;
import io.noderr.console.onboarding.Approval;
import io.noderr.console.onboarding.DecisionRefusedException;
import io.noderr.console.security.Roles;
import io.noderr.registry.Tier;
import io.noderr.registry.onboarding.ApplicationQuery;
import io.noderr.registry.onboarding.ApplicationRow;
import io.noderr.workflows.onboarding.OnboardingStage;
import io.noderr.workflows.onboarding.OnboardingState;
import io.noderr.workflows.onboarding.OnboardingWorkflow;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Node operator applications: filterable list, and for the selected one its live workflow state,
 * audit trail and (admins) the decisions. An approval shows the install token exactly once.
 */
@Route(value = "applications", layout = MainLayout.class)
@PageTitle("Applications | Noderr")
@RolesAllowed({"ADMIN", "SRE", "OPERATOR"})
public class ApplicationsView extends HorizontalLayout {

  final Grid<ApplicationRow> grid = new Grid<>(ApplicationRow.class, false);
  final Select<OnboardingStage> status = new Select<>();
  final Select<Tier> tier = new Select<>();
  final TextField search = new TextField();
  final VerticalLayout details = new VerticalLayout();
  final Button approve = new Button("Approve", VaadinIcon.CHECK.create());
  final Button reject = new Button("Reject", VaadinIcon.CLOSE.create());
  final Button reissue = new Button("New install token", VaadinIcon.KEY.create());
  private final Span matching = new Span();
  private final ApplicationService applications;
  private final boolean admin;
  private ApplicationRow selected;
  private final TemporalLinks links;

  public ApplicationsView(
      ApplicationService applications, AuthenticationContext auth, TemporalLinks links) {
    this.applications = applications;
    this.links = links;
    this.admin = auth.hasRole(Roles.ADMIN);
    setSizeFull();
    VerticalLayout list = new VerticalLayout(filters(), grid);
    list.setSizeFull();
    list.expand(grid);
    configureGrid();
    configureActions();
    details.setWidth("32em");
    details.setVisible(false);
    details.setId("application-details");
    add(list, details);
    expand(list);
  }

  private HorizontalLayout filters() {
    search.setPlaceholder("Search operator, contact, region, id");
    search.setPrefixComponent(VaadinIcon.SEARCH.create());
    search.setClearButtonVisible(true);
    search.setValueChangeMode(ValueChangeMode.LAZY);
    search.setId("application-search");
    status.setLabel("Status");
    status.setItems(
        OnboardingStage.IN_REVIEW,
        OnboardingStage.APPROVED,
        OnboardingStage.REGISTERED,
        OnboardingStage.REJECTED,
        OnboardingStage.EXPIRED);
    status.setEmptySelectionAllowed(true);
    status.setEmptySelectionCaption("All statuses");
    tier.setLabel("Tier");
    tier.setItems(Tier.values());
    tier.setEmptySelectionAllowed(true);
    tier.setEmptySelectionCaption("All tiers");
    search.addValueChangeListener(e -> refresh());
    status.addValueChangeListener(e -> refresh());
    tier.addValueChangeListener(e -> refresh());
    HorizontalLayout filters = new HorizontalLayout(search, status, tier, matching);
    filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    filters.setWidthFull();
    return filters;
  }

  private void configureGrid() {
    grid.setId("applications-grid");
    grid.addColumn(ApplicationRow::id).setHeader("Application");
    grid.addColumn(ApplicationRow::operatorName).setHeader("Operator");
    grid.addColumn(ApplicationRow::tier).setHeader("Tier");
    grid.addColumn(ApplicationRow::region).setHeader("Region");
    grid.addColumn(ApplicationRow::status).setHeader("Status");
    grid.addColumn(row -> NodesView.ago(row.createdAt())).setHeader("Submitted");
    grid.setItems(
        query -> applications.rows(query(query.getOffset(), query.getLimit())).stream(),
        query -> countAndShow());
    grid.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
  }

  private int countAndShow() {
    int total = applications.count(query(0, 1));
    matching.setText(total + " matching");
    return total;
  }

  ApplicationQuery query(int offset, int limit) {
    return new ApplicationQuery(
        status.getValue() == null ? null : status.getValue().name(),
        tier.getValue() == null ? null : tier.getValue().name(),
        search.getValue(),
        offset,
        Math.min(limit, 500));
  }

  private void configureActions() {
    approve.setId("approve-application");
    approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    approve.addClickListener(
        e -> decide(() -> showToken(applications.approve(selected.id(), caller()))));
    reject.setId("reject-application");
    reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
    reject.addClickListener(
        e ->
            new RejectDialog(
                    reason -> decide(() -> applications.reject(selected.id(), reason, caller())))
                .open());
    reissue.setId("reissue-token");
    reissue.addClickListener(
        e -> decide(() -> showToken(applications.reissueToken(selected.id(), caller()))));
  }

  /** Runs a decision; a refusal by the workflow is shown as the workflow's reason. */
  private void decide(Supplier<?> decision) {
    try {
      decision.get();
    } catch (DecisionRefusedException e) {
      Notification.show(e.getMessage(), 6000, Notification.Position.MIDDLE)
          .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
    ApplicationRow current = selected;
    refresh();
    show(current);
  }

  private Approval showToken(Approval approval) {
    new InstallTokenDialog(approval).open();
    return approval;
  }

  void show(ApplicationRow row) {
    selected = row;
    details.removeAll();
    details.setVisible(row != null);
    if (row == null) {
      return;
    }
    ApplicationDetails current = applications.details(row.id());
    ApplicationRow application = current.application();
    OnboardingState state = current.workflowState();
    details.add(new H3(application.operatorName()));
    TemporalUiLink.to(
            links.workflow(OnboardingWorkflow.workflowId(application.id())),
            "application-temporal-ui")
        .ifPresent(details::add);
    details.add(
        line("Application", application.id()),
        line("Status", application.status()),
        line("Tier / region", application.tier() + " / " + application.region()),
        line("Contact", application.contact()),
        line("Signing address", application.signingAddress()),
        line("Workflow", application.workflowId()));
    if (state != null) {
      details.add(
          line("Workflow stage", state.stage().name()),
          line("Install tokens issued", Integer.toString(state.tokensIssued())),
          line(
              "Token expires",
              state.tokenExpiresAtMillis() == 0
                  ? "-"
                  : Instant.ofEpochMilli(state.tokenExpiresAtMillis()).toString()));
    }
    if (application.reviewedBy() != null) {
      details.add(line("Reviewed by", application.reviewedBy()));
    }
    if (application.reviewReason() != null) {
      details.add(line("Reason", application.reviewReason()));
    }
    if (application.nodeId() != null) {
      details.add(line("Node", application.nodeId()));
    }
    if (admin) {
      String stage = state == null ? application.status() : state.stage().name();
      approve.setVisible(stage.equals(OnboardingStage.IN_REVIEW.name()));
      reissue.setVisible(stage.equals(OnboardingStage.APPROVED.name()));
      reject.setVisible(
          stage.equals(OnboardingStage.IN_REVIEW.name())
              || stage.equals(OnboardingStage.APPROVED.name()));
      details.add(new HorizontalLayout(approve, reissue, reject));
    }
    details.add(new H3("Audit"), DetailLines.auditTrail(current.audit()));
  }

  private void refresh() {
    grid.getDataProvider().refreshAll();
  }

  private static Authentication caller() {
    return SecurityContextHolder.getContext().getAuthentication();
  }
}
