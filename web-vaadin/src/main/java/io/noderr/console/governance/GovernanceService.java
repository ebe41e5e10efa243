package io.noderr.console.governance;

import io.noderr.activities.governance.GovernanceFailures;
import io.noderr.console.governance.GovernanceViews.Ballot;
import io.noderr.console.governance.GovernanceViews.BallotForm;
import io.noderr.console.governance.GovernanceViews.BallotRelayed;
import io.noderr.console.governance.GovernanceViews.BallotToSign;
import io.noderr.console.governance.GovernanceViews.Contracts;
import io.noderr.console.governance.GovernanceViews.Overview;
import io.noderr.console.governance.GovernanceViews.Parameter;
import io.noderr.console.governance.GovernanceViews.Proposal;
import io.noderr.console.governance.GovernanceViews.ProposalStarted;
import io.noderr.console.governance.GovernanceViews.ProposalToSign;
import io.noderr.console.governance.GovernanceViews.Stake;
import io.noderr.console.governance.GovernanceViews.Vote;
import io.noderr.console.release.BeaconSettings;
import io.noderr.console.security.Callers;
import io.noderr.http.BadRequestException;
import io.noderr.registry.access.OperatorScope;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.governance.GovernanceIdentities;
import io.noderr.registry.governance.GovernanceParameters;
import io.noderr.registry.governance.GovernanceProposals;
import io.noderr.registry.governance.GovernanceStakes;
import io.noderr.registry.governance.PlatformParameterRow;
import io.noderr.registry.governance.ProposalRow;
import io.noderr.registry.governance.StakeRow;
import io.noderr.signing.Address;
import io.noderr.signing.GovernorBallot;
import io.noderr.signing.GovernorDomain;
import io.noderr.signing.ProposalSubmission;
import io.noderr.signing.SetParameterCall;
import io.noderr.signing.SignedProposal;
import io.noderr.workflows.UpdateRefusals;
import io.noderr.workflows.governance.BallotAccepted;
import io.noderr.workflows.governance.BallotCommand;
import io.noderr.workflows.governance.ProposalInput;
import io.noderr.workflows.governance.ProposalState;
import io.noderr.workflows.governance.ProposalWorkflow;
import io.noderr.workflows.governance.SignedProposalBody;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.web3j.utils.Numeric;

/**
 * Governance for the console API: reads from the read models the governance follower and the
 * proposal workflows keep; ballots and signed proposals go to the proposal's ProposalWorkflow. The
 * signature is the authority: a login only hands a ballot in (rate-limited and audited), it cannot
 * vote for anyone. When governance is off every call but the overview is refused with why.
 */
@Service
public class GovernanceService {

  private static final Logger log = LoggerFactory.getLogger(GovernanceService.class);
  private static final Pattern PROPOSAL_ID = Pattern.compile("^[0-9]{1,78}$");
  private static final String READERS = "hasAnyRole('ADMIN','SRE','OPERATOR','SIGNER')";
  private static final String SUBMITTERS = "hasAnyRole('ADMIN','OPERATOR')";

  private final GovernanceSettings settings;
  private final BeaconSettings beacon;
  private final GovernanceProposals proposals;
  private final GovernanceStakes stakes;
  private final GovernanceParameters parameters;
  private final GovernanceIdentities identities;
  private final WorkflowClient client;
  private final AuditLog audit;

  GovernanceService(
      GovernanceSettings settings,
      BeaconSettings beacon,
      GovernanceProposals proposals,
      GovernanceStakes stakes,
      GovernanceParameters parameters,
      GovernanceIdentities identities,
      WorkflowClient client,
      AuditLog audit) {
    this.settings = settings;
    this.beacon = beacon;
    this.proposals = proposals;
    this.stakes = stakes;
    this.parameters = parameters;
    this.identities = identities;
    this.client = client;
    this.audit = audit;
  }

  /** On or off (and why), the contracts, the parameters with ranges, values and what applies. */
  @PreAuthorize(READERS)
  public Overview overview() {
    String off = settings.offReason(beacon);
    if (off != null) {
      return new Overview(false, "governance is off: " + off, null, null, List.of());
    }
    Map<String, PlatformParameterRow> applied =
        parameters.applied().stream()
            .collect(Collectors.toMap(PlatformParameterRow::name, Function.identity()));
    List<Parameter> onChain =
        parameters.onChain().stream()
            .map(
                p -> {
                  PlatformParameterRow platform = applied.get(p.name());
                  return new Parameter(
                      p.name(),
                      p.min().toString(),
                      p.max().toString(),
                      p.value().toString(),
                      platform == null ? null : platform.value(),
                      platform == null ? null : platform.proposalId());
                })
            .toList();
    return new Overview(
        true,
        null,
        beacon.chainId(),
        new Contracts(
            lower(settings.governorAddress()),
            lower(settings.stakingAddress()),
            lower(settings.parametersAddress()),
            lower(settings.timelockAddress()),
            lower(settings.tokenAddress())),
        onChain);
  }

  @PreAuthorize(READERS)
  public List<Proposal> proposals() {
    requireOn();
    return proposals.recent(200).stream().map(row -> view(row, List.of())).toList();
  }

  @PreAuthorize(READERS)
  public Proposal proposal(String proposalId) {
    requireOn();
    String id = proposalId(proposalId);
    Optional<ProposalRow> found = proposals.find(id);
    if (found.isEmpty()) {
      return beforeTheChain(id).orElseThrow(() -> new ProposalNotFoundException(id));
    }
    ProposalRow row = found.get();
    return view(
        row,
        proposals.votes(row.proposalId()).stream()
            .map(
                v ->
                    new Vote(
                        v.voter(),
                        v.support(),
                        v.weight().toString(),
                        v.reason(),
                        v.transactionHash()))
            .toList());
  }

  /**
   * Stakes and voting power. ADMIN, SRE and SIGNER see every staker; an operator login sees its own
   * operator's stake ({@link GovernanceStakes#ofOperator}), an OPERATOR bound to no operator none.
   */
  @PreAuthorize(READERS)
  public List<Stake> stakes(Authentication caller) {
    requireOn();
    return visibleStakes(caller).stream()
        .map(
            s ->
                new Stake(
                    s.address(),
                    s.operatorId(),
                    s.active().toString(),
                    s.unbonding().toString(),
                    s.unbondingReadyAt() == null ? null : s.unbondingReadyAt().toString(),
                    s.slashedTotal().toString(),
                    s.votingPower().toString()))
        .toList();
  }

  private List<StakeRow> visibleStakes(Authentication caller) {
    return switch (Callers.scope(caller)) {
      case OperatorScope.All all -> stakes.all();
      case OperatorScope.None none -> List.of();
      case OperatorScope.One one -> stakes.ofOperator(one.operatorId());
    };
  }

  /** What the voter signs for this proposal: {@code noderr vote} fetches it. */
  @PreAuthorize(READERS)
  public Ballot ballot(String proposalId, String voter) {
    requireOn();
    Address voterAddress = voter(voter);
    ProposalRow row = row(proposalId);
    return new Ballot(
        row.proposalId(),
        beacon.chainId(),
        lower(settings.governorAddress()),
        voterAddress.value(),
        proposals.nonceOf(voterAddress.value()).toString(),
        row.state().name(),
        row.description(),
        row.voteEnd().toString());
  }

  /**
   * The ballot of {@code voter} choosing {@code support} (FOR, AGAINST or ABSTAIN), ready for a
   * wallet: what the operator portal shows and a browser wallet signs. Building it signs nothing.
   */
  @PreAuthorize(READERS)
  public BallotToSign ballotToSign(String proposalId, String voter, String support) {
    int number =
        GovernorBallot.SUPPORT_NAMES.indexOf(
            support == null ? "" : support.strip().toUpperCase(Locale.ROOT));
    if (number < 0) {
      throw new BadRequestException(
          "support must be FOR, AGAINST or ABSTAIN, got '" + support + "'");
    }
    Ballot ballot = ballot(proposalId, voter);
    GovernorBallot typed =
        new GovernorBallot(
            ballot.chainId(),
            Address.of(ballot.governor()),
            new BigInteger(ballot.proposalId()),
            number,
            Address.of(ballot.voter()),
            new BigInteger(ballot.nonce()));
    return new BallotToSign(
        ballot,
        GovernorBallot.SUPPORT_NAMES.get(number),
        Numeric.toHexString(typed.digest()),
        typed.typedData());
  }

  /**
   * The address an operator login votes with: its operator's application signing address. Empty for
   * every other caller (they hand in ballots others signed, or none) and for an operator without an
   * approved application.
   */
  @PreAuthorize(READERS)
  public Optional<String> votingAddress(Authentication caller) {
    String operatorId = Callers.operatorOf(caller);
    return operatorId == null ? Optional.empty() : identities.signingAddressOfOperator(operatorId);
  }

  /**
   * Relays a signed ballot through the proposal's workflow. Refusals are the workflow's (its
   * validator leaves no trace in history, so they are audited here; the workflow audits the
   * on-chain refusals itself).
   */
  @PreAuthorize(SUBMITTERS)
  public BallotRelayed castBallot(String proposalId, BallotForm form, Authentication caller) {
    requireOn();
    String id = proposalId(proposalId);
    if (form == null) {
      throw new BadRequestException("the ballot needs voter, support and signature");
    }
    Address voter = voter(form.voter());
    if (form.support() == null || form.signature() == null) {
      throw new BadRequestException("the ballot needs voter, support and signature");
    }
    BigInteger nonce = proposals.nonceOf(voter.value());
    BallotCommand command =
        new BallotCommand(
            id,
            voter.value(),
            form.support().strip().toUpperCase(Locale.ROOT),
            nonce.toString(),
            form.signature().strip(),
            caller.getName());
    BallotAccepted accepted;
    try {
      accepted =
          client
              .newWorkflowStub(ProposalWorkflow.class, ProposalWorkflow.workflowId(id))
              .castBallot(command);
    } catch (WorkflowUpdateException e) {
      throw ballotRefused(id, voter, caller, UpdateRefusals.reason(e), !refusedOnChain(e));
    } catch (WorkflowNotFoundException e) {
      throw ballotRefused(id, voter, caller, closed(id), true);
    }
    return new BallotRelayed(
        accepted.proposalId(),
        accepted.voter(),
        accepted.support(),
        accepted.weight(),
        accepted.transaction());
  }

  /**
   * The refusal for the caller. The validator's refusals leave no trace in the workflow's history,
   * so they are audited here; the workflow audits the refusals of its on-chain checks itself.
   */
  private GovernanceRefusedException ballotRefused(
      String id, Address voter, Authentication caller, String reason, boolean audit) {
    if (audit) {
      this.audit.append(
          caller.getName(),
          "governance.ballot-refused",
          ProposalWorkflow.workflowId(id),
          voter.value() + ": " + reason,
          ProposalWorkflow.workflowId(id));
    }
    return new GovernanceRefusedException(reason);
  }

  private static boolean refusedOnChain(WorkflowUpdateException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ApplicationFailure failure) {
        return GovernanceFailures.BALLOT_REFUSED.equals(failure.getType());
      }
    }
    return false;
  }

  /** How long a proposal signed in the portal may wait before it is submitted (as the CLI's). */
  static final Duration PROPOSAL_VALIDITY = Duration.ofHours(24);

  /**
   * {@code proposer}'s change of one governed parameter, ready to sign in a wallet: refused with
   * the reason when the parameter is unknown, the value outside its on-chain range or the
   * description empty. The nonce is the proposer's on the governor as the follower last read it.
   */
  @PreAuthorize(SUBMITTERS)
  public ProposalToSign proposalToSign(
      String proposer, String parameter, String value, String description) {
    requireOn();
    Address from = address("proposer", proposer);
    Parameter governed =
        overview().parameters().stream()
            .filter(p -> p.name().equals(parameter))
            .findFirst()
            .orElseThrow(
                () ->
                    new BadRequestException("there is no governed parameter '" + parameter + "'"));
    BigInteger amount = parameterValue(governed, value);
    if (description == null || description.isBlank()) {
      throw new BadRequestException("a proposal needs a description: what it does and why");
    }
    SignedProposal unsigned =
        new SignedProposal(
            from,
            List.of(Address.of(settings.parametersAddress())),
            List.of(BigInteger.ZERO),
            List.of(new SetParameterCall(governed.name(), amount).encode()),
            description.strip(),
            proposals.nonceOf(from.value()),
            Instant.now().plus(PROPOSAL_VALIDITY).getEpochSecond(),
            "");
    ProposalSubmission submission =
        new ProposalSubmission(
            new GovernorDomain(beacon.chainId(), Address.of(settings.governorAddress())), unsigned);
    return new ProposalToSign(
        SignedProposalBody.of(unsigned),
        Numeric.toHexString(submission.digest()),
        submission.typedData(),
        submission.summary());
  }

  private static BigInteger parameterValue(Parameter governed, String value) {
    BigInteger amount;
    try {
      amount = new BigInteger(value == null ? "" : value.strip());
    } catch (NumberFormatException e) {
      throw new BadRequestException(
          governed.name() + " takes an unsigned integer, got '" + value + "'");
    }
    if (amount.compareTo(new BigInteger(governed.min())) < 0
        || amount.compareTo(new BigInteger(governed.max())) > 0) {
      throw new BadRequestException(
          governed.name()
              + " must be within ["
              + governed.min()
              + ", "
              + governed.max()
              + "], got "
              + amount);
    }
    return amount;
  }

  /** Starts the workflow that submits a proposal its proposer signed. */
  @PreAuthorize(SUBMITTERS)
  public ProposalStarted propose(SignedProposalBody body, Authentication caller) {
    requireOn();
    if (body == null) {
      throw new BadRequestException("the body must be a signed proposal");
    }
    ProposalInput input;
    try {
      input = body.input(caller.getName());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
    String workflowId = ProposalWorkflow.workflowId(input.proposalId());
    try {
      SignedProposalBody.start(client, input);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new GovernanceRefusedException(
          "proposal " + input.proposalId() + " was submitted already (" + workflowId + ")");
    }
    audit.append(
        caller.getName(),
        "governance.proposal-submitted",
        workflowId,
        "by " + input.signed().proposer() + ": " + ProposalWorkflow.summary(input),
        workflowId);
    return new ProposalStarted(input.proposalId(), workflowId);
  }

  private void requireOn() {
    String off = settings.offReason(beacon);
    if (off != null) {
      throw new GovernanceOffException(off);
    }
  }

  private ProposalRow row(String proposalId) {
    String id = proposalId(proposalId);
    return proposals.find(id).orElseThrow(() -> new ProposalNotFoundException(id));
  }

  private String closed(String proposalId) {
    return proposals
        .find(proposalId)
        .map(
            row ->
                "the proposal is "
                    + row.state().name().toLowerCase(Locale.ROOT)
                    + ": votes are taken only while it is active")
        .orElse("no proposal " + proposalId + " is being followed");
  }

  private static String proposalId(String proposalId) {
    if (proposalId == null || !PROPOSAL_ID.matcher(proposalId).matches()) {
      throw new ProposalNotFoundException(String.valueOf(proposalId));
    }
    return new BigInteger(proposalId).toString();
  }

  private static Address voter(String voter) {
    return address("voter", voter);
  }

  private static Address address(String field, String value) {
    try {
      return Address.of(value);
    } catch (RuntimeException e) {
      throw new BadRequestException(
          field + " must be a 0x address of 20 bytes, got '" + value + "'");
    }
  }

  private static Proposal view(ProposalRow row, List<Vote> votes) {
    BigInteger counted = row.forVotes().add(row.abstainVotes());
    Integer progress =
        row.quorumNeeded() == null || row.quorumNeeded().signum() == 0
            ? null
            : counted.multiply(BigInteger.valueOf(100)).divide(row.quorumNeeded()).intValue();
    return new Proposal(
        row.proposalId(),
        row.state().name(),
        row.proposer(),
        row.tier(),
        row.description(),
        iso(row.voteStart()),
        iso(row.voteEnd()),
        iso(row.eta()),
        row.forVotes().toString(),
        row.againstVotes().toString(),
        row.abstainVotes().toString(),
        row.quorumNeeded() == null ? null : row.quorumNeeded().toString(),
        progress,
        row.createdTx(),
        row.queuedTx(),
        row.executedTx(),
        row.canceledTx(),
        row.targets(),
        row.values(),
        row.calldatas(),
        votes,
        null);
  }

  /**
   * A proposal that is not on chain (yet): the platform is submitting it, or refused it before it
   * got there (below the threshold, a bad signature) — only its workflow knows it, and its proposer
   * must be able to read why.
   */
  private Optional<Proposal> beforeTheChain(String proposalId) {
    try {
      ProposalState state =
          client
              .newWorkflowStub(ProposalWorkflow.class, ProposalWorkflow.workflowId(proposalId))
              .getState();
      return Optional.of(
          new Proposal(
              proposalId,
              state.stage().name(),
              state.proposer(),
              state.tier(),
              state.description(),
              null,
              null,
              null,
              "0",
              "0",
              "0",
              null,
              null,
              null,
              null,
              null,
              null,
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              state.reason()));
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (WorkflowQueryException e) {
      // No worker answers the query right now: the proposal is not on chain, and nothing more can
      // be
      // said about it than before standings existed.
      log.warn("query of proposal {} failed: {}", proposalId, e.getMessage());
      return Optional.empty();
    }
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static String lower(String address) {
    return address == null ? null : address.toLowerCase(Locale.ROOT);
  }
}
