package io.noderr.console.views;

import static io.noderr.console.views.DetailLines.line;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.noderr.console.governance.TokenAmounts;
import io.noderr.console.release.DemoSignerKeys;
import io.noderr.console.rewards.RewardService;
import io.noderr.console.rewards.RewardViews.EpochDetail;
import io.noderr.console.rewards.RewardViews.EpochSummary;
import io.noderr.console.rewards.RewardViews.NodeOutcome;
import io.noderr.console.rewards.RewardViews.Payout;
import io.noderr.console.rewards.RewardViews.Pool;
import io.noderr.console.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Reward epochs for everyone who signs in: the epochs, and for the selected one where its pool came
 * from, the formula and its parameters, the digests of its inputs and payouts, its root and
 * transaction and who signed; its payouts and every node's outcome. An operator login sees only its
 * own payout, with the sentence explaining its amount, and its own nodes. A signer signs the root
 * of the epoch awaiting signatures ({@link RootSigningPanel}).
 */
@Route(value = "rewards", layout = MainLayout.class)
@PageTitle("Rewards | Noderr")
@RolesAllowed({Roles.ADMIN, Roles.SRE, Roles.OPERATOR, Roles.SIGNER})
public class RewardsView extends VerticalLayout {

  private static final int EPOCHS_SHOWN = 100;

  private final RewardService rewards;
  private final boolean signer;
  private final Optional<DemoSignerKeys> demoKeys;
  private final Grid<EpochSummary> epochs = new Grid<>(EpochSummary.class, false);
  private final VerticalLayout detail = new VerticalLayout();
  private final Grid<Payout> payouts = new Grid<>(Payout.class, false);
  private final Grid<NodeOutcome> nodes = new Grid<>(NodeOutcome.class, false);

  public RewardsView(
      RewardService rewards, AuthenticationContext auth, ObjectProvider<DemoSignerKeys> demoKeys) {
    this.rewards = rewards;
    this.signer = auth.hasRole(Roles.SIGNER);
    this.demoKeys = Optional.ofNullable(demoKeys.getIfAvailable());
    setId("rewards-view");
    detail.setPadding(false);
    detail.setId("epoch-detail");
    add(new H3("Reward epochs"), epochGrid(), detail, new H3("Payouts"), payoutGrid());
    add(new H3("Nodes"), nodeGrid());
    List<EpochSummary> rows = rewards.epochs(0, EPOCHS_SHOWN).items();
    epochs.setItems(rows);
    rows.stream().findFirst().ifPresent(epochs::select);
  }

  private Grid<EpochSummary> epochGrid() {
    epochs.setId("epochs");
    epochs.addColumn(EpochSummary::epoch).setHeader("Epoch").setAutoWidth(true);
    epochs.addColumn(e -> e.startAt() + " – " + e.endAt()).setHeader("Window");
    epochs.addColumn(EpochSummary::stage).setHeader("Stage");
    epochs.addColumn(e -> TokenAmounts.nodr(e.pool())).setHeader("Pool (NODR)");
    epochs.addColumn(e -> TokenAmounts.nodr(e.paid())).setHeader("Paid (NODR)");
    epochs.addColumn(EpochSummary::remainder).setHeader("Remainder (units)");
    epochs.addColumn(EpochSummary::recipients).setHeader("Recipients");
    epochs.addColumn(e -> shortHex(e.root())).setHeader("Root");
    epochs.addColumn(e -> shortHex(e.transactionHash())).setHeader("Transaction");
    epochs.setAllRowsVisible(true);
    epochs.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
    return epochs;
  }

  private Grid<Payout> payoutGrid() {
    payouts.setId("payouts");
    payouts.addColumn(Payout::address).setHeader("Operator").setAutoWidth(true);
    payouts.addColumn(Payout::performanceScore).setHeader("Performance score");
    payouts
        .addColumn(p -> TokenAmounts.nodr(p.effectiveStake()))
        .setHeader("Effective stake (NODR)");
    payouts.addColumn(p -> TokenAmounts.nodr(p.amount())).setHeader("Amount (NODR)");
    payouts.addColumn(Payout::explanation).setHeader("Why").setFlexGrow(2);
    payouts.setAllRowsVisible(true);
    return payouts;
  }

  private Grid<NodeOutcome> nodeGrid() {
    nodes.setId("node-outcomes");
    nodes.addColumn(NodeOutcome::nodeId).setHeader("Node").setAutoWidth(true);
    nodes.addColumn(n -> percent(n.uptimeBp())).setHeader("Uptime");
    nodes.addColumn(n -> percent(n.performanceBp())).setHeader("Performance");
    nodes.addColumn(NodeOutcome::tier).setHeader("Tier");
    nodes.addColumn(NodeOutcome::status).setHeader("Status");
    nodes.addColumn(NodeOutcome::score).setHeader("Score");
    nodes.addColumn(NodeOutcome::reason).setHeader("Reason").setFlexGrow(2);
    nodes.setAllRowsVisible(true);
    return nodes;
  }

  private void show(EpochSummary summary) {
    detail.removeAll();
    if (summary == null) {
      payouts.setItems(List.of());
      nodes.setItems(List.of());
      return;
    }
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    EpochDetail epoch = rewards.epoch(summary.epoch());
    List<Payout> visible = rewards.payouts(epoch.epoch(), caller);
    Pool pool = epoch.pool();
    detail.add(
        new H3("Epoch " + epoch.epoch() + " · " + epoch.stage()),
        line("Window", epoch.startAt() + " – " + epoch.endAt()),
        line(
            "Pool",
            TokenAmounts.nodr(pool.total())
                + " NODR = emission "
                + TokenAmounts.nodr(pool.emission())
                + " + fees "
                + TokenAmounts.nodr(pool.fees())
                + " + carried "
                + TokenAmounts.nodr(pool.carried())),
        line(
            "Paid",
            TokenAmounts.nodr(pool.paid()) + " NODR to " + pool.recipients() + " recipients"),
        line("Remainder", pool.remainder() + " token units (carried to the next epoch)"),
        line("Formula", epoch.formulaVersion() == null ? null : "v" + epoch.formulaVersion()),
        line("Parameters", parameters(epoch.parameters())),
        line("Inputs digest", epoch.inputsDigest()),
        line("Payouts digest", epoch.payoutsDigest()),
        line("Root", epoch.root()),
        line("Transaction", epoch.transactionHash()),
        line("Signers", signers(epoch)),
        line("Reason", epoch.reason()));
    if (Roles.of(caller).contains(Roles.OPERATOR)) {
      Span explanation =
          new Span(
              visible.stream()
                  .findFirst()
                  .map(p -> "Your payout: " + p.explanation())
                  .orElse("You have no payout in this epoch."));
      explanation.setId("payout-explanation");
      detail.add(explanation);
      if (!visible.isEmpty() && "CLAIMABLE".equals(epoch.stage())) {
        detail.add(new WalletClaim(rewards.claimCall(epoch.epoch(), caller)));
      }
    }
    if (signer && epoch.awaitingSignatures()) {
      detail.add(new RootSigningPanel(rewards, epoch, demoKeys, () -> show(summary)));
    }
    payouts.setItems(visible);
    nodes.setItems(rewards.nodes(epoch.epoch(), caller));
  }

  private static String signers(EpochDetail epoch) {
    String signed = String.join(", ", epoch.signers());
    return epoch.signing() == null
        ? signed
        : epoch.signing().signed().size()
            + " of "
            + epoch.signing().threshold()
            + " needed"
            + (signed.isEmpty() ? "" : ": " + signed);
  }

  private static String parameters(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(p -> p.getKey() + "=" + p.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String percent(int basisPoints) {
    return basisPoints / 100 + "." + String.format("%02d", basisPoints % 100) + " %";
  }

  private static String shortHex(String hex) {
    return hex == null || hex.length() < 14
        ? hex
        : hex.substring(0, 8) + "…" + hex.substring(hex.length() - 4);
  }
}
