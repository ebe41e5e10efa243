package io.noderr.worker.governance;

import static io.noderr.worker.beacon.RpcEndpoint.answered;

import io.noderr.contracts.generated.NoderrGovernor;
import io.noderr.contracts.generated.NoderrParameters;
import io.noderr.contracts.generated.NoderrStaking;
import io.noderr.contracts.generated.NoderrTimelock;
import io.noderr.registry.governance.GovernanceEvent;
import io.noderr.registry.governance.GovernanceEvent.Key;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * Reads one block range's governance logs (staking, governor, timelock, parameter registry) with
 * one {@code eth_getLogs} and decodes them with the generated wrappers' event definitions, in chain
 * order. A governor {@code ProposalQueued} is paired with the timelock operation its transaction
 * scheduled: that operation id is what the guardian cancels.
 */
final class GovernanceLogs {

  private static final String STAKED = EventEncoder.encode(NoderrStaking.STAKED_EVENT);
  private static final String UNBONDING =
      EventEncoder.encode(NoderrStaking.UNBONDINGREQUESTED_EVENT);
  private static final String WITHDRAWN = EventEncoder.encode(NoderrStaking.WITHDRAWN_EVENT);
  private static final String SLASHED = EventEncoder.encode(NoderrStaking.SLASHED_EVENT);
  private static final String VOTES = EventEncoder.encode(NoderrStaking.DELEGATEVOTESCHANGED_EVENT);
  private static final String CREATED = EventEncoder.encode(NoderrGovernor.PROPOSALCREATED_EVENT);
  private static final String TIERED = EventEncoder.encode(NoderrGovernor.PROPOSALTIERED_EVENT);
  private static final String VOTE_CAST = EventEncoder.encode(NoderrGovernor.VOTECAST_EVENT);
  private static final String QUEUED = EventEncoder.encode(NoderrGovernor.PROPOSALQUEUED_EVENT);
  private static final String EXECUTED = EventEncoder.encode(NoderrGovernor.PROPOSALEXECUTED_EVENT);
  private static final String CANCELED = EventEncoder.encode(NoderrGovernor.PROPOSALCANCELED_EVENT);
  private static final String SCHEDULED = EventEncoder.encode(NoderrTimelock.CALLSCHEDULED_EVENT);
  private static final String CANCELLED = EventEncoder.encode(NoderrTimelock.CANCELLED_EVENT);
  private static final String DEFINED =
      EventEncoder.encode(NoderrParameters.PARAMETERDEFINED_EVENT);
  private static final String CHANGED =
      EventEncoder.encode(NoderrParameters.PARAMETERCHANGED_EVENT);

  private static final List<String> TIERS = List.of("PARAMETER", "TREASURY", "CONTRACT");
  private static final List<String> SUPPORT = List.of("AGAINST", "FOR", "ABSTAIN");

  private final Web3j web3j;
  private final GovernanceContracts contracts;

  GovernanceLogs(Web3j web3j, GovernanceContracts contracts) {
    this.web3j = web3j;
    this.contracts = contracts;
  }

  /** The deployment's events in blocks {@code from} to {@code to}, both included. */
  List<GovernanceEvent> read(long chainId, long from, long to) throws IOException {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
            List.of(
                contracts.staking(),
                contracts.governor(),
                contracts.timelock(),
                contracts.parameters()));
    List<Log> logs = new ArrayList<>();
    for (EthLog.LogResult<?> result : answered(web3j.ethGetLogs(filter).send()).getLogs()) {
      Log log = (Log) result.get();
      if (!log.isRemoved() && !log.getTopics().isEmpty()) {
        logs.add(log);
      }
    }
    logs.sort(Comparator.comparing(Log::getBlockNumber).thenComparing(Log::getLogIndex));
    Map<String, String> scheduledByTransaction = new HashMap<>();
    for (Log log : logs) {
      if (isFrom(log, contracts.timelock()) && topic(log).equals(SCHEDULED)) {
        scheduledByTransaction.putIfAbsent(
            log.getTransactionHash(),
            Numeric.toHexString(NoderrTimelock.getCallScheduledEventFromLog(log).id));
      }
    }
    List<GovernanceEvent> events = new ArrayList<>();
    for (Log log : logs) {
      GovernanceEvent event = decode(chainId, log, scheduledByTransaction);
      if (event != null) {
        events.add(event);
      }
    }
    return events;
  }

  private GovernanceEvent decode(long chainId, Log log, Map<String, String> scheduled) {
    Key key =
        new Key(
            chainId,
            log.getTransactionHash(),
            log.getLogIndex().intValueExact(),
            log.getBlockNumber().longValueExact());
    String topic = topic(log);
    if (isFrom(log, contracts.staking())) {
      return staking(key, topic, log);
    } else if (isFrom(log, contracts.governor())) {
      return governor(key, topic, log, scheduled);
    } else if (isFrom(log, contracts.timelock()) && topic.equals(CANCELLED)) {
      return new GovernanceEvent.OperationCancelled(
          key, Numeric.toHexString(NoderrTimelock.getCancelledEventFromLog(log).id));
    } else if (isFrom(log, contracts.parameters())) {
      if (topic.equals(DEFINED)) {
        var e = NoderrParameters.getParameterDefinedEventFromLog(log);
        return new GovernanceEvent.ParameterDefined(key, e.name, e.min, e.max, e.value);
      } else if (topic.equals(CHANGED)) {
        var e = NoderrParameters.getParameterChangedEventFromLog(log);
        return new GovernanceEvent.ParameterChanged(key, e.name, e.oldValue, e.newValue);
      }
    }
    return null;
  }

  private static GovernanceEvent staking(Key key, String topic, Log log) {
    if (topic.equals(STAKED)) {
      var e = NoderrStaking.getStakedEventFromLog(log);
      return new GovernanceEvent.Staked(key, address(e.operator), e.stake);
    } else if (topic.equals(UNBONDING)) {
      var e = NoderrStaking.getUnbondingRequestedEventFromLog(log);
      return new GovernanceEvent.UnbondingRequested(
          key,
          address(e.operator),
          e.amount,
          e.stake,
          Instant.ofEpochSecond(e.readyAt.longValueExact()));
    } else if (topic.equals(WITHDRAWN)) {
      return new GovernanceEvent.Withdrawn(
          key, address(NoderrStaking.getWithdrawnEventFromLog(log).operator));
    } else if (topic.equals(SLASHED)) {
      var e = NoderrStaking.getSlashedEventFromLog(log);
      return new GovernanceEvent.Slashed(key, address(e.operator), e.amount);
    } else if (topic.equals(VOTES)) {
      var e = NoderrStaking.getDelegateVotesChangedEventFromLog(log);
      return new GovernanceEvent.VotesChanged(key, address(e.delegate), e.newVotes);
    }
    return null;
  }

  private GovernanceEvent governor(Key key, String topic, Log log, Map<String, String> scheduled) {
    if (topic.equals(CREATED)) {
      var e = NoderrGovernor.getProposalCreatedEventFromLog(log);
      return new GovernanceEvent.ProposalCreated(
          key,
          contracts.governor(),
          e.proposalId.toString(),
          address(e.proposer),
          e.targets.stream().map(GovernanceLogs::address).toList(),
          e.values.stream().map(BigInteger::toString).toList(),
          e.calldatas.stream().map(Numeric::toHexString).toList(),
          e.description,
          Instant.ofEpochSecond(e.voteStart.longValueExact()),
          Instant.ofEpochSecond(e.voteEnd.longValueExact()));
    } else if (topic.equals(TIERED)) {
      var e = NoderrGovernor.getProposalTieredEventFromLog(log);
      return new GovernanceEvent.ProposalTiered(
          key, e.proposalId.toString(), TIERS.get(e.tier.intValueExact()));
    } else if (topic.equals(VOTE_CAST)) {
      var e = NoderrGovernor.getVoteCastEventFromLog(log);
      return new GovernanceEvent.VoteCast(
          key,
          e.proposalId.toString(),
          address(e.voter),
          SUPPORT.get(e.support.intValueExact()),
          e.weight,
          e.reason);
    } else if (topic.equals(QUEUED)) {
      var e = NoderrGovernor.getProposalQueuedEventFromLog(log);
      return new GovernanceEvent.ProposalQueued(
          key,
          e.proposalId.toString(),
          Instant.ofEpochSecond(e.etaSeconds.longValueExact()),
          scheduled.get(log.getTransactionHash()));
    } else if (topic.equals(EXECUTED)) {
      return new GovernanceEvent.ProposalExecuted(
          key, NoderrGovernor.getProposalExecutedEventFromLog(log).proposalId.toString());
    } else if (topic.equals(CANCELED)) {
      return new GovernanceEvent.ProposalCanceled(
          key, NoderrGovernor.getProposalCanceledEventFromLog(log).proposalId.toString());
    }
    return null;
  }

  private static String topic(Log log) {
    return log.getTopics().getFirst();
  }

  private static boolean isFrom(Log log, String contract) {
    return log.getAddress().equalsIgnoreCase(contract);
  }

  /** Addresses lowercase, as the registry keys operators. */
  static String address(String address) {
    return address.toLowerCase(Locale.ROOT);
  }
}
