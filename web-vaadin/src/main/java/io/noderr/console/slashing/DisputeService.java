package io.noderr.console.slashing;

import io.noderr.activities.slashing.DisputeOpening;
import io.noderr.activities.slashing.SlashingCause;
import io.noderr.console.fleet.NodeNotFoundException;
import io.noderr.console.fleet.VisibleNodes;
import io.noderr.console.governance.GovernanceOffException;
import io.noderr.console.governance.GovernanceSettings;
import io.noderr.console.release.BeaconSettings;
import io.noderr.console.security.Callers;
import io.noderr.console.slashing.DisputeViews.DisputeStarted;
import io.noderr.console.slashing.DisputeViews.OpenForm;
import io.noderr.console.slashing.DisputeViews.StatementForm;
import io.noderr.console.slashing.DisputeViews.TypedData;
import io.noderr.console.slashing.DisputeViews.VoteForm;
import io.noderr.http.BadRequestException;
import io.noderr.registry.access.OperatorScope;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.node.NodeRepository;
import io.noderr.registry.slashing.SlashingDisputeRow;
import io.noderr.registry.slashing.SlashingDisputes;
import io.noderr.signing.Address;
import io.noderr.signing.DismissSlashAction;
import io.noderr.signing.DisputeStatement;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.SlashAction;
import io.noderr.workflows.UpdateRefusals;
import io.noderr.workflows.slashing.DisputeAccepted;
import io.noderr.workflows.slashing.DisputeStage;
import io.noderr.workflows.slashing.DisputeState;
import io.noderr.workflows.slashing.SlashingDisputeWorkflow;
import io.noderr.workflows.slashing.StatementCommand;
import io.noderr.workflows.slashing.VoteCommand;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.web3j.utils.Numeric;

/**
 * Slashing disputes for the console API. Admins open them; the operator (or an admin relaying its
 * signed words) answers and appeals; signers vote; everything a dispute decides is its workflow's:
 * a submission the workflow refuses comes back with its reason and changes nothing. A dispute is
 * visible to whoever may see its node: an operator login sees only its own nodes' disputes.
 */
@Service
public class DisputeService {

  static final int MAX_TEXT = 2_000;
  private static final int LIST_LIMIT = 200;
  private static final Pattern DISPUTE_ID = Pattern.compile("^[A-Za-z0-9._-]{1,200}$");
  private static final String READERS = "hasAnyRole('ADMIN','SRE','SIGNER','OPERATOR')";
  private static final Set<DisputeStage> ENDED =
      EnumSet.of(
          DisputeStage.SLASHED,
          DisputeStage.DISMISSED,
          DisputeStage.EXPIRED,
          DisputeStage.NOT_SLASHABLE,
          DisputeStage.FAILED);

  private final GovernanceSettings governance;
  private final BeaconSettings beacon;
  private final SlashingDisputes disputes;
  private final NodeRepository nodes;
  private final VisibleNodes visibleNodes;
  private final WorkflowClient client;
  private final AuditLog audit;

  DisputeService(
      GovernanceSettings governance,
      BeaconSettings beacon,
      SlashingDisputes disputes,
      NodeRepository nodes,
      VisibleNodes visibleNodes,
      WorkflowClient client,
      AuditLog audit) {
    this.governance = governance;
    this.beacon = beacon;
    this.disputes = disputes;
    this.nodes = nodes;
    this.visibleNodes = visibleNodes;
    this.client = client;
    this.audit = audit;
  }

  /** Starts a dispute's workflow; its terms are read as it opens. */
  @PreAuthorize("hasRole('ADMIN')")
  public DisputeStarted open(OpenForm form, Authentication caller) {
    String off = governance.offReason(beacon);
    if (off != null) {
      throw new GovernanceOffException(off + "; there is no multisig to slash through");
    }
    if (form == null || form.nodeId() == null || form.nodeId().isBlank()) {
      throw new BadRequestException("a dispute needs nodeId, cause and evidence");
    }
    String nodeId = form.nodeId().strip();
    SlashingCause cause = cause(form.cause());
    String evidence = text("evidence", form.evidence());
    nodes.findById(nodeId).orElseThrow(() -> new NodeNotFoundException(nodeId));
    String disputeId =
        cause.name().toLowerCase(Locale.ROOT).replace('_', '-')
            + "-"
            + nodeId
            + "-"
            + System.currentTimeMillis();
    String workflowId = SlashingDisputeWorkflow.workflowId(disputeId);
    SlashingDisputeWorkflow workflow =
        client.newWorkflowStub(
            SlashingDisputeWorkflow.class, SlashingDisputeWorkflow.startOptions(disputeId));
    try {
      WorkflowClient.start(
          workflow::run, new DisputeOpening(disputeId, nodeId, cause, evidence, caller.getName()));
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new DisputeRefusedException("dispute " + disputeId + " was opened already");
    }
    audit.append(
        caller.getName(),
        "slashing.dispute-requested",
        "dispute-" + disputeId,
        cause + " on node " + nodeId + ": " + evidence,
        workflowId);
    return new DisputeStarted(disputeId, workflowId);
  }

  /** The newest disputes the caller may see, from the read model. */
  @PreAuthorize(READERS)
  public List<DisputeState> disputes(Authentication caller) {
    List<SlashingDisputeRow> rows =
        switch (Callers.scope(caller)) {
          case OperatorScope.All all -> disputes.newestFirst(LIST_LIMIT);
          case OperatorScope.One one ->
              disputes.newestFirstOfOperator(one.operatorId(), LIST_LIMIT);
          case OperatorScope.None none -> List.of();
        };
    return rows.stream().map(DisputeService::state).toList();
  }

  /** The dispute as its workflow knows it while it runs, else as its read model recorded it. */
  @PreAuthorize(READERS)
  public DisputeState dispute(String disputeId) {
    return visible(disputeId);
  }

  /**
   * What to sign: the operator's statement of {@code kind} (ANSWER or APPEAL) with {@code
   * statement}, and for signers the current round's Slash action and, with {@code reason}, its
   * DismissSlash.
   */
  @PreAuthorize(READERS)
  public TypedData typedData(String disputeId, String kind, String statement, String reason) {
    DisputeState state = visible(disputeId);
    if (state.multisig() == null) {
      throw new DisputeRefusedException(
          "dispute " + state.disputeId() + " is " + state.stage() + ": there is nothing to sign");
    }
    MultisigDomain domain = new MultisigDomain(state.chainId(), Address.of(state.multisig()));
    Map<String, Object> statementData =
        statement == null
            ? null
            : new DisputeStatement(state.disputeId(), kind(kind), text("statement", statement))
                .typedData(domain);
    boolean round = state.slashDigest() != null;
    Map<String, Object> slash =
        round
            ? new SlashAction(
                    Address.of(state.staking()),
                    Address.of(state.operator()),
                    new BigInteger(state.penalty()),
                    new BigInteger(state.nonce()),
                    state.roundDeadline())
                .typedData(domain)
            : null;
    Map<String, Object> dismiss =
        round && reason != null
            ? new DismissSlashAction(
                    Numeric.hexStringToByteArray(state.slashDigest()), text("reason", reason))
                .typedData(domain)
            : null;
    return new TypedData(
        state.disputeId(),
        state.stage().name(),
        state.chainId(),
        state.multisig(),
        state.slashDigest(),
        statementData,
        slash,
        dismiss);
  }

  /** The operator's answer, signed with its key; an admin may relay it. */
  @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
  public DisputeAccepted answer(String disputeId, StatementForm form, Authentication caller) {
    DisputeState state = visible(disputeId);
    StatementCommand command = statement(state, form, caller);
    return submit(state, "answer", caller, () -> stub(state).answer(command));
  }

  /** The operator's one appeal of a decision to slash, signed with its key. */
  @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
  public DisputeAccepted appeal(String disputeId, StatementForm form, Authentication caller) {
    DisputeState state = visible(disputeId);
    StatementCommand command = statement(state, form, caller);
    return submit(state, "appeal", caller, () -> stub(state).appeal(command));
  }

  /** A signer's SLASH or DISMISS, signed with its key. */
  @PreAuthorize("hasRole('SIGNER')")
  public DisputeAccepted vote(String disputeId, VoteForm form, Authentication caller) {
    DisputeState state = visible(disputeId);
    if (form == null || form.signer() == null || form.signature() == null) {
      throw new BadRequestException(
          "a vote needs signer, verdict, signature and (to dismiss) reason");
    }
    VoteCommand.Verdict verdict;
    try {
      verdict =
          VoteCommand.Verdict.valueOf(
              String.valueOf(form.verdict()).strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("verdict must be SLASH or DISMISS");
    }
    String reason = form.reason() == null ? null : text("reason", form.reason());
    if (verdict == VoteCommand.Verdict.DISMISS && reason == null) {
      throw new BadRequestException("a DISMISS vote needs the reason it signed");
    }
    VoteCommand command =
        new VoteCommand(
            form.signer().strip(), verdict, reason, form.signature().strip(), caller.getName());
    return submit(state, "vote", caller, () -> stub(state).vote(command));
  }

  private StatementCommand statement(
      DisputeState state, StatementForm form, Authentication caller) {
    if (form == null || form.signature() == null || form.signature().isBlank()) {
      throw new BadRequestException("the statement and the operator's signature are required");
    }
    return new StatementCommand(
        state.operator(),
        text("statement", form.statement()),
        form.signature().strip(),
        caller.getName());
  }

  /**
   * Hands the submission to the workflow. A refusal leaves no trace in the workflow's history, so
   * it is audited here.
   */
  private DisputeAccepted submit(
      DisputeState state, String verb, Authentication caller, Supplier<DisputeAccepted> update) {
    try {
      return update.get();
    } catch (WorkflowException e) {
      String reason =
          e instanceof WorkflowNotFoundException
              ? "dispute " + state.disputeId() + " has ended (" + state.stage() + ")"
              : UpdateRefusals.reason(e);
      audit.append(
          caller.getName(),
          "slashing." + verb + "-refused",
          "dispute-" + state.disputeId(),
          reason,
          SlashingDisputeWorkflow.workflowId(state.disputeId()));
      throw new DisputeRefusedException(reason);
    }
  }

  private SlashingDisputeWorkflow stub(DisputeState state) {
    return client.newWorkflowStub(
        SlashingDisputeWorkflow.class, SlashingDisputeWorkflow.workflowId(state.disputeId()));
  }

  /** The dispute, if it exists and its node is the caller's to see; 404 otherwise. */
  private DisputeState visible(String disputeId) {
    if (disputeId == null || !DISPUTE_ID.matcher(disputeId).matches()) {
      throw new DisputeNotFoundException(String.valueOf(disputeId));
    }
    Optional<SlashingDisputeRow> row = disputes.of(disputeId);
    DisputeState state =
        row.map(DisputeService::state)
            .filter(recorded -> ENDED.contains(recorded.stage()))
            .or(() -> running(disputeId))
            .or(() -> row.map(DisputeService::state))
            .orElseThrow(() -> new DisputeNotFoundException(disputeId));
    try {
      visibleNodes.require(state.nodeId());
    } catch (NodeNotFoundException e) {
      throw new DisputeNotFoundException(disputeId);
    }
    return state;
  }

  private Optional<DisputeState> running(String disputeId) {
    try {
      return Optional.of(
          client
              .newWorkflowStub(
                  SlashingDisputeWorkflow.class, SlashingDisputeWorkflow.workflowId(disputeId))
              .getState());
    } catch (WorkflowException unknownOrUnreachable) {
      return Optional.empty();
    }
  }

  /** A dispute as the read model has it; what only its workflow knows stays empty. */
  private static DisputeState state(SlashingDisputeRow row) {
    return new DisputeState(
        row.id(),
        row.nodeId(),
        SlashingCause.valueOf(row.cause()),
        row.evidence(),
        row.openedBy(),
        DisputeStage.valueOf(row.stage()),
        row.operatorAddress(),
        null,
        row.penaltyBp() == null ? 0 : row.penaltyBp(),
        row.penalty() == null ? null : row.penalty().toString(),
        row.answerDeadline() == null ? 0 : row.answerDeadline().toEpochMilli(),
        row.answer(),
        row.appeal(),
        0,
        0,
        null,
        null,
        null,
        null,
        0,
        List.of(),
        0,
        row.votes().stream().filter(v -> v.endsWith(":SLASH")).map(DisputeService::voter).toList(),
        row.votes().stream()
            .filter(v -> v.endsWith(":DISMISS"))
            .map(DisputeService::voter)
            .toList(),
        row.transactionHash(),
        row.reason());
  }

  private static String voter(String vote) {
    return vote.substring(0, vote.indexOf(':'));
  }

  private static SlashingCause cause(String cause) {
    if (cause == null || cause.isBlank()) {
      return SlashingCause.ADMIN;
    }
    try {
      return SlashingCause.valueOf(cause.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          "cause must be one of " + List.of(SlashingCause.values()) + ", not '" + cause + "'");
    }
  }

  private static String kind(String kind) {
    String upper = kind == null ? "ANSWER" : kind.strip().toUpperCase(Locale.ROOT);
    if (!upper.equals("ANSWER") && !upper.equals("APPEAL")) {
      throw new BadRequestException("kind must be ANSWER or APPEAL");
    }
    return upper;
  }

  private static String text(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new BadRequestException(what + " is required");
    }
    if (value.length() > MAX_TEXT) {
      throw new BadRequestException(what + " must be at most " + MAX_TEXT + " characters");
    }
    return value.strip();
  }
}
