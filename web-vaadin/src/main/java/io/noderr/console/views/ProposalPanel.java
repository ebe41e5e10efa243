package io.noderr.console.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.noderr.console.governance.GovernanceOffException;
import io.noderr.console.governance.GovernanceRefusedException;
import io.noderr.console.governance.GovernanceService;
import io.noderr.console.governance.GovernanceViews.Parameter;
import io.noderr.console.governance.GovernanceViews.ProposalStarted;
import io.noderr.console.governance.GovernanceViews.ProposalToSign;
import io.noderr.console.governance.TokenAmounts;
import io.noderr.http.BadRequestException;
import java.util.List;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * An operator's proposal of a parameter change: the platform prepares the {@code ProposeBySig}
 * typed data for the operator's own address, the operator's browser wallet (or any offline signer,
 * the signature pasted) signs it, and the platform submits it to the governor, which counts the
 * operator's stake. The server holds no key and signs nothing.
 */
final class ProposalPanel extends VerticalLayout {

  private final ComboBox<Parameter> parameter = new ComboBox<>("Parameter");
  private final TextField value = new TextField("New value");
  private final TextArea description = new TextArea("Description (what it does and why)");
  private final Button prepare = new Button("Prepare proposal");
  private final VerticalLayout details = new VerticalLayout();
  private final TextField signature = new TextField("Signature (0x…, 65 bytes)");
  private final Button signWithWallet = new Button("Sign with browser wallet");
  private final Button submit = new Button("Submit proposal");
  private final Span result = new Span();
  private final GovernanceService governance;
  private final String proposer;
  private final Runnable onSubmitted;
  private ProposalToSign prepared;

  /**
   * @param proposer the operator's own address: the only proposer this panel prepares for
   * @param onSubmitted called after the platform started the proposal's workflow
   */
  ProposalPanel(
      GovernanceService governance,
      List<Parameter> parameters,
      String proposer,
      Runnable onSubmitted) {
    this.governance = governance;
    this.proposer = proposer;
    this.onSubmitted = onSubmitted;
    setId("proposal-area");
    setPadding(false);
    parameter.setId("proposal-parameter");
    parameter.setItems(parameters);
    parameter.setItemLabelGenerator(
        p ->
            p.name()
                + " (now "
                + TokenAmounts.parameter(p.name(), p.value())
                + ", range "
                + p.min()
                + " – "
                + p.max()
                + ")");
    value.setId("proposal-value");
    description.setId("proposal-description");
    description.setWidthFull();
    prepare.setId("proposal-prepare");
    prepare.addClickListener(e -> prepare());
    details.setPadding(false);
    signWithWallet.setId("proposal-sign-wallet");
    signWithWallet.addClickListener(e -> signInWallet());
    signature.setId("proposal-signature");
    signature.setWidthFull();
    submit.setId("proposal-submit");
    submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    submit.addClickListener(e -> submit());
    result.setId("proposal-result");
    setSigningVisible(false);
    add(
        new H3("Propose a parameter change"),
        parameter,
        value,
        description,
        prepare,
        details,
        signWithWallet,
        signature,
        submit,
        result);
  }

  private void prepare() {
    try {
      prepared =
          governance.proposalToSign(
              proposer,
              parameter.getValue() == null ? null : parameter.getValue().name(),
              value.getValue(),
              description.getValue());
    } catch (BadRequestException | GovernanceOffException e) {
      prepared = null;
      setSigningVisible(false);
      WalletSigning.show(result, "refused: " + e.getMessage(), false);
      return;
    }
    details.removeAll();
    prepared.summary().forEach(line -> details.add(new Span(line)));
    details.add(
        DetailLines.line("EIP-712 digest", prepared.digest()),
        new Span("Typed data (eth_signTypedData_v4)"),
        SigningBlocks.typedData(prepared.typedData(), "proposal-typed-data"));
    signature.clear();
    result.setText("");
    setSigningVisible(true);
  }

  private void signInWallet() {
    WalletSigning.sign(
        this,
        proposer,
        prepared.typedData(),
        signed -> {
          signature.setValue(signed);
          WalletSigning.show(result, "signed in your wallet: submit the proposal", true);
        },
        result);
  }

  private void submit() {
    try {
      ProposalStarted started =
          governance.propose(
              prepared.unsigned().signedWith(signature.getValue().strip()),
              SecurityContextHolder.getContext().getAuthentication());
      WalletSigning.show(
          result,
          "proposal "
              + started.proposalId()
              + " submitted ("
              + started.workflowId()
              + "): the platform checks it and sends it to the governor",
          true);
      setSigningVisible(false);
      onSubmitted.run();
    } catch (GovernanceRefusedException | BadRequestException | GovernanceOffException e) {
      WalletSigning.show(result, "refused: " + e.getMessage(), false);
    }
  }

  private void setSigningVisible(boolean visible) {
    details.setVisible(visible);
    signWithWallet.setVisible(visible);
    signature.setVisible(visible);
    submit.setVisible(visible);
  }
}
