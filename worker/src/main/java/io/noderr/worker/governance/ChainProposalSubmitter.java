package io.noderr.worker.governance;

import static io.noderr.worker.beacon.RpcEndpoint.answered;

import io.noderr.contracts.generated.NoderrGovernor;
import io.noderr.contracts.generated.NoderrParameters;
import io.noderr.signing.Address;
import io.noderr.signing.GovernorDomain;
import io.noderr.signing.ProposalSubmission;
import io.noderr.signing.SetParameterCall;
import io.noderr.signing.SignedProposal;
import io.noderr.worker.beacon.BeaconProperties;
import io.noderr.worker.beacon.ChainBeacon;
import io.noderr.worker.beacon.RpcEndpoint;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.exceptions.ContractCallException;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

/**
 * Submits signed proposals to NoderrGovernor's {@code proposeBySig} from the platform's sender
 * account (the beacon's), which pays the gas but lends the proposal nothing: the governor counts
 * the proposer's stake. Everything the governor would refuse is checked first and refused with the
 * numbers the proposer needs (their votes and the threshold, the nonce they signed and the current
 * one, the parameter's range), so nothing is sent that would revert; the transaction is simulated
 * before it is sent for what remains.
 */
public final class ChainProposalSubmitter implements ProposalSubmitter {

  private static final Logger log = LoggerFactory.getLogger(ChainProposalSubmitter.class);

  private static final BigDecimal TOKEN_UNIT = BigDecimal.TEN.pow(18);

  private final ChainBeacon beacon;
  private final Web3j web3j;

  /** Never logged or put in a message whole: it may carry an API key (RpcEndpoint). */
  private final String rpcUrl;

  private final String endpoint;
  private final GovernorDomain domain;
  private final Address parameters;
  private final NoderrGovernor governor;
  private final NoderrParameters registry;
  private final ReadonlyTransactionManager reads;

  /**
   * One proposal at a time from this account: the next is simulated against the last one's state.
   */
  private final ReentrantLock sending = new ReentrantLock();

  /**
   * @param beacon the chain client and the sender account, whose transactions all go through the
   *     beacon's one lock (publications, ballots, queue/execute and proposals share its nonces)
   */
  public ChainProposalSubmitter(
      GovernanceProperties governance, BeaconProperties properties, ChainBeacon beacon) {
    this.beacon = beacon;
    this.web3j = beacon.web3j();
    this.rpcUrl = properties.rpcUrl();
    this.endpoint = RpcEndpoint.redacted(rpcUrl);
    this.domain = new GovernorDomain(properties.chainId(), governance.governorAddress());
    this.parameters = governance.parametersAddress();
    this.reads = new ReadonlyTransactionManager(web3j, beacon.senderAddress());
    StaticGasProvider noGas = new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO);
    this.governor = NoderrGovernor.load(domain.governor().value(), web3j, reads, noGas);
    this.registry = NoderrParameters.load(parameters.value(), web3j, reads, noGas);
  }

  @Override
  public Submitted submit(SignedProposal proposal) throws IOException {
    ProposalSubmission submission = checkedSignature(proposal);
    String data = encode(proposal);
    sending.lock();
    try {
      checkDeadline(proposal);
      checkNonce(proposal);
      checkVotes(proposal.proposer());
      checkParameterRanges(proposal);
      simulate(data);
      TransactionReceipt receipt = send(data);
      NoderrGovernor.ProposalCreatedEventResponse created =
          NoderrGovernor.getProposalCreatedEvents(receipt).stream()
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "transaction "
                              + receipt.getTransactionHash()
                              + " created no proposal (no ProposalCreated event)"));
      log.info(
          "proposal {} by {} submitted in transaction {} ({})",
          created.proposalId,
          proposal.proposer().checksummed(),
          receipt.getTransactionHash(),
          submission.summary().getFirst());
      return new Submitted(created.proposalId.toString(), receipt.getTransactionHash());
    } catch (IOException e) {
      throw new IOException(
          "the governance RPC endpoint "
              + endpoint
              + " failed: "
              + RpcEndpoint.describe(e, rpcUrl));
    } finally {
      sending.unlock();
    }
  }

  private ProposalSubmission checkedSignature(SignedProposal proposal) {
    try {
      ProposalSubmission submission = new ProposalSubmission(domain, proposal);
      submission.verify();
      return submission;
    } catch (IllegalArgumentException e) {
      // Malformed proposals and signatures (Signatures.InvalidSignatureException included).
      throw new ProposalRefusedException(e.getMessage());
    }
  }

  /** The governor compares the deadline with the block's time, so this does too. */
  private void checkDeadline(SignedProposal proposal) throws IOException {
    BigInteger now =
        answered(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send())
            .getBlock()
            .getTimestamp();
    if (BigInteger.valueOf(proposal.deadline()).compareTo(now) <= 0) {
      throw new ProposalRefusedException(
          "the signature's deadline "
              + Instant.ofEpochSecond(proposal.deadline())
              + " has passed (chain time "
              + Instant.ofEpochSecond(now.longValueExact())
              + "); sign the proposal again with a later deadline");
    }
  }

  private void checkNonce(SignedProposal proposal) throws IOException {
    BigInteger current = call(governor.nonces(proposal.proposer().value()));
    if (!current.equals(proposal.nonce())) {
      throw new ProposalRefusedException(
          "the proposal was signed with governor nonce "
              + proposal.nonce()
              + " but "
              + proposal.proposer().checksummed()
              + "'s nonce is "
              + current
              + " (a ballot or proposal since used it, or it was signed ahead); sign it again"
              + " with nonce "
              + current);
    }
  }

  /** As Governor.propose: the proposer's votes one clock tick back against the threshold. */
  private void checkVotes(Address proposer) throws IOException {
    BigInteger timepoint = call(governor.clock()).subtract(BigInteger.ONE);
    BigInteger votes = call(governor.getVotes(proposer.value(), timepoint));
    BigInteger threshold = call(governor.proposalThreshold());
    if (votes.compareTo(threshold) < 0) {
      throw new ProposalRefusedException(
          proposer.checksummed()
              + " has "
              + tokens(votes)
              + " of votes, below the proposal threshold of "
              + tokens(threshold)
              + " (stake counts from one second after it is staked)");
    }
  }

  /** The registry would refuse an out-of-range value only at execution, after the whole vote. */
  private void checkParameterRanges(SignedProposal proposal) throws IOException {
    for (int i = 0; i < proposal.targets().size(); i++) {
      if (!proposal.targets().get(i).equals(parameters)) {
        continue;
      }
      String calldata = proposal.calldatas().get(i);
      if (!SetParameterCall.selects(calldata)) {
        continue;
      }
      int call = i + 1;
      SetParameterCall change =
          SetParameterCall.decode(calldata)
              .orElseThrow(
                  () ->
                      new ProposalRefusedException(
                          "call " + call + " is a malformed setParameter call"));
      BigInteger min;
      BigInteger max;
      try {
        var range = call(registry.rangeOf(change.name()));
        min = range.component1();
        max = range.component2();
      } catch (ContractCallException e) {
        throw new ProposalRefusedException(
            "call " + call + " sets \"" + change.name() + "\", which is not a parameter");
      }
      if (change.value().compareTo(min) < 0 || change.value().compareTo(max) > 0) {
        throw new ProposalRefusedException(
            "call "
                + call
                + " sets \""
                + change.name()
                + "\" to "
                + change.value()
                + ", outside its range ["
                + min
                + ", "
                + max
                + "]");
      }
    }
  }

  private String encode(SignedProposal proposal) {
    return governor
        .proposeBySig(
            proposal.targets().stream().map(Address::value).toList(),
            proposal.values(),
            proposal.calldatas().stream().map(Numeric::hexStringToByteArray).toList(),
            proposal.description(),
            proposal.proposer().value(),
            BigInteger.valueOf(proposal.deadline()),
            Numeric.hexStringToByteArray(proposal.signature()))
        .encodeFunctionCall();
  }

  private void simulate(String data) throws IOException {
    Optional<ChainBeacon.CallRevert> revert = beacon.simulateCall(domain.governor().value(), data);
    if (revert.isPresent()) {
      throw GovernorReverts.refusal(revert.get().data());
    }
  }

  private TransactionReceipt send(String data) throws IOException {
    TransactionReceipt receipt = beacon.relay(domain.governor().value(), data);
    if (!receipt.isStatusOK()) {
      throw new IllegalStateException(
          "proposal transaction "
              + receipt.getTransactionHash()
              + " reverted in block "
              + receipt.getBlockNumber()
              + " although its simulation passed");
    }
    return receipt;
  }

  /** 1500000000000000000000 → "1,500 NODR (1500000000000000000000)". */
  private static String tokens(BigInteger units) {
    BigDecimal whole = new BigDecimal(units).divide(TOKEN_UNIT).stripTrailingZeros();
    return String.format("%,f", whole).replaceAll("\\.?0+$", "") + " NODR (" + units + ")";
  }

  /** web3j's calls declare {@code Exception}; only I/O failures are worth a retry. */
  private static <T> T call(RemoteCall<T> call) throws IOException {
    try {
      return call.send();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
