package io.noderr.worker.rewards;

import static io.noderr.worker.beacon.RpcEndpoint.answered;
import static io.noderr.worker.beacon.RpcEndpoint.call;

import io.noderr.activities.rewards.ClawedBack;
import io.noderr.activities.rewards.DistributorState;
import io.noderr.activities.rewards.EpochWindow;
import io.noderr.activities.rewards.FeesSwept;
import io.noderr.activities.rewards.PublishRootRequest;
import io.noderr.activities.rewards.RewardFailures;
import io.noderr.activities.rewards.RootPublished;
import io.noderr.activities.rewards.RootStatus;
import io.noderr.contracts.generated.FeeCollector;
import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.contracts.generated.RewardDistributor;
import io.noderr.signing.Address;
import io.noderr.worker.beacon.ChainBeacon;
import io.noderr.worker.beacon.SimulatedRelay;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple7;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

/**
 * The reward contracts on the beacon's chain: the RewardDistributor, the multisig that publishes to
 * it (the rewards treasury) and the FeeCollector. Transactions go from the beacon's sender account,
 * simulated first so a refusal names the contract's error; every send can be retried: it first
 * looks for what an earlier attempt did.
 */
final class ChainRewards {

  private static final StaticGasProvider NO_GAS =
      new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO);

  /**
   * How far back a retried sweep looks for the sweep an earlier attempt sent; retries come within
   * minutes, and a bound keeps the log query cheap on long chains.
   */
  static final long SWEEP_LOOKBACK_BLOCKS = 50_000;

  /** Expired epochs are clawed back within this many epochs of their deadline. */
  static final int CLAWBACK_LOOKBACK_EPOCHS = 50;

  private static final List<String> ERRORS =
      List.of(
          "Expired(uint256)",
          "NotEnoughSignatures(uint256,uint256)",
          "SignaturesNotSorted(address,address)",
          "NotASigner(address)",
          "MalformedSignature(uint256)",
          "ZeroAddress(string)",
          "NotPublisher(address)",
          "NotPublisherOrGuardian(address)",
          "EpochNotIncreasing(uint256,uint256)",
          "ZeroRoot(uint256)",
          "ZeroTotal(uint256)",
          "UnknownEpoch(uint256)",
          "EpochCancelled(uint256)",
          "StillPending(uint256,uint256)",
          "NoLongerPending(uint256,uint256)",
          "ClaimPeriodOver(uint256,uint256)",
          "ClaimPeriodNotOver(uint256,uint256)",
          "AlreadyClawedBack(uint256)",
          "ERC20InsufficientBalance(address,uint256,uint256)",
          "ERC20InsufficientAllowance(address,uint256,uint256)",
          "NothingToSweep()");

  private static final String FEES_SWEPT = EventEncoder.encode(FeeCollector.FEESSWEPT_EVENT);
  private static final String ROOT_PUBLISHED =
      EventEncoder.encode(RewardDistributor.ROOTPUBLISHED_EVENT);

  private final ChainBeacon beacon;
  private final Web3j web3j;
  private final SimulatedRelay relay;
  private final String multisig;
  private final String distributor;
  private final String feeCollector;

  ChainRewards(ChainBeacon beacon, Address multisig, Address distributor, Address feeCollector) {
    this.beacon = beacon;
    this.web3j = beacon.web3j();
    this.relay = new SimulatedRelay(beacon, "the reward contracts", ERRORS);
    this.multisig = multisig.value();
    this.distributor = distributor.value();
    this.feeCollector = feeCollector.value();
  }

  /**
   * The first sweep in a block at or after the epoch's end counts for the epoch: an earlier
   * attempt's, or anyone's (the reward pool's share reached the multisig either way); else one is
   * sent now. No fees, no sweep.
   */
  FeesSwept sweepFees(EpochWindow window) throws IOException {
    long endSeconds = window.endMillis() / 1000;
    for (Log log : logs(feeCollector, FEES_SWEPT, latestBlock() - SWEEP_LOOKBACK_BLOCKS)) {
      if (blockTime(log.getBlockNumber()) >= endSeconds) {
        return swept(
            window.epoch(), FeeCollector.getFeesSweptEventFromLog(log), log.getTransactionHash());
      }
    }
    FeeCollector collector = FeeCollector.load(feeCollector, web3j, reads(), NO_GAS);
    String data = collector.sweep().encodeFunctionCall();
    if (relay.refusal(feeCollector, data).filter(r -> r.startsWith("NothingToSweep")).isPresent()) {
      return new FeesSwept(window.epoch(), "0", "0", null);
    }
    TransactionReceipt receipt = relay.send(feeCollector, data, RewardFailures.PUBLISH_REFUSED);
    FeeCollector.FeesSweptEventResponse event = FeeCollector.getFeesSweptEvents(receipt).getFirst();
    return swept(window.epoch(), event, receipt.getTransactionHash());
  }

  private FeesSwept swept(
      long epoch, FeeCollector.FeesSweptEventResponse event, String transaction) {
    BigInteger toRewards = BigInteger.ZERO;
    for (int i = 0; i < event.recipients.size(); i++) {
      if (Address.of(event.recipients.get(i)).value().equals(multisig)) {
        toRewards = toRewards.add(event.amounts.get(i));
      }
    }
    return new FeesSwept(
        epoch, toRewards.toString(), event.total.subtract(toRewards).toString(), transaction);
  }

  DistributorState readDistributor() throws IOException {
    DefaultBlockParameter at = DefaultBlockParameter.valueOf(latestBlockNumber());
    NoderrMultisig safe = multisig(at);
    RewardDistributor rewards = distributor(at);
    List<String> signers = new ArrayList<>();
    for (Object signer : call(safe.signers())) {
      signers.add(Address.of((String) signer).value());
    }
    return new DistributorState(
        beacon.id().chainId(),
        multisig,
        distributor,
        call(safe.nonce()).toString(),
        signers,
        call(safe.threshold()).intValueExact(),
        call(rewards.lastEpoch()).longValueExact(),
        call(rewards.pendingDelay()).longValueExact(),
        call(rewards.claimPeriod()).longValueExact());
  }

  /**
   * Publishes the root; when the distributor already holds this root for the epoch (an earlier
   * attempt went through) answers with that publication instead.
   */
  RootPublished publishRoot(PublishRootRequest request) throws IOException {
    byte[] root = Numeric.hexStringToByteArray(request.root());
    Epoch onChain = epoch(request.epoch());
    if (!onChain.cancelled() && Arrays.equals(onChain.root(), root)) {
      return published(request.epoch(), onChain);
    }
    BigInteger nonce = call(multisig(DefaultBlockParameterName.LATEST).nonce());
    if (!nonce.toString().equals(request.nonce())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "NonceMoved("
              + request.nonce()
              + ", "
              + nonce
              + "): the signatures were made over another nonce than the multisig's next one",
          RewardFailures.PUBLISH_REFUSED);
    }
    String data =
        multisig(DefaultBlockParameterName.LATEST)
            .publishRewardRoot(
                distributor,
                BigInteger.valueOf(request.epoch()),
                root,
                new BigInteger(request.total()),
                BigInteger.valueOf(request.deadline()),
                request.signatures().stream().map(Numeric::hexStringToByteArray).toList())
            .encodeFunctionCall();
    TransactionReceipt receipt = relay.send(multisig, data, RewardFailures.PUBLISH_REFUSED);
    Epoch published = epoch(request.epoch());
    return new RootPublished(
        request.epoch(),
        receipt.getTransactionHash(),
        receipt.getBlockNumber().longValueExact(),
        published.claimableAt(),
        published.deadline());
  }

  private RootPublished published(long epoch, Epoch onChain) throws IOException {
    for (Log log : logs(distributor, ROOT_PUBLISHED, 0)) {
      RewardDistributor.RootPublishedEventResponse event =
          RewardDistributor.getRootPublishedEventFromLog(log);
      if (event.epoch.longValueExact() == epoch && Arrays.equals(event.root, onChain.root())) {
        return new RootPublished(
            epoch,
            log.getTransactionHash(),
            log.getBlockNumber().longValueExact(),
            onChain.claimableAt(),
            onChain.deadline());
      }
    }
    throw new IOException(
        "epoch " + epoch + " holds the root but its RootPublished log is not found yet");
  }

  RootStatus rootStatus(long epochNumber) throws IOException {
    Epoch epoch = epoch(epochNumber);
    String root = Numeric.toHexString(epoch.root());
    String claimed = epoch.claimed().toString();
    if (epoch.cancelled()) {
      return new RootStatus(epochNumber, RootStatus.State.CANCELLED, root, claimed);
    }
    if (epoch.claimableAt() == 0) {
      return new RootStatus(epochNumber, RootStatus.State.UNKNOWN, root, claimed);
    }
    long now = blockTime(latestBlockNumber());
    RootStatus.State state =
        now < epoch.claimableAt()
            ? RootStatus.State.PENDING
            : now > epoch.deadline() ? RootStatus.State.EXPIRED : RootStatus.State.CLAIMABLE;
    return new RootStatus(epochNumber, state, root, claimed);
  }

  /** Claws back every expired, unclaimed rest among the last epochs before {@code beforeEpoch}. */
  ClawedBack clawbackExpired(long beforeEpoch) throws IOException {
    long now = blockTime(latestBlockNumber());
    List<Long> clawed = new ArrayList<>();
    BigInteger amount = BigInteger.ZERO;
    for (long e = Math.max(1, beforeEpoch - CLAWBACK_LOOKBACK_EPOCHS); e < beforeEpoch; e++) {
      Epoch epoch = epoch(e);
      if (epoch.claimableAt() == 0
          || epoch.cancelled()
          || epoch.clawedBack()
          || now <= epoch.deadline()
          || epoch.claimed().compareTo(epoch.total()) >= 0) {
        continue;
      }
      String data =
          distributor(DefaultBlockParameterName.LATEST)
              .clawback(BigInteger.valueOf(e))
              .encodeFunctionCall();
      relay.send(distributor, data, RewardFailures.PUBLISH_REFUSED);
      clawed.add(e);
      amount = amount.add(epoch.total().subtract(epoch.claimed()));
    }
    return new ClawedBack(clawed, amount.toString());
  }

  /** One epoch as the distributor holds it; all zero for an epoch it never saw. */
  private record Epoch(
      byte[] root,
      BigInteger total,
      BigInteger claimed,
      long claimableAt,
      long deadline,
      boolean cancelled,
      boolean clawedBack) {}

  private Epoch epoch(long epoch) throws IOException {
    Tuple7<byte[], BigInteger, BigInteger, BigInteger, BigInteger, Boolean, Boolean> e =
        call(distributor(DefaultBlockParameterName.LATEST).epochs(BigInteger.valueOf(epoch)));
    return new Epoch(
        e.component1(),
        e.component2(),
        e.component3(),
        e.component4().longValueExact(),
        e.component5().longValueExact(),
        e.component6(),
        e.component7());
  }

  private List<Log> logs(String address, String topic, long fromBlock) throws IOException {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(Math.max(0, fromBlock))),
            DefaultBlockParameterName.LATEST,
            address);
    filter.addSingleTopic(topic);
    List<Log> logs = new ArrayList<>();
    for (EthLog.LogResult<?> result : answered(web3j.ethGetLogs(filter).send()).getLogs()) {
      logs.add((Log) result.get());
    }
    return logs;
  }

  private long latestBlock() throws IOException {
    return latestBlockNumber().longValueExact();
  }

  private BigInteger latestBlockNumber() throws IOException {
    return answered(web3j.ethBlockNumber().send()).getBlockNumber();
  }

  private long blockTime(BigInteger block) throws IOException {
    return answered(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(block), false).send())
        .getBlock()
        .getTimestamp()
        .longValueExact();
  }

  private ReadonlyTransactionManager reads() {
    return new ReadonlyTransactionManager(web3j, beacon.senderAddress());
  }

  private NoderrMultisig multisig(DefaultBlockParameter at) {
    NoderrMultisig contract = NoderrMultisig.load(multisig, web3j, reads(), NO_GAS);
    contract.setDefaultBlockParameter(at);
    return contract;
  }

  private RewardDistributor distributor(DefaultBlockParameter at) {
    RewardDistributor contract = RewardDistributor.load(distributor, web3j, reads(), NO_GAS);
    contract.setDefaultBlockParameter(at);
    return contract;
  }
}
