package io.noderr.worker.governance;

import io.noderr.activities.governance.BallotCheck;
import io.noderr.activities.governance.BallotEligibility;
import io.noderr.activities.governance.BallotRelay;
import io.noderr.activities.governance.ExecutionQuery;
import io.noderr.activities.governance.GovernanceChainActivities;
import io.noderr.activities.governance.GovernanceFailures;
import io.noderr.activities.governance.GovernanceTransaction;
import io.noderr.activities.governance.ParameterChanges;
import io.noderr.activities.governance.ProposalCalls;
import io.noderr.activities.governance.ProposalOnChain;
import io.noderr.activities.governance.ProposalQuery;
import io.noderr.activities.governance.ProposalToSubmit;
import io.noderr.activities.governance.RelayedBallot;
import io.noderr.activities.governance.SubmittedProposal;
import io.noderr.contracts.generated.NoderrGovernor;
import io.noderr.contracts.generated.NoderrParameters;
import io.noderr.registry.governance.GovernanceLedger;
import io.noderr.registry.governance.GovernanceProposals;
import io.noderr.registry.governance.ProposalRow;
import io.noderr.signing.Address;
import io.noderr.signing.SignedProposal;
import io.noderr.worker.beacon.ChainBeacon;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The proposal workflow's chain steps. Proposals are submitted through the {@link
 * ProposalSubmitter} when the platform has one ({@code proposeBySig}); without one a signed
 * proposal is refused with that reason. RPC failures are retryable ({@link
 * ChainBeacon#RPC_FAILED}), the governor's refusals final.
 */
public class GovernanceChainActivitiesImpl implements GovernanceChainActivities {

  private static final String CHANGED =
      EventEncoder.encode(NoderrParameters.PARAMETERCHANGED_EVENT);
  private static final String VOTE_CAST = EventEncoder.encode(NoderrGovernor.VOTECAST_EVENT);

  private final ChainGovernance chain;
  private final ObjectProvider<ProposalSubmitter> submitter;
  private final GovernanceProposals proposals;
  private final GovernanceLedger ledger;

  public GovernanceChainActivitiesImpl(
      ChainGovernance chain,
      ObjectProvider<ProposalSubmitter> submitter,
      GovernanceProposals proposals,
      GovernanceLedger ledger) {
    this.chain = chain;
    this.submitter = submitter;
    this.proposals = proposals;
    this.ledger = ledger;
  }

  @Override
  public SubmittedProposal submitProposal(ProposalToSubmit proposal) {
    ProposalSubmitter available = submitter.getIfAvailable();
    if (available == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "this platform cannot submit signed proposals (no proposeBySig submitter is"
              + " configured); submit it to the governor directly",
          GovernanceFailures.PROPOSAL_REFUSED);
    }
    ProposalCalls calls = proposal.calls();
    try {
      ProposalSubmitter.Submitted submitted =
          available.submit(
              new SignedProposal(
                  Address.of(proposal.proposer()),
                  calls.targets().stream().map(Address::of).toList(),
                  calls.values().stream().map(BigInteger::new).toList(),
                  calls.calldatas(),
                  calls.description(),
                  new BigInteger(proposal.nonce()),
                  proposal.deadline(),
                  proposal.signature()));
      return new SubmittedProposal(submitted.proposalId(), submitted.transactionHash());
    } catch (ProposalSubmitter.ProposalRefusedException refused) {
      throw ApplicationFailure.newNonRetryableFailure(
          refused.getMessage(), GovernanceFailures.PROPOSAL_REFUSED);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  @Override
  public ProposalOnChain readProposal(ProposalQuery query) {
    try {
      return chain.readProposal(query.proposalId());
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  @Override
  public BallotEligibility checkBallot(BallotCheck check) {
    try {
      return chain.checkBallot(check.proposalId(), check.voter());
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  @Override
  public RelayedBallot relayBallot(BallotRelay relay) {
    try {
      TransactionReceipt receipt =
          chain.castVoteBySig(
              relay.proposalId(), relay.voter(), relay.support(), relay.signature());
      // The next ballot of this voter is signed over the next nonce; the follower confirms it.
      ledger.recordNonce(relay.voter(), new BigInteger(relay.nonce()).add(BigInteger.ONE));
      BigInteger weight =
          receipt.getLogs().stream()
              .filter(log -> topic(log).equals(VOTE_CAST))
              .map(log -> NoderrGovernor.getVoteCastEventFromLog(log).weight)
              .findFirst()
              .orElse(BigInteger.ZERO);
      return new RelayedBallot(
          receipt.getTransactionHash(),
          receipt.getBlockNumber().longValueExact(),
          weight.toString());
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  @Override
  public GovernanceTransaction queueProposal(ProposalCalls calls) {
    return transact(calls, "QUEUED", () -> chain.queue(calls));
  }

  @Override
  public GovernanceTransaction executeProposal(ProposalCalls calls) {
    return transact(calls, "EXECUTED", () -> chain.execute(calls));
  }

  private interface Send {
    TransactionReceipt send() throws IOException;
  }

  /**
   * Sends unless the governor is in {@code done} (or past it) already: anyone may queue/execute.
   */
  private GovernanceTransaction transact(ProposalCalls calls, String done, Send send) {
    try {
      String state = chain.readProposal(calls.proposalId()).state();
      if (state.equals(done) || (done.equals("QUEUED") && state.equals("EXECUTED"))) {
        return new GovernanceTransaction(null, 0, true);
      }
      TransactionReceipt receipt = send.send();
      return new GovernanceTransaction(
          receipt.getTransactionHash(), receipt.getBlockNumber().longValueExact(), false);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  @Override
  public ParameterChanges parameterChanges(ExecutionQuery query) {
    String transaction =
        Optional.ofNullable(query.transactionHash())
            .or(() -> proposals.find(query.proposalId()).map(ProposalRow::executedTx))
            .orElseThrow(
                () ->
                    ApplicationFailure.newFailure(
                        "the follower has not recorded the execution of proposal "
                            + query.proposalId()
                            + " yet",
                        ChainBeacon.RPC_FAILED));
    try {
      List<ParameterChanges.Change> changes =
          chain.receipt(transaction).getLogs().stream()
              .filter(log -> log.getAddress().equalsIgnoreCase(chain.parametersAddress()))
              .filter(log -> topic(log).equals(CHANGED))
              .map(NoderrParameters::getParameterChangedEventFromLog)
              .map(
                  e ->
                      new ParameterChanges.Change(
                          e.name, e.oldValue.toString(), e.newValue.toString()))
              .toList();
      return new ParameterChanges(transaction, changes);
    } catch (IOException e) {
      throw unreachable(e);
    } catch (UncheckedIOException e) {
      throw unreachable(e.getCause());
    }
  }

  private static String topic(Log log) {
    return log.getTopics().isEmpty() ? "" : log.getTopics().getFirst();
  }

  private ApplicationFailure unreachable(IOException e) {
    return ApplicationFailure.newFailure(
        "the governance RPC call failed: " + chain.describe(e), ChainBeacon.RPC_FAILED);
  }
}
