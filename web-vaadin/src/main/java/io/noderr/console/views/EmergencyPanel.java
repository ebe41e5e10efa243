package io.noderr.console.views;

import static io.noderr.console.views.DetailLines.line;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.noderr.console.emergency.EmergencyDetails;
import io.noderr.console.emergency.Mandates;
import io.noderr.console.release.DemoSignerKeys;
import io.noderr.console.release.SignatureForm;
import io.noderr.workflows.emergency.SigningRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * One emergency: what it is, what it needs signed now (summary, digest, the typed data to copy into
 * a wallet or {@code noderr emergency sign}), the signature form for signers, what it did, and its
 * audit trail. Signatures are reported to the view; the panel calls no service.
 */
class EmergencyPanel extends VerticalLayout {

  final TextField signer = new TextField("Signer address");
  final TextField signature = new TextField("Signature (0x…, 65 bytes)");
  final Button submit = new Button("Submit signature");
  private final Optional<DemoSignerKeys> demoKeys;
  private final IntConsumer onDemoSign;

  /**
   * @param onSign a pasted signature
   * @param onDemoSign DEMO ONLY: the number of the demo signer whose server-held key signs
   */
  EmergencyPanel(
      Optional<DemoSignerKeys> demoKeys, Consumer<SignatureForm> onSign, IntConsumer onDemoSign) {
    this.demoKeys = demoKeys;
    this.onDemoSign = onDemoSign;
    setId("emergency-details");
    setVisible(false);
    signer.setId("emergency-signer");
    signer.setWidthFull();
    signature.setId("emergency-signature");
    signature.setWidthFull();
    submit.setId("emergency-submit");
    submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    submit.addClickListener(
        e -> onSign.accept(new SignatureForm(signer.getValue(), signature.getValue())));
  }

  /**
   * @param canSign the viewer is a signer: the signature form and (demo profile) the demo keys
   */
  void show(EmergencyDetails emergency, boolean canSign) {
    removeAll();
    setVisible(emergency != null);
    if (emergency == null) {
      return;
    }
    add(new H3(emergency.id() + ": " + emergency.action() + " " + emergency.scope()));
    add(
        line("Stage", emergency.stage()),
        line("Reason", emergency.reason()),
        line("Proposed by", emergency.proposedBy()),
        line("Signatures until", emergency.deadline()),
        line("Mandate", mandate(emergency)),
        line("Signed by", String.join(", ", emergency.signedBy())),
        line("Outcome", emergency.outcome()),
        line("Rollback deployment", emergency.rolloutId()));
    if (emergency.request() != null) {
      showRequest(emergency.request(), canSign);
    }
    add(new H4("Effects"));
    emergency.effects().forEach(effect -> add(new Span(effect)));
    add(new H4("Audit"), DetailLines.auditTrail(emergency.audit()));
  }

  private void showRequest(SigningRequest request, boolean canSign) {
    add(
        new H4(
            (SigningRequest.RATIFY.equals(request.kind()) ? "To ratify" : "To sign")
                + ": "
                + request.primaryType()
                + ", "
                + request.required()
                + " signature(s) needed"));
    request.summary().forEach(text -> add(new Span(text)));
    add(
        line("EIP-712 digest", request.digest()),
        line("Who may sign", String.join(", ", request.eligible())),
        new Span("Typed data (eth_signTypedData_v4, or noderr emergency sign):"),
        SigningBlocks.typedData(request.typedData(), "emergency-typed-data"));
    if (canSign) {
      add(signer, signature, submit);
      demoKeys.ifPresent(keys -> add(SigningBlocks.demoButtons(keys, onDemoSign)));
    }
  }

  private static String mandate(EmergencyDetails emergency) {
    if (emergency.mandateExpiresAt() == null) {
      return null;
    }
    String until = "until " + emergency.mandateExpiresAt();
    return "MANDATE".equals(emergency.stage())
        ? Mandates.countdown(emergency.mandateExpiresAt(), Instant.now()) + ", " + until
        : until;
  }
}
