package io.noderr.console.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import io.noderr.console.governance.GovernanceOffException;
import io.noderr.console.governance.GovernanceRefusedException;
import io.noderr.console.governance.GovernanceService;
import io.noderr.console.governance.GovernanceViews.Ballot;
import io.noderr.console.governance.GovernanceViews.BallotForm;
import io.noderr.console.governance.GovernanceViews.BallotRelayed;
import io.noderr.console.governance.GovernanceViews.BallotToSign;
import io.noderr.console.governance.ProposalNotFoundException;
import io.noderr.console.governance.TokenAmounts;
import io.noderr.http.BadRequestException;
import io.noderr.signing.GovernorBallot;
import java.util.Locale;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * An operator's vote on one active proposal: the ballot for the chosen support as typed data,
 * signed in the operator's own browser wallet (or anywhere else, the signature pasted) and relayed
 * by the platform. The server builds the typed data and relays the signature; it holds no key and
 * signs nothing, so the vote is the operator's alone.
 */
final class BallotPanel extends VerticalLayout {

  private final RadioButtonGroup<String> support = new RadioButtonGroup<>("Your vote");
  private final TextField signature = new TextField("Signature (0x…, 65 bytes)");
  private final Button signWithWallet = new Button("Sign with browser wallet");
  private final Button relay = new Button("Relay vote");
  private final Span result = new Span();
  private final VerticalLayout ballotDetails = new VerticalLayout();
  private final GovernanceService governance;
  private final String proposalId;
  private final String voter;
  private final Runnable onCounted;
  private BallotToSign ballot;

  /**
   * @param voter the operator's own address: the only voter this panel builds ballots for
   * @param onCounted called after the platform relayed the vote (to refresh the vote list)
   */
  BallotPanel(GovernanceService governance, String proposalId, String voter, Runnable onCounted) {
    this.governance = governance;
    this.proposalId = proposalId;
    this.voter = voter;
    this.onCounted = onCounted;
    setId("ballot-area");
    setPadding(false);
    support.setId("ballot-support");
    support.setItems(
        GovernorBallot.SUPPORT_NAMES.get(GovernorBallot.FOR),
        GovernorBallot.SUPPORT_NAMES.get(GovernorBallot.AGAINST),
        GovernorBallot.SUPPORT_NAMES.get(GovernorBallot.ABSTAIN));
    support.setItemLabelGenerator(
        name -> name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT));
    support.setValue(GovernorBallot.SUPPORT_NAMES.get(GovernorBallot.FOR));
    support.addValueChangeListener(e -> showBallot());
    ballotDetails.setPadding(false);
    signWithWallet.setId("ballot-sign-wallet");
    signWithWallet.addClickListener(e -> signInWallet());
    signature.setId("ballot-signature");
    signature.setWidthFull();
    relay.setId("ballot-relay");
    relay.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    relay.addClickListener(e -> relay());
    result.setId("ballot-result");
    add(new H3("Vote"), support, ballotDetails, signWithWallet, signature, relay, result);
    showBallot();
  }

  /** The ballot of the chosen support: a new choice is a new digest, so a new signature. */
  private void showBallot() {
    ballot = governance.ballotToSign(proposalId, voter, support.getValue());
    Ballot fields = ballot.ballot();
    ballotDetails.removeAll();
    ballotDetails.add(
        DetailLines.line("Proposal", fields.proposalId() + ": " + fields.description()),
        DetailLines.line("Your vote", ballot.support()),
        DetailLines.line("Voting as", fields.voter()),
        DetailLines.line("Governor nonce", fields.nonce()),
        DetailLines.line("Chain id", String.valueOf(fields.chainId())),
        DetailLines.line("Governor", fields.governor()),
        DetailLines.line("Voting ends", fields.voteEnd()),
        DetailLines.line("EIP-712 digest", ballot.digest()),
        new Span("Typed data (eth_signTypedData_v4)"),
        SigningBlocks.typedData(ballot.typedData(), "ballot-typed-data"));
    signature.clear();
  }

  private void signInWallet() {
    WalletSigning.sign(
        this,
        voter,
        ballot.typedData(),
        signed -> {
          signature.setValue(signed);
          show("signed in your wallet: relay the vote to count it", true);
        },
        result);
  }

  private void relay() {
    try {
      BallotRelayed relayed =
          governance.castBallot(
              proposalId,
              new BallotForm(voter, ballot.support(), signature.getValue()),
              SecurityContextHolder.getContext().getAuthentication());
      show(
          "vote "
              + relayed.support()
              + " counted with weight "
              + TokenAmounts.nodr(relayed.weight())
              + " NODR (transaction "
              + relayed.transaction()
              + ")",
          true);
      onCounted.run();
    } catch (GovernanceRefusedException
        | BadRequestException
        | GovernanceOffException
        | ProposalNotFoundException e) {
      show("refused: " + e.getMessage(), false);
    }
  }

  private void show(String text, boolean good) {
    WalletSigning.show(result, text, good);
  }
}
