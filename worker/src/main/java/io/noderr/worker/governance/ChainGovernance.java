package io.noderr.worker.governance;

import static io.noderr.worker.beacon.RpcEndpoint.answered;
import static io.noderr.worker.beacon.RpcEndpoint.call;

import io.noderr.activities.governance.BallotEligibility;
import io.noderr.activities.governance.GovernanceFailures;
import io.noderr.activities.governance.ProposalCalls;
import io.noderr.activities.governance.ProposalOnChain;
import io.noderr.contracts.generated.NoderrGovernor;
import io.noderr.registry.governance.GovernanceEvent;
import io.noderr.registry.governance.ProposalStatus;
import io.noderr.worker.beacon.ChainBeacon;
import io.noderr.worker.beacon.SimulatedRelay;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

/**
 * The governance contracts on the beacon's chain: reads at one block, and the transactions the
 * platform relays (ballots, queue, execute) from the beacon's sender account. Each transaction is
 * simulated first, so a refusal costs no gas and names the contract's error.
 */
public final class ChainGovernance {

  private static final StaticGasProvider NO_GAS =
      new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO);

  private static final List<String> TIERS = List.of("PARAMETER", "TREASURY", "CONTRACT");

  /** The governor's, the timelock's and the parameter registry's errors. */
  private static final List<String> ERRORS =
      List.of(
          "GovernorUnexpectedProposalState(uint256,uint8,bytes32)",
          "GovernorAlreadyCastVote(address)",
          "GovernorInvalidSignature(address)",
          "GovernorNonexistentProposal(uint256)",
          "GovernorInsufficientProposerVotes(address,uint256,uint256)",
          "GovernorInvalidVoteType()",
          "GovernorNotQueuedProposal(uint256)",
          "GovernorAlreadyQueuedProposal(uint256)",
          "GovernorInvalidProposalLength(uint256,uint256,uint256)",
          "InvalidAccountNonce(address,uint256)",
          "TierDelayNotElapsed(uint256,uint256)",
          "TimelockUnexpectedOperationState(bytes32,bytes32)",
          "TimelockUnexecutedPredecessor(bytes32)",
          "UnknownParameter(string)",
          "OutOfRange(string,uint256,uint256,uint256)",
          "BadRange(string,uint256,uint256)");

  private final ChainBeacon beacon;
  private final Web3j web3j;
  private final GovernanceContracts contracts;
  private final GovernanceProperties properties;
  private final GovernanceLogs logs;
  private final SimulatedRelay relay;

  public ChainGovernance(ChainBeacon beacon, GovernanceProperties properties) {
    this.beacon = beacon;
    this.web3j = beacon.web3j();
    this.properties = properties;
    this.contracts = GovernanceContracts.of(properties);
    this.logs = new GovernanceLogs(web3j, contracts);
    this.relay = new SimulatedRelay(beacon, "the governor", ERRORS);
  }

  long chainId() {
    return beacon.id().chainId();
  }

  String governor() {
    return contracts.governor();
  }

  /** The last block the follower may read: the head minus the configured confirmations. */
  long confirmedHead() throws IOException {
    return answered(web3j.ethBlockNumber().send()).getBlockNumber().longValueExact()
        - properties.confirmations();
  }

  List<GovernanceEvent> events(long from, long to) throws IOException {
    return logs.read(chainId(), from, to);
  }

  String describe(Exception failure) {
    return beacon.describe(failure);
  }

  /** The proposal at the latest block; {@code exists} false when the governor does not know it. */
  ProposalOnChain readProposal(String proposalId) throws IOException {
    EthBlock.Block block =
        answered(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send())
            .getBlock();
    long chainTime = block.getTimestamp().longValueExact();
    NoderrGovernor governor = governor(DefaultBlockParameter.valueOf(block.getNumber()));
    BigInteger id = new BigInteger(proposalId);
    BigInteger snapshot = call(governor.proposalSnapshot(id));
    if (snapshot.signum() == 0) {
      return new ProposalOnChain(
          proposalId,
          false,
          null,
          chainId(),
          governor(),
          null,
          0,
          0,
          0,
          null,
          "0",
          "0",
          "0",
          null,
          chainTime);
    }
    BigInteger tier = call(governor.proposalTier(id));
    Tuple3<BigInteger, BigInteger, BigInteger> votes = call(governor.proposalVotes(id));
    String quorum =
        snapshot.longValueExact() < chainTime
            ? call(governor.tierQuorum(tier, snapshot)).toString()
            : null;
    return new ProposalOnChain(
        proposalId,
        true,
        ProposalStatus.ofCode(call(governor.state(id)).intValueExact()).name(),
        chainId(),
        governor(),
        GovernanceLogs.address(call(governor.proposalProposer(id))),
        snapshot.longValueExact(),
        call(governor.proposalDeadline(id)).longValueExact(),
        call(governor.proposalEta(id)).longValueExact(),
        TIERS.get(tier.intValueExact()),
        votes.component2().toString(),
        votes.component1().toString(),
        votes.component3().toString(),
        quorum,
        chainTime);
  }

  BallotEligibility checkBallot(String proposalId, String voter) throws IOException {
    NoderrGovernor governor = governor(DefaultBlockParameterName.LATEST);
    BigInteger id = new BigInteger(proposalId);
    BigInteger snapshot = call(governor.proposalSnapshot(id));
    return new BallotEligibility(
        call(governor.getVotes(voter, snapshot)).toString(),
        call(governor.hasVoted(id, voter)),
        call(governor.nonces(voter)).toString());
  }

  BigInteger nonceOf(String account) throws IOException {
    return call(governor(DefaultBlockParameterName.LATEST).nonces(account));
  }

  TransactionReceipt castVoteBySig(String proposalId, String voter, int support, String signature)
      throws IOException {
    String data =
        governor(DefaultBlockParameterName.LATEST)
            .castVoteBySig(
                new BigInteger(proposalId),
                BigInteger.valueOf(support),
                voter,
                Numeric.hexStringToByteArray(signature))
            .encodeFunctionCall();
    return relay(data, GovernanceFailures.BALLOT_REFUSED);
  }

  TransactionReceipt queue(ProposalCalls calls) throws IOException {
    String data =
        governor(DefaultBlockParameterName.LATEST)
            .queue(calls.targets(), values(calls), calldatas(calls), descriptionHash(calls))
            .encodeFunctionCall();
    return relay(data, GovernanceFailures.TRANSACTION_REFUSED);
  }

  TransactionReceipt execute(ProposalCalls calls) throws IOException {
    String data =
        governor(DefaultBlockParameterName.LATEST)
            .execute(
                calls.targets(),
                values(calls),
                calldatas(calls),
                descriptionHash(calls),
                BigInteger.ZERO)
            .encodeFunctionCall();
    return relay(data, GovernanceFailures.TRANSACTION_REFUSED);
  }

  /** The receipt of a mined transaction, for the events it emitted. */
  TransactionReceipt receipt(String transactionHash) throws IOException {
    return answered(web3j.ethGetTransactionReceipt(transactionHash).send())
        .getTransactionReceipt()
        .orElseThrow(() -> new IOException("no receipt for transaction " + transactionHash));
  }

  String parametersAddress() {
    return contracts.parameters();
  }

  /** Simulates the governor call, then sends it; a refusal fails with {@code refusalType}. */
  private TransactionReceipt relay(String data, String refusalType) throws IOException {
    return relay.send(contracts.governor(), data, refusalType);
  }

  private NoderrGovernor governor(DefaultBlockParameter at) {
    NoderrGovernor governor =
        NoderrGovernor.load(
            contracts.governor(),
            web3j,
            new ReadonlyTransactionManager(web3j, beacon.senderAddress()),
            NO_GAS);
    governor.setDefaultBlockParameter(at);
    return governor;
  }

  private static List<BigInteger> values(ProposalCalls calls) {
    return calls.values().stream().map(BigInteger::new).toList();
  }

  private static List<byte[]> calldatas(ProposalCalls calls) {
    return calls.calldatas().stream().map(Numeric::hexStringToByteArray).toList();
  }

  private static byte[] descriptionHash(ProposalCalls calls) {
    return Hash.sha3(calls.description().getBytes(StandardCharsets.UTF_8));
  }
}
