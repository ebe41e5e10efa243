package io.noderr.console.emergency;

import io.noderr.activities.emergency.EmergencyAction;
import io.noderr.activities.emergency.EmergencyProposal;
import io.noderr.console.WorkflowPreparation;
import io.noderr.console.onboarding.DecisionRefusedException;
import io.noderr.console.onboarding.WorkflowUpdates;
import io.noderr.console.release.DemoSignerKeys;
import io.noderr.console.release.SignatureForm;
import io.noderr.console.rollout.DeploymentConflictException;
import io.noderr.console.rollout.SignedReleases;
import io.noderr.console.trace.ActionSpans;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.emergency.Emergencies;
import io.noderr.registry.emergency.EmergencyRow;
import io.noderr.registry.node.NodeRepository;
import io.noderr.registry.node.OperatorRepository;
import io.noderr.workflows.emergency.EmergencyRules;
import io.noderr.workflows.emergency.EmergencyStage;
import io.noderr.workflows.emergency.EmergencyState;
import io.noderr.workflows.emergency.EmergencyWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * Emergencies: admins and signers propose, signers sign (a guardian's signature pauses at once),
 * admins, SREs and signers read. Every call goes to the emergency's EmergencyWorkflow; lists and
 * emergencies whose workflow is gone come from the read model.
 */
@Service
public class EmergencyService {

  /** How long a proposal waits for the workflow to read the beacon before answering anyway. */
  private final WorkflowClient client;

  private final Emergencies emergencies;
  private final SignedReleases signedReleases;
  private final NodeRepository nodes;
  private final OperatorRepository operators;
  private final AuditLog audit;
  private final GuardianTerms guardianTerms;
  private final VetoTargets vetoTargets;
  private final Clock clock = Clock.systemUTC();

  EmergencyService(
      WorkflowClient client,
      Emergencies emergencies,
      SignedReleases signedReleases,
      NodeRepository nodes,
      OperatorRepository operators,
      AuditLog audit,
      GuardianTerms guardianTerms,
      VetoTargets vetoTargets) {
    this.client = client;
    this.emergencies = emergencies;
    this.signedReleases = signedReleases;
    this.nodes = nodes;
    this.operators = operators;
    this.audit = audit;
    this.guardianTerms = guardianTerms;
    this.vetoTargets = vetoTargets;
  }

  /** The governance proposals queued on the timelock, which a VETO_PROPOSAL may cancel. */
  @PreAuthorize(EmergencyWorkflow.PROPOSER_ROLES)
  public List<VetoChoice> vetoChoices() {
    return vetoTargets.choices();
  }

  /**
   * What a PAUSE of {@code tiers} does, in one sentence for the confirmation before the red button
   * proposes it.
   */
  @PreAuthorize(EmergencyWorkflow.PROPOSER_ROLES)
  public String pauseConsequences(List<String> tiers) {
    return guardianTerms.pauseConsequences(tiers);
  }

  /**
   * Checks the proposal, starts its workflow and waits until it has read the beacon, so the answer
   * carries what to sign (or the beacon's reason to refuse).
   */
  @PreAuthorize(EmergencyWorkflow.PROPOSER_ROLES)
  public EmergencyDetails propose(EmergencyForm form, Authentication caller) {
    return ActionSpans.traced(
        "emergency.propose",
        caller.getName(),
        () -> {
          EmergencyProposal proposal = proposalOf(form, caller.getName());
          String malformed =
              EmergencyRules.formatRefusal(proposal, clock.instant().getEpochSecond());
          if (malformed != null) {
            throw new InvalidEmergencyException(malformed);
          }
          proposal = checkedAgainstRegistry(proposal, caller.getName());
          String id = EmergencyWorkflow.workflowId(emergencies.nextNumber());
          EmergencyWorkflow workflow =
              client.newWorkflowStub(
                  EmergencyWorkflow.class, EmergencyWorkflow.startOptions(id, proposal).build());
          WorkflowClient.start(workflow::run, proposal);
          EmergencyState state =
              WorkflowPreparation.await(
                  workflow::getState, st -> st.stage() == EmergencyStage.PREPARING);
          if (state.stage() == EmergencyStage.REFUSED || state.stage() == EmergencyStage.FAILED) {
            throw new EmergencyRefusedException(state.reason());
          }
          return details(state);
        });
  }

  /** Newest first; {@code openOnly} keeps those waiting for signatures or a mandate's end. */
  @PreAuthorize("hasAnyRole('ADMIN','SRE','SIGNER')")
  public List<EmergencySummary> list(boolean openOnly, int limit) {
    return emergencies.list(openOnly, limit).stream().map(EmergencyService::summary).toList();
  }

  @PreAuthorize("hasAnyRole('ADMIN','SRE','SIGNER')")
  public EmergencyDetails details(String id) {
    try {
      return details(workflow(id).getState());
    } catch (WorkflowException gone) {
      return emergencies
          .find(id)
          .map(this::fromReadModel)
          .orElseThrow(() -> new EmergencyNotFoundException(id));
    }
  }

  /**
   * Adds a signature made offline ({@code noderr emergency sign}, a wallet) over the request's
   * typed data. Refusals leave no trace in the workflow's history, so they are audited here.
   */
  @PreAuthorize("hasRole('SIGNER')")
  public EmergencyDetails sign(String id, SignatureForm form, Authentication caller) {
    return ActionSpans.traced(
        "emergency.sign",
        caller.getName(),
        () -> {
          try {
            return details(
                WorkflowUpdates.call(
                    () ->
                        workflow(id)
                            .sign(
                                new io.noderr.workflows.emergency.EmergencySignCommand(
                                    form.signer(), form.signature(), caller.getName())),
                    () -> closed(id)));
          } catch (DecisionRefusedException e) {
            audit.append(caller.getName(), "emergency.signature-refused", id, e.getMessage(), id);
            throw e;
          }
        });
  }

  /**
   * DEMO ONLY: signs the current request with demo signer {@code number}'s key held by the server
   * (demo profile), then submits like any other signature.
   */
  @PreAuthorize("hasRole('SIGNER')")
  public EmergencyDetails signAsDemoSigner(
      String id, int number, DemoSignerKeys demoKeys, Authentication caller) {
    EmergencyDetails current = details(id);
    if (current.request() == null) {
      throw new DecisionRefusedException("the emergency is " + describe(current.stage()));
    }
    String signer = demoKeys.addresses().get(number - 1).value();
    return sign(
        id, new SignatureForm(signer, demoKeys.sign(number, current.request().digest())), caller);
  }

  /**
   * Rollback to a version published for the tiers; quarantine of nodes and operators that exist.
   */
  private EmergencyProposal checkedAgainstRegistry(EmergencyProposal p, String proposer) {
    if (p.action() == EmergencyAction.VETO_PROPOSAL) {
      try {
        return p.withQueued(vetoTargets.queuedOperation(p.governanceProposal()));
      } catch (EmergencyRefusedException | InvalidEmergencyException refused) {
        // Nothing was started, so no workflow records the refusal: the audit log does.
        audit.append(
            proposer,
            "emergency.proposal-refused",
            "governance-proposal-" + p.governanceProposal(),
            "VETO_PROPOSAL refused: " + refused.getMessage(),
            null);
        throw refused;
      }
    }
    if (p.action() == EmergencyAction.EMERGENCY_ROLLBACK) {
      try {
        String digest =
            signedReleases.requirePublishedOnce(p.toVersion(), p.tiers(), p.imageDigest());
        return new EmergencyProposal(
            p.action(),
            p.tiers(),
            p.toVersion(),
            digest,
            p.nodeIds(),
            p.operator(),
            p.newSigners(),
            p.newThreshold(),
            p.reason(),
            p.proposedBy(),
            p.deadline());
      } catch (DeploymentConflictException e) {
        throw new EmergencyRefusedException(e.getMessage());
      }
    }
    if (p.action() == EmergencyAction.QUARANTINE) {
      List<String> unknown = p.nodeIds().stream().filter(id -> !nodes.existsById(id)).toList();
      if (!unknown.isEmpty()) {
        throw new InvalidEmergencyException("unknown node(s): " + String.join(", ", unknown));
      }
      if (p.nodeIds().isEmpty() && operators.findById(p.operator()).isEmpty()) {
        throw new InvalidEmergencyException("unknown operator " + p.operator());
      }
    }
    return p;
  }

  private EmergencyProposal proposalOf(EmergencyForm form, String proposer) {
    EmergencyAction action;
    try {
      action = EmergencyAction.valueOf(form.action().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidEmergencyException(
          "action must be one of PAUSE, EMERGENCY_ROLLBACK, QUARANTINE, ROTATE_SIGNERS, RESUME,"
              + " VETO_PROPOSAL");
    }
    int hours =
        form.deadlineHours() == null ? EmergencyForm.DEFAULT_DEADLINE_HOURS : form.deadlineHours();
    return new EmergencyProposal(
        action,
        form.tiers() == null
            ? List.of()
            : form.tiers().stream().map(t -> t.strip().toUpperCase(Locale.ROOT)).toList(),
        strip(form.toVersion()),
        strip(form.imageDigest()),
        form.nodeIds() == null ? List.of() : form.nodeIds().stream().map(String::strip).toList(),
        strip(form.operator()),
        form.newSigners() == null
            ? List.of()
            : form.newSigners().stream().map(String::strip).toList(),
        form.newThreshold() == null ? 0 : form.newThreshold(),
        form.reason().strip(),
        proposer,
        clock.instant().plus(Duration.ofHours(hours)).getEpochSecond(),
        null,
        strip(form.governanceProposal()),
        null);
  }

  private EmergencyDetails details(EmergencyState state) {
    return new EmergencyDetails(
        state.id(),
        state.proposal().action().name(),
        state.stage().name(),
        state.scope(),
        state.proposal().reason(),
        state.proposal().proposedBy(),
        Instant.ofEpochSecond(state.proposal().deadline()).toString(),
        state.mandateExpiresAt() == 0
            ? null
            : Instant.ofEpochSecond(state.mandateExpiresAt()).toString(),
        state.signatures().stream().map(s -> s.signer()).distinct().toList(),
        state.request(),
        state.effects(),
        state.rolloutId(),
        state.reason(),
        true,
        audit.recentFor(state.id(), 50));
  }

  private EmergencyDetails fromReadModel(EmergencyRow row) {
    return new EmergencyDetails(
        row.id(),
        row.action(),
        row.stage(),
        row.scope(),
        row.reason(),
        row.proposedBy(),
        row.deadline().toString(),
        row.mandateExpiresAt() == null ? null : row.mandateExpiresAt().toString(),
        row.signedBy(),
        null,
        row.effects(),
        null,
        row.outcome(),
        false,
        audit.recentFor(row.id(), 50));
  }

  private static EmergencySummary summary(EmergencyRow row) {
    return new EmergencySummary(
        row.id(),
        row.action(),
        row.stage(),
        row.scope(),
        row.reason(),
        row.proposedBy(),
        row.createdAt().toString(),
        row.mandateExpiresAt() == null ? null : row.mandateExpiresAt().toString(),
        row.signedBy().size(),
        row.required(),
        row.effects());
  }

  private String closed(String id) {
    return emergencies
        .find(id)
        .map(row -> "the emergency is " + describe(row.stage()) + " and takes no more signatures")
        .orElse("no emergency " + id);
  }

  private static String describe(String stage) {
    return stage.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String strip(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private EmergencyWorkflow workflow(String id) {
    return client.newWorkflowStub(EmergencyWorkflow.class, id);
  }
}
