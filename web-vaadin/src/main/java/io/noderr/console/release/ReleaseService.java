package io.noderr.console.release;

import io.noderr.activities.release.BeaconTier;
import io.noderr.console.WorkflowPreparation;
import io.noderr.console.onboarding.DecisionRefusedException;
import io.noderr.console.onboarding.WorkflowUpdates;
import io.noderr.console.security.Roles;
import io.noderr.console.trace.ActionSpans;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.release.BeaconEventRow;
import io.noderr.registry.release.BeaconEvents;
import io.noderr.registry.release.ReleasePage;
import io.noderr.registry.release.ReleaseRequests;
import io.noderr.registry.release.ReleaseRow;
import io.noderr.workflows.release.DeclineCommand;
import io.noderr.workflows.release.ProposalRules;
import io.noderr.workflows.release.ReleaseApprovalWorkflow;
import io.noderr.workflows.release.ReleaseProposal;
import io.noderr.workflows.release.ReleaseStage;
import io.noderr.workflows.release.ReleaseState;
import io.noderr.workflows.release.SignCommand;
import io.noderr.workflows.release.SignatureAccepted;
import io.noderr.workflows.release.WithdrawCommand;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * Release requests: admins propose and withdraw, signers sign or decline (signatures made
 * elsewhere, verified by the workflow), admins, SREs and signers read. Every call goes to the
 * request's ReleaseApprovalWorkflow; lists come from the read model.
 */
@Service
public class ReleaseService {

  /** How long a proposal waits for the workflow to read the beacon before answering anyway. */
  private final WorkflowClient client;

  private final ReleaseRequests requests;
  private final BeaconEvents beaconEvents;
  private final AuditLog audit;
  private final ReleaseDetailsAssembler assembler;
  private final Clock clock = Clock.systemUTC();

  ReleaseService(
      WorkflowClient client,
      ReleaseRequests requests,
      BeaconEvents beaconEvents,
      AuditLog audit,
      ReleaseDetailsAssembler assembler) {
    this.client = client;
    this.requests = requests;
    this.beaconEvents = beaconEvents;
    this.audit = audit;
    this.assembler = assembler;
  }

  /**
   * Checks the proposal, starts its workflow and waits until the workflow has read the beacon, so
   * the answer carries the typed data signers sign (or the beacon's reason to refuse).
   */
  @PreAuthorize("hasRole('ADMIN')")
  public ReleaseDetails propose(ReleaseForm form, Authentication caller) {
    return ActionSpans.traced(
        "release.propose",
        caller.getName(),
        () -> {
          ReleaseProposal proposal = proposalOf(form, caller.getName());
          String malformed =
              ProposalRules.formatRefusal(proposal, clock.instant().getEpochSecond());
          if (malformed != null) {
            throw new InvalidReleaseException(malformed);
          }
          String versionRefusal =
              ProposalRules.versionRefusal(proposal, currentVersion(proposal.tier()).orElse(null));
          if (versionRefusal != null) {
            throw new ReleaseRefusedException(versionRefusal);
          }
          Optional<ReleaseRow> open =
              requests.openRequests().stream().filter(row -> stillOpen(row.id())).findFirst();
          if (open.isPresent()) {
            throw new ReleaseRefusedException(
                open.get().id()
                    + " is still "
                    + describe(open.get().status())
                    + "; one release at a time, because signatures are bound to the multisig's next"
                    + " nonce");
          }
          String id = ReleaseApprovalWorkflow.workflowId(proposal.tier(), proposal.version());
          ReleaseApprovalWorkflow workflow =
              client.newWorkflowStub(
                  ReleaseApprovalWorkflow.class,
                  ReleaseApprovalWorkflow.startOptions(proposal).build());
          try {
            WorkflowClient.start(workflow::run, proposal);
          } catch (WorkflowExecutionAlreadyStarted e) {
            throw new ReleaseRefusedException(id + " is already in progress");
          }
          ReleaseState state =
              WorkflowPreparation.await(
                  workflow::getState, st -> st.stage() == ReleaseStage.PREPARING);
          if (state.stage() == ReleaseStage.REFUSED || state.stage() == ReleaseStage.FAILED) {
            throw new ReleaseRefusedException(state.reason());
          }
          return assembler.details(state, audit.recentFor(id, 50));
        });
  }

  @PreAuthorize("hasAnyRole('ADMIN','SRE','SIGNER')")
  public ReleasePage list(String status, int page, int size) {
    return requests.list(status, page, size);
  }

  @PreAuthorize("hasAnyRole('ADMIN','SRE','SIGNER')")
  public ReleaseDetails details(String id) {
    return assembler.details(state(id), audit.recentFor(id, 50));
  }

  /** Adds a signature made offline (a wallet, {@code noderr sign}) over the typed data. */
  @PreAuthorize("hasRole('SIGNER')")
  public SignatureAccepted sign(String id, SignatureForm form, Authentication caller) {
    return ActionSpans.traced(
        "release.sign",
        caller.getName(),
        () -> {
          return answer(
              id,
              caller,
              "signed",
              () ->
                  workflow(id)
                      .sign(new SignCommand(form.signer(), form.signature(), caller.getName())));
        });
  }

  /**
   * DEMO ONLY: signs with demo signer {@code number}'s key held by the server (demo profile), then
   * submits like any other signature.
   */
  @PreAuthorize("hasRole('SIGNER')")
  public SignatureAccepted signAsDemoSigner(
      String id, int number, DemoSignerKeys demoKeys, Authentication caller) {
    ReleaseState state = state(id);
    if (state.digest() == null) {
      throw new ReleaseRefusedException("the release is still being prepared");
    }
    String signer = demoKeys.addresses().get(number - 1).value();
    return sign(id, new SignatureForm(signer, demoKeys.sign(number, state.digest())), caller);
  }

  @PreAuthorize("hasRole('SIGNER')")
  public SignatureAccepted decline(String id, DeclineForm form, Authentication caller) {
    return ActionSpans.traced(
        "release.decline",
        caller.getName(),
        () -> {
          return answer(
              id,
              caller,
              "declined",
              () ->
                  workflow(id)
                      .decline(
                          new DeclineCommand(
                              form.signer(), form.reason(), form.signature(), caller.getName())));
        });
  }

  @PreAuthorize("hasRole('ADMIN')")
  public ReleaseDetails withdraw(String id, String reason, Authentication caller) {
    return ActionSpans.traced(
        "release.withdraw",
        caller.getName(),
        () -> {
          ReleaseState state =
              WorkflowUpdates.call(
                  () ->
                      workflow(id)
                          .withdraw(
                              new WithdrawCommand(caller.getName(), Roles.of(caller), reason)),
                  () -> closed(id, "withdrawn"));
          return assembler.details(state, audit.recentFor(id, 50));
        });
  }

  /** The tier's current release as last seen on the beacon. */
  @PreAuthorize("isAuthenticated()")
  public BeaconView published(Tier tier) {
    return beaconEvents
        .latestPublished(tier)
        .map(ReleaseService::view)
        .orElseThrow(
            () -> new ReleaseNotFoundException("tier " + tier, "has nothing published yet"));
  }

  /** Every tier's current release, for the console. */
  @PreAuthorize("hasAnyRole('ADMIN','SRE','SIGNER')")
  public List<BeaconView> currentReleases() {
    return Arrays.stream(Tier.values())
        .map(beaconEvents::latestPublished)
        .flatMap(Optional::stream)
        .map(ReleaseService::view)
        .toList();
  }

  /**
   * Refusals by the workflow's validator leave no trace in its history (by design), so they are
   * audited here: a stream of bad signatures for a release is worth seeing.
   */
  private SignatureAccepted answer(
      String id, Authentication caller, String verb, Supplier<SignatureAccepted> update) {
    try {
      return WorkflowUpdates.call(update, () -> closed(id, verb));
    } catch (DecisionRefusedException e) {
      audit.append(
          caller.getName(),
          "release.answer-refused",
          id,
          "not " + verb + ": " + e.getMessage(),
          id);
      throw e;
    }
  }

  /** The workflow's state; the read model's when Temporal no longer knows the request. */
  private ReleaseState state(String id) {
    try {
      return workflow(id).getState();
    } catch (WorkflowException e) {
      return requests
          .findStored(id)
          .map(ReleaseReadModel::state)
          .orElseThrow(() -> new ReleaseNotFoundException(id));
    }
  }

  /**
   * The read model may still show a request open whose workflow the embedded Temporal server lost
   * in a restart; such a request must not block every later proposal.
   */
  private boolean stillOpen(String id) {
    try {
      // A request an SRE terminated in the Temporal UI answers queries with its last, unfinished
      // stage: only a running workflow can still publish (docs/sre.md).
      return client.newUntypedWorkflowStub(id).describe().getStatus()
              == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
          && !workflow(id).getState().stage().isFinal();
    } catch (WorkflowException lost) {
      return false;
    }
  }

  private ReleaseApprovalWorkflow workflow(String id) {
    return client.newWorkflowStub(ReleaseApprovalWorkflow.class, id);
  }

  private Optional<String> currentVersion(BeaconTier tier) {
    return beaconEvents.latestPublished(Tier.valueOf(tier.name())).map(BeaconEventRow::version);
  }

  private String closed(String id, String verb) {
    return requests
        .find(id)
        .map(row -> "the release is " + describe(row.status()) + " and can no longer be " + verb)
        .orElse("no release request " + id);
  }

  private ReleaseProposal proposalOf(ReleaseForm form, String proposer) {
    Instant deadline =
        form.deadline() != null
            ? form.deadline()
            : clock
                .instant()
                .plus(
                    Duration.ofHours(
                        form.deadlineHours() == null
                            ? ReleaseForm.DEFAULT_DEADLINE_HOURS
                            : form.deadlineHours()));
    return new ReleaseProposal(
        BeaconTier.valueOf(form.tier()),
        form.version().strip(),
        form.imageDigest().strip(),
        form.minimumVersion() == null ? "" : form.minimumVersion().strip(),
        form.notesUri() == null ? "" : form.notesUri().strip(),
        deadline.getEpochSecond(),
        proposer,
        form.downgradeReason() == null || form.downgradeReason().isBlank()
            ? null
            : form.downgradeReason().strip());
  }

  private static BeaconView view(BeaconEventRow row) {
    return new BeaconView(
        row.tier().name(),
        row.backend().name(),
        row.chainId(),
        row.beaconAddress(),
        row.version(),
        row.imageDigest(),
        row.minimumVersion(),
        row.notesUri(),
        row.publishedAt() == null ? null : row.publishedAt().toString(),
        row.transactionHash(),
        row.blockNumber());
  }

  private static String describe(String status) {
    return status.toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
