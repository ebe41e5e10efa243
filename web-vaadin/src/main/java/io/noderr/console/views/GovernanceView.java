package io.noderr.console.views;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.noderr.console.governance.GovernanceService;
import io.noderr.console.governance.GovernanceViews.Overview;
import io.noderr.console.governance.GovernanceViews.Parameter;
import io.noderr.console.governance.GovernanceViews.Proposal;
import io.noderr.console.governance.GovernanceViews.Stake;
import io.noderr.console.governance.GovernanceViews.Vote;
import io.noderr.console.governance.ProposalChanges;
import io.noderr.console.governance.TokenAmounts;
import io.noderr.console.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Governance for everyone who signs in: the parameters governance controls (range, value on chain,
 * what the platform applies), stakes and voting power (an operator sees its own), and proposals
 * with their state, votes for/against/abstain with stake, quorum progress, the countdown to the
 * next step and what executing them changes. Proposing and voting take the operator's own key: an
 * operator login votes on an active proposal ({@link BallotPanel}) and proposes a parameter change
 * ({@link ProposalPanel}) with what its browser wallet signed (or a pasted signature), which the
 * platform relays; everyone who may take part sees the terminal commands. The view never signs.
 */
@Route(value = "governance", layout = MainLayout.class)
@PageTitle("Governance | Noderr")
@RolesAllowed({Roles.ADMIN, Roles.SRE, Roles.OPERATOR, Roles.SIGNER})
public class GovernanceView extends VerticalLayout {

  private final GovernanceService governance;
  private final Clock clock;
  private final Grid<Vote> votes = new Grid<>(Vote.class, false);
  private final Grid<Proposal> proposalGrid = new Grid<>(Proposal.class, false);
  private final Span selected = new Span();
  private final VerticalLayout voteArea = new VerticalLayout();

  /** The operator login's own address, the only one it votes with here; empty for the rest. */
  private final Optional<String> votingAddress;

  public GovernanceView(GovernanceService governance, AuthenticationContext auth) {
    this(governance, auth, Clock.systemUTC());
  }

  GovernanceView(GovernanceService governance, AuthenticationContext auth, Clock clock) {
    this.governance = governance;
    this.clock = clock;
    setId("governance-view");
    Overview overview = governance.overview();
    if (!overview.on()) {
      votingAddress = Optional.empty();
      Span off = new Span(overview.reason());
      off.setId("governance-off");
      add(new H3("Governance"), off);
      return;
    }
    votingAddress =
        auth.hasRole(Roles.OPERATOR)
            ? governance.votingAddress(SecurityContextHolder.getContext().getAuthentication())
            : Optional.empty();
    voteArea.setPadding(false);
    add(new H3("Proposals"), proposals(), selected, voteArea, votes);
    votingAddress.ifPresent(
        proposer ->
            add(
                new ProposalPanel(
                    governance,
                    overview.parameters(),
                    proposer,
                    () -> proposalGrid.setItems(governance.proposals()))));
    add(new H3("Parameters"), parameters(overview.parameters()));
    add(
        new H3(auth.hasRole(Roles.OPERATOR) ? "Your stake" : "Stakes"),
        stakes(governance.stakes(SecurityContextHolder.getContext().getAuthentication())));
    add(new H3("Contracts"), contracts(overview));
    if (auth.hasAnyRole(Roles.ADMIN, Roles.OPERATOR)) {
      add(howToTakePart(overview));
    }
    votes.setId("governance-votes");
    votes.addColumn(Vote::voter).setHeader("Voter").setAutoWidth(true);
    votes.addColumn(Vote::support).setHeader("Vote");
    votes.addColumn(v -> TokenAmounts.nodr(v.weight())).setHeader("Stake (NODR)");
    votes.addColumn(Vote::transaction).setHeader("Transaction").setAutoWidth(true);
    votes.setAllRowsVisible(true);
    votes.setVisible(false);
  }

  private Grid<Proposal> proposals() {
    Grid<Proposal> grid = proposalGrid;
    grid.setId("governance-proposals");
    grid.addColumn(p -> shortId(p.proposalId())).setHeader("Proposal");
    grid.addColumn(Proposal::state).setHeader("State").setAutoWidth(true);
    grid.addColumn(Proposal::tier).setHeader("Tier").setAutoWidth(true);
    grid.addColumn(Proposal::description).setHeader("Description").setFlexGrow(2);
    grid.addColumn(p -> String.join("; ", ProposalChanges.describe(p)))
        .setHeader("Executing it")
        .setAutoWidth(true);
    grid.addColumn(p -> TokenAmounts.nodr(p.forVotes())).setHeader("For");
    grid.addColumn(p -> TokenAmounts.nodr(p.againstVotes())).setHeader("Against");
    grid.addColumn(p -> TokenAmounts.nodr(p.abstainVotes())).setHeader("Abstain");
    grid.addColumn(GovernanceView::quorum).setHeader("Quorum");
    grid.addColumn(this::nextStep).setHeader("Next step").setAutoWidth(true);
    grid.setItems(governance.proposals());
    grid.setAllRowsVisible(true);
    grid.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
    return grid;
  }

  private void show(Proposal chosen) {
    voteArea.removeAll();
    if (chosen == null) {
      votes.setVisible(false);
      selected.setText("");
      return;
    }
    Proposal detailed = showVotes(chosen.proposalId());
    if ("ACTIVE".equals(detailed.state())) {
      votingAddress.ifPresent(
          voter ->
              voteArea.add(
                  new BallotPanel(
                      governance,
                      detailed.proposalId(),
                      voter,
                      () -> showVotes(detailed.proposalId()))));
    }
  }

  private Proposal showVotes(String proposalId) {
    Proposal detailed = governance.proposal(proposalId);
    selected.setText(
        "Proposal "
            + detailed.proposalId()
            + " by "
            + detailed.proposer()
            + ": "
            + detailed.votes().size()
            + " vote(s)");
    votes.setItems(detailed.votes());
    votes.setVisible(true);
    return detailed;
  }

  /** How far For + Abstain are toward the quorum; past it, only that it is reached. */
  static String quorum(Proposal p) {
    if (p.quorumProgress() == null) {
      return "-";
    }
    return p.quorumProgress() >= 100 ? "reached" : p.quorumProgress() + " %";
  }

  /** The countdown people wait on: to voting, to the end of voting, to the timelock's end. */
  String nextStep(Proposal p) {
    return switch (p.state()) {
      case "PENDING" -> "voting opens " + countdown(p.voteStart());
      case "ACTIVE" -> "voting closes " + countdown(p.voteEnd());
      case "SUCCEEDED" -> "to be queued on the timelock";
      case "QUEUED" -> p.eta() == null ? "queued" : "executable " + countdown(p.eta());
      default -> "-";
    };
  }

  private String countdown(String at) {
    Duration left = Duration.between(clock.instant(), Instant.parse(at));
    if (left.isNegative() || left.isZero()) {
      return "now";
    }
    long minutes = left.toMinutes();
    return minutes >= 120
        ? "in " + left.toHours() + " h"
        : minutes >= 1 ? "in " + minutes + " min" : "in " + left.toSeconds() + " s";
  }

  private static Grid<Parameter> parameters(List<Parameter> parameters) {
    Grid<Parameter> grid = new Grid<>(Parameter.class, false);
    grid.setId("governance-parameters");
    grid.addColumn(Parameter::name).setHeader("Parameter").setAutoWidth(true);
    grid.addColumn(
            p ->
                TokenAmounts.parameter(p.name(), p.min())
                    + " – "
                    + TokenAmounts.parameter(p.name(), p.max()))
        .setHeader("Range");
    grid.addColumn(p -> TokenAmounts.parameter(p.name(), p.value())).setHeader("On chain");
    grid.addColumn(
            p ->
                p.applied() == null
                    ? "-"
                    : TokenAmounts.parameter(p.name(), p.applied())
                        + " (proposal "
                        + shortId(p.appliedByProposal())
                        + ")")
        .setHeader("Applied by the platform");
    grid.setItems(parameters);
    grid.setAllRowsVisible(true);
    return grid;
  }

  private static Grid<Stake> stakes(List<Stake> stakes) {
    Grid<Stake> grid = new Grid<>(Stake.class, false);
    grid.setId("governance-stakes");
    grid.addColumn(Stake::address).setHeader("Operator address").setAutoWidth(true);
    grid.addColumn(s -> s.operatorId() == null ? "-" : s.operatorId()).setHeader("Operator");
    grid.addColumn(s -> TokenAmounts.nodr(s.active())).setHeader("Active (NODR)");
    grid.addColumn(s -> TokenAmounts.nodr(s.unbonding())).setHeader("Unbonding");
    grid.addColumn(s -> TokenAmounts.nodr(s.votingPower())).setHeader("Voting power");
    grid.setItems(stakes);
    grid.setAllRowsVisible(true);
    return grid;
  }

  private static VerticalLayout contracts(Overview overview) {
    VerticalLayout lines = new VerticalLayout();
    lines.setPadding(false);
    lines.add(
        DetailLines.line("chain id", String.valueOf(overview.chainId())),
        DetailLines.line("governor", overview.contracts().governor()),
        DetailLines.line("staking", overview.contracts().staking()),
        DetailLines.line("timelock", overview.contracts().timelock() + " (treasury)"),
        DetailLines.line("parameters", overview.contracts().parameters()));
    return lines;
  }

  /** Stake, votes and proposals are signed with the operator's own key, never by the platform. */
  private static VerticalLayout howToTakePart(Overview overview) {
    Span vote =
        new Span(
            "Vote: ./noderr vote PROPOSAL_ID --for|--against|--abstain --keystore YOUR_KEY.json"
                + " --expect-chain-id "
                + overview.chainId()
                + " --expect-governor "
                + overview.contracts().governor());
    Span propose =
        new Span(
            "Propose a parameter change: ./noderr propose --parameter NAME --value V"
                + " --description TEXT --keystore YOUR_KEY.json (from a node: --sign-only, then"
                + " noderr agent propose --proposal-file FILE)");
    Span stake =
        new Span(
            "Stake: ./noderr stake --add NODR --keystore YOUR_KEY.json --rpc YOUR_RPC_URL"
                + " --governor "
                + overview.contracts().governor()
                + " (also --status, --unbond NODR, --withdraw)");
    vote.setId("governance-vote-command");
    stake.setId("governance-stake-command");
    VerticalLayout part = new VerticalLayout(new H3("Take part"), stake, vote, propose);
    part.setPadding(false);
    return part;
  }

  private static String shortId(String proposalId) {
    return proposalId == null || proposalId.length() <= 12
        ? String.valueOf(proposalId)
        : proposalId.substring(0, 6) + "…" + proposalId.substring(proposalId.length() - 4);
  }
}
