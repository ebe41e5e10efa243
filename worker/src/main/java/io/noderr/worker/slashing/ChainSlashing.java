package io.noderr.worker.slashing;

import static io.noderr.worker.beacon.RpcEndpoint.answered;
import static io.noderr.worker.beacon.RpcEndpoint.call;

import io.noderr.activities.slashing.SlashExecuted;
import io.noderr.activities.slashing.SlashRequest;
import io.noderr.activities.slashing.SlashingFailures;
import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.contracts.generated.NoderrStaking;
import io.noderr.signing.Address;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.SlashAction;
import io.noderr.worker.beacon.ChainBeacon;
import io.noderr.worker.beacon.SimulatedRelay;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

/**
 * Slashing on the beacon's chain: the multisig that signs slashings and the staking contract it
 * slashes on. A slashing goes from the beacon's sender account, simulated first so a refusal names
 * the contract's error; a retry first looks for the execution an earlier attempt made.
 */
final class ChainSlashing {

  private static final StaticGasProvider NO_GAS =
      new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO);

  private static final List<String> ERRORS =
      List.of(
          "Expired(uint256)",
          "NotEnoughSignatures(uint256,uint256)",
          "SignaturesNotSorted(address,address)",
          "NotASigner(address)",
          "MalformedSignature(uint256)",
          "ZeroAmount()",
          "InsufficientStake(uint256,uint256)",
          "ExceedsMaximumPenalty(uint256,uint256)",
          "NotSlasher(address)");

  private static final String EXECUTED = EventEncoder.encode(NoderrMultisig.EXECUTED_EVENT);

  private final ChainBeacon beacon;
  private final Web3j web3j;
  private final SimulatedRelay relay;
  private final Address multisig;
  private final Address staking;

  ChainSlashing(ChainBeacon beacon, Address multisig, Address staking) {
    this.beacon = beacon;
    this.web3j = beacon.web3j();
    this.relay = new SimulatedRelay(beacon, "the multisig", ERRORS);
    this.multisig = multisig;
    this.staking = staking;
  }

  /**
   * The multisig's signers and threshold and the operator's stake, at one block. The nonce is read
   * when each round of votes opens ({@link #nonce}): other multisig actions move it meanwhile.
   */
  ChainTerms terms(Address operator) throws IOException {
    DefaultBlockParameter at =
        DefaultBlockParameter.valueOf(answered(web3j.ethBlockNumber().send()).getBlockNumber());
    NoderrMultisig safe = multisig(at);
    NoderrStaking stakes = NoderrStaking.load(staking.value(), web3j, reads(), NO_GAS);
    stakes.setDefaultBlockParameter(at);
    List<String> signers = new ArrayList<>();
    for (Object signer : call(safe.signers())) {
      signers.add(Address.of((String) signer).value());
    }
    return new ChainTerms(
        beacon.id().chainId(),
        multisig.value(),
        staking.value(),
        signers,
        call(safe.threshold()).intValueExact(),
        call(stakes.stakeOf(operator.value())));
  }

  BigInteger nonce() throws IOException {
    return call(multisig(DefaultBlockParameterName.LATEST).nonce());
  }

  /**
   * Executes the slashing; when the multisig already executed this very Slash action (an earlier
   * attempt went through) answers with that execution instead. Signatures over a nonce the multisig
   * has moved past are refused before anything is sent.
   */
  SlashExecuted slash(SlashRequest request) throws IOException {
    SlashAction action =
        new SlashAction(
            staking,
            Address.of(request.operator()),
            new BigInteger(request.amount()),
            new BigInteger(request.nonce()),
            request.deadline());
    byte[] digest = action.digest(new MultisigDomain(beacon.id().chainId(), multisig));
    Optional<Log> executed = executionOf(digest);
    if (executed.isPresent()) {
      return new SlashExecuted(
          request.disputeId(),
          executed.get().getTransactionHash(),
          executed.get().getBlockNumber().longValueExact());
    }
    BigInteger nonce = nonce();
    if (!nonce.equals(action.nonce())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "NonceMoved("
              + action.nonce()
              + ", "
              + nonce
              + "): the signatures were made over another nonce than the multisig's next one",
          SlashingFailures.SLASH_REFUSED);
    }
    String data =
        multisig(DefaultBlockParameterName.LATEST)
            .slash(
                staking.value(),
                action.operator().value(),
                action.amount(),
                BigInteger.valueOf(action.deadline()),
                request.signatures().stream().map(Numeric::hexStringToByteArray).toList())
            .encodeFunctionCall();
    TransactionReceipt receipt = relay.send(multisig.value(), data, SlashingFailures.SLASH_REFUSED);
    return new SlashExecuted(
        request.disputeId(),
        receipt.getTransactionHash(),
        receipt.getBlockNumber().longValueExact());
  }

  /** The multisig's {@code Executed} log of the action with this digest (indexed), if any. */
  private Optional<Log> executionOf(byte[] digest) throws IOException {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, multisig.value());
    filter.addSingleTopic(EXECUTED);
    filter.addSingleTopic(Numeric.toHexString(digest));
    for (EthLog.LogResult<?> result : answered(web3j.ethGetLogs(filter).send()).getLogs()) {
      return Optional.of((Log) result.get());
    }
    return Optional.empty();
  }

  private ReadonlyTransactionManager reads() {
    return new ReadonlyTransactionManager(web3j, beacon.senderAddress());
  }

  private NoderrMultisig multisig(DefaultBlockParameter at) {
    NoderrMultisig contract = NoderrMultisig.load(multisig.value(), web3j, reads(), NO_GAS);
    contract.setDefaultBlockParameter(at);
    return contract;
  }
}
