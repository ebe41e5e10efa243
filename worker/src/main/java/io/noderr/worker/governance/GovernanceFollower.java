package io.noderr.worker.governance;

import io.noderr.activities.governance.ProposalCalls;
import io.noderr.registry.governance.GovernanceEvent;
import io.noderr.registry.governance.GovernanceLedger;
import io.noderr.worker.beacon.ChainFollower;
import io.noderr.workflows.governance.ChainChange;
import io.noderr.workflows.governance.ProposalInput;
import io.noderr.workflows.governance.ProposalWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the governance contracts' events in the read models (stakes, voting power, proposals,
 * votes, parameters), as the beacon follower does for the beacon: every poll interval it reads the
 * confirmed blocks after its cursor in ranges of at most the beacon's {@code max-block-range}, and
 * applies each range with the cursor in one transaction, each event once. RPC failures back off and
 * resume from the stored cursor ({@link ChainFollower}).
 *
 * <p>Every proposal it sees created gets its ProposalWorkflow ({@code proposal-<id>}), started
 * before the range is stored (a crash in between starts it on the next read; a second start is
 * refused by Temporal, which is fine); a proposal queued, executed or canceled on chain wakes its
 * workflow. After a signed action (a vote, a proposal) the account's governor nonce is read again
 * for the next ballot.
 */
public final class GovernanceFollower extends ChainFollower {

  /** Who the follower's workflow starts are recorded as. */
  static final String STARTED_BY = "governance-follower";

  private static final Logger log = LoggerFactory.getLogger(GovernanceFollower.class);

  private final ChainGovernance chain;
  private final GovernanceLedger ledger;
  private final WorkflowClient workflows;
  private final GovernanceProperties properties;

  public GovernanceFollower(
      ChainGovernance chain,
      GovernanceLedger ledger,
      WorkflowClient workflows,
      GovernanceProperties properties,
      int maxBlockRange) {
    super("governance follower", properties.pollInterval(), maxBlockRange, chain::describe);
    this.chain = chain;
    this.ledger = ledger;
    this.workflows = workflows;
    this.properties = properties;
  }

  @Override
  protected long confirmedHead() throws IOException {
    return chain.confirmedHead();
  }

  @Override
  protected long storedCursor() {
    return ledger.cursor(chain.chainId(), chain.governor()).orElse(properties.startBlock() - 1);
  }

  @Override
  protected void recordRange(long from, long to) throws IOException {
    List<GovernanceEvent> events = chain.events(from, to);
    events.forEach(this::startWorkflow);
    afterApplied(ledger.recordRange(chain.chainId(), chain.governor(), events, to));
  }

  private void startWorkflow(GovernanceEvent event) {
    if (!(event instanceof GovernanceEvent.ProposalCreated created)) {
      return;
    }
    ProposalInput input =
        new ProposalInput(
            new ProposalCalls(
                created.proposalId(),
                created.targets(),
                created.values(),
                created.calldatas(),
                created.description()),
            null,
            STARTED_BY);
    ProposalWorkflow workflow =
        workflows.newWorkflowStub(
            ProposalWorkflow.class, ProposalWorkflow.startOptions(input).build());
    try {
      WorkflowClient.start(workflow::run, input);
      log.info("following proposal {} (workflow started)", created.proposalId());
    } catch (WorkflowExecutionAlreadyStarted alreadyFollowed) {
      // Submitted by the platform, or seen in an earlier read of the range.
    }
  }

  private void afterApplied(List<GovernanceEvent> applied) throws IOException {
    Set<String> signers = new LinkedHashSet<>();
    for (GovernanceEvent event : applied) {
      switch (event) {
        case GovernanceEvent.ProposalCreated e -> signers.add(e.proposer());
        case GovernanceEvent.VoteCast e -> signers.add(e.voter());
        case GovernanceEvent.ProposalQueued e -> wake(e.proposalId(), "ProposalQueued", e.key());
        case GovernanceEvent.ProposalExecuted e ->
            wake(e.proposalId(), "ProposalExecuted", e.key());
        case GovernanceEvent.ProposalCanceled e ->
            wake(e.proposalId(), "ProposalCanceled", e.key());
        default -> {}
      }
      if (event instanceof GovernanceEvent.OperationCancelled cancelled) {
        wakeByOperation(cancelled);
      }
    }
    for (String signer : signers) {
      ledger.recordNonce(signer, chain.nonceOf(signer));
    }
  }

  private void wakeByOperation(GovernanceEvent.OperationCancelled cancelled) {
    ledger
        .proposalsOfOperation(cancelled.operationId())
        .forEach(id -> wake(id, "Cancelled", cancelled.key()));
  }

  /** Tells the proposal's workflow to read the chain now; a finished or unknown one is ignored. */
  private void wake(String proposalId, String event, GovernanceEvent.Key key) {
    try {
      workflows
          .newWorkflowStub(ProposalWorkflow.class, ProposalWorkflow.workflowId(proposalId))
          .chainChanged(new ChainChange(event, key.transactionHash()));
    } catch (WorkflowException finishedOrUnknown) {
      log.debug("proposal {} saw {} with no workflow running", proposalId, event);
    }
  }
}
