package io.noderr.console.views;

import static io.noderr.console.views.DetailLines.line;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.noderr.console.emergency.EmergencyService;
import io.noderr.console.onboarding.DecisionRefusedException;
import io.noderr.console.release.DeclineForm;
import io.noderr.console.release.DemoSignerKeys;
import io.noderr.console.release.ReleaseDetails;
import io.noderr.console.release.ReleaseRefusedException;
import io.noderr.console.release.ReleaseService;
import io.noderr.console.release.SignatureForm;
import io.noderr.registry.release.ReleaseRow;
import io.noderr.workflows.release.ReleaseStage;
import io.noderr.workflows.release.SignatureAccepted;
import jakarta.annotation.security.RolesAllowed;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The signers' inbox: release requests awaiting signatures, each with the exact EIP-712 typed data
 * to sign offline (wallet, hardware key, {@code noderr sign}) and fields to paste the signature or
 * a signed refusal into. No signer key lives on the server — except, in the demo profile only, the
 * publicly known demo keys, offered on clearly labelled buttons. Open emergencies are listed too,
 * each linking to the Emergency view where it is signed.
 */
@Route(value = "signer-inbox", layout = MainLayout.class)
@PageTitle("Signer inbox | Noderr")
@RolesAllowed("SIGNER")
public class SignerInboxView extends HorizontalLayout {

  /** Open emergencies shown here; the Emergency view lists every one. */
  private static final int EMERGENCY_LIMIT = 50;

  final Grid<ReleaseRow> grid = new Grid<>(ReleaseRow.class, false);
  final VerticalLayout details = new VerticalLayout();
  final TextField signer = new TextField("Signer address");
  final TextField signature = new TextField("Signature (0x…, 65 bytes)");
  final TextField declineReason = new TextField("Reason to decline");
  final Button submit = new Button("Submit signature");
  final Button decline = new Button("Submit signed refusal");
  private final ReleaseService releases;
  private final Optional<DemoSignerKeys> demoKeys;
  private ReleaseRow selected;

  final EmergencyGrid emergencies = new EmergencyGrid(true);

  public SignerInboxView(
      ReleaseService releases,
      EmergencyService emergencyService,
      ObjectProvider<DemoSignerKeys> demoKeys) {
    this.releases = releases;
    this.demoKeys = Optional.ofNullable(demoKeys.getIfAvailable());
    setSizeFull();
    grid.setId("inbox-grid");
    grid.addColumn(ReleaseRow::id).setHeader("Release");
    grid.addColumn(row -> row.signedBy().size() + " of " + row.threshold()).setHeader("Signatures");
    grid.addColumn(row -> row.deadline().toString()).setHeader("Deadline");
    grid.setItems(
        query ->
            releases
                .list(
                    ReleaseStage.AWAITING_SIGNATURES.name(),
                    query.getOffset() / Math.max(1, query.getLimit()),
                    Math.min(query.getLimit(), 500))
                .rows()
                .stream());
    grid.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
    signer.setId("inbox-signer");
    signature.setId("inbox-signature");
    signature.setWidthFull();
    submit.setId("inbox-submit");
    submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    submit.addClickListener(
        e ->
            answer(
                () ->
                    releases.sign(
                        selected.id(),
                        new SignatureForm(signer.getValue(), signature.getValue()),
                        caller())));
    decline.setId("inbox-decline");
    decline.addThemeVariants(ButtonVariant.LUMO_ERROR);
    decline.addClickListener(
        e ->
            answer(
                () ->
                    releases.decline(
                        selected.id(),
                        new DeclineForm(
                            signer.getValue(), declineReason.getValue(), signature.getValue()),
                        caller())));
    details.setWidth("44em");
    details.setVisible(false);
    details.setId("inbox-details");
    // Open emergencies wait for an act or a ratification: signed in the Emergency view.
    emergencies.setId("inbox-emergencies");
    emergencies.setItems(emergencyService.list(true, EMERGENCY_LIMIT));
    VerticalLayout inbox =
        new VerticalLayout(new H3("Releases"), grid, new H3("Emergencies"), emergencies);
    inbox.setSizeFull();
    add(inbox, details);
    expand(inbox);
  }

  void show(ReleaseRow row) {
    selected = row;
    details.removeAll();
    details.setVisible(row != null);
    if (row == null) {
      return;
    }
    ReleaseDetails release = releases.details(row.id());
    details.add(new H3("You are asked to sign"));
    release.summary().forEach(text -> details.add(new Span(text)));
    details.add(
        line("EIP-712 digest", release.digest()),
        line("Signed so far", String.join(", ", release.signedBy())),
        line("Proposed by", release.proposedBy()));
    details.add(
        new H3("Typed data (eth_signTypedData_v4)"),
        SigningBlocks.typedData(release.typedData(), "inbox-typed-data"));
    details.add(signer, signature, submit, declineReason, decline);
    demoKeys.ifPresent(
        keys ->
            details.add(
                SigningBlocks.demoButtons(
                    keys,
                    number ->
                        answer(
                            () ->
                                releases.signAsDemoSigner(
                                    selected.id(), number, keys, caller())))));
  }

  private void answer(Supplier<SignatureAccepted> action) {
    try {
      SignatureAccepted accepted = action.get();
      Notification.show(
          "Accepted: "
              + accepted.signatures()
              + " of "
              + accepted.threshold()
              + " signatures, "
              + accepted.stage(),
          5000,
          Notification.Position.TOP_END);
    } catch (DecisionRefusedException | ReleaseRefusedException e) {
      Notification.show(e.getMessage(), 8000, Notification.Position.MIDDLE)
          .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
    grid.getDataProvider().refreshAll();
    show(selected);
  }

  private static Authentication caller() {
    return SecurityContextHolder.getContext().getAuthentication();
  }
}
