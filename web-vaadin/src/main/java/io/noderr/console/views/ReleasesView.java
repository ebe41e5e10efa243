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
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.noderr.console.fleet.TemporalLinks;
import io.noderr.console.onboarding.DecisionRefusedException;
import io.noderr.console.release.BeaconSettings;
import io.noderr.console.release.InvalidReleaseException;
import io.noderr.console.release.ReleaseDetails;
import io.noderr.console.release.ReleaseRefusedException;
import io.noderr.console.release.ReleaseService;
import io.noderr.console.security.Roles;
import io.noderr.registry.release.ReleaseRow;
import io.noderr.workflows.release.ReleaseStage;
import jakarta.annotation.security.RolesAllowed;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Releases: where the beacon lives (chain or local PostgreSQL, said plainly), each tier's current
 * version, the release requests, and for the selected one its signatures, typed-data digest and
 * audit. Admins propose and withdraw; signers answer in the Signer inbox.
 */
@Route(value = "releases", layout = MainLayout.class)
@PageTitle("Releases | Noderr")
@RolesAllowed({"ADMIN", "SRE", "SIGNER"})
public class ReleasesView extends HorizontalLayout {

  final Grid<ReleaseRow> grid = new Grid<>(ReleaseRow.class, false);
  final Select<ReleaseStage> status = new Select<>();
  final VerticalLayout details = new VerticalLayout();
  final Button propose = new Button("Propose release", VaadinIcon.PLUS.create());
  final Button withdraw = new Button("Withdraw", VaadinIcon.CLOSE.create());
  final Span beacon = new Span();
  private final ReleaseService releases;
  private ReleaseRow selected;
  private final TemporalLinks links;

  public ReleasesView(
      ReleaseService releases,
      BeaconSettings settings,
      AuthenticationContext auth,
      TemporalLinks links) {
    this.releases = releases;
    this.links = links;
    setSizeFull();
    beacon.setId("beacon-backend");
    beacon.setText(settings.describe());
    beacon.getElement().getThemeList().add(settings.onChain() ? "badge success" : "badge contrast");
    Span current = new Span(currentVersions());
    current.setId("current-versions");
    propose.setId("propose-release");
    propose.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    propose.setVisible(auth.hasRole(Roles.ADMIN));
    propose.addClickListener(
        e -> new ProposeReleaseDialog(form -> act(() -> releases.propose(form, caller()))).open());
    withdraw.setId("withdraw-release");
    withdraw.addThemeVariants(ButtonVariant.LUMO_ERROR);
    withdraw.setVisible(false);
    withdraw.addClickListener(
        e ->
            new RejectDialog(
                    "Withdraw release",
                    reason -> act(() -> releases.withdraw(selected.id(), reason, caller())))
                .open());
    status.setLabel("Status");
    status.setItems(ReleaseStage.values());
    status.setEmptySelectionAllowed(true);
    status.setEmptySelectionCaption("All");
    status.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
    configureGrid();
    HorizontalLayout bar = new HorizontalLayout(status, propose);
    bar.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
    VerticalLayout list = new VerticalLayout(beacon, current, bar, grid);
    list.setSizeFull();
    list.expand(grid);
    details.setWidth("36em");
    details.setVisible(false);
    details.setId("release-details");
    add(list, details);
    expand(list);
  }

  private String currentVersions() {
    var published = releases.currentReleases();
    if (published.isEmpty()) {
      return "Nothing published yet.";
    }
    StringBuilder text = new StringBuilder("Current: ");
    published.forEach(v -> text.append(v.tier()).append(' ').append(v.version()).append("   "));
    return text.toString().strip();
  }

  private void configureGrid() {
    grid.setId("releases-grid");
    grid.addColumn(ReleaseRow::id).setHeader("Release");
    grid.addColumn(ReleaseRow::status).setHeader("Status");
    grid.addColumn(row -> row.signedBy().size() + " of " + row.threshold()).setHeader("Signatures");
    grid.addColumn(ReleaseRow::proposedBy).setHeader("Proposed by");
    grid.addColumn(row -> row.deadline().toString()).setHeader("Deadline");
    grid.setItems(
        query ->
            releases
                .list(
                    status.getValue() == null ? null : status.getValue().name(),
                    query.getOffset() / Math.max(1, query.getLimit()),
                    Math.min(query.getLimit(), 500))
                .rows()
                .stream());
    grid.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
  }

  /** Runs an action; a refusal is shown in the rules' or the workflow's own words. */
  private void act(Supplier<ReleaseDetails> action) {
    try {
      ReleaseDetails result = action.get();
      Notification.show(result.id() + ": " + result.status(), 4000, Notification.Position.TOP_END);
    } catch (InvalidReleaseException | ReleaseRefusedException | DecisionRefusedException e) {
      Notification.show(e.getMessage(), 8000, Notification.Position.MIDDLE)
          .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
    grid.getDataProvider().refreshAll();
    show(selected);
  }

  void show(ReleaseRow row) {
    selected = row;
    details.removeAll();
    details.setVisible(row != null);
    withdraw.setVisible(false);
    if (row == null) {
      return;
    }
    ReleaseDetails release = releases.details(row.id());
    details.add(new H3(release.tier() + " " + release.version()));
    // The request's own workflow (its id is the release's id).
    TemporalUiLink.to(links.workflow(row.id()), "release-temporal-ui").ifPresent(details::add);
    details.add(
        line("Status", release.status()),
        line("Reason", release.reason()),
        line("Image digest", release.imageDigest()),
        line("Minimum version", release.minimumVersion()),
        line("Notes", release.notesUri()),
        line("Previous version", release.previousVersion()),
        line("Downgrade reason", release.downgradeReason()),
        line("Deadline", release.deadline()),
        line("Proposed by", release.proposedBy()),
        line("Beacon", release.backend() + ", chain " + release.chainId()),
        line("Multisig", release.multisig()),
        line("Nonce", release.nonce()),
        line("EIP-712 digest", release.digest()),
        line(
            "Signatures",
            release.signedBy().size() + " of " + release.threshold() + " " + release.signedBy()),
        line("Declined by", String.join(", ", release.declinedBy())),
        line("Transaction", release.transactionHash()));
    withdraw.setVisible(
        propose.isVisible() && ReleaseStage.AWAITING_SIGNATURES.name().equals(release.status()));
    details.add(withdraw);
    details.add(new H3("Audit"), DetailLines.auditTrail(release.audit()));
  }

  private static Authentication caller() {
    return SecurityContextHolder.getContext().getAuthentication();
  }
}
