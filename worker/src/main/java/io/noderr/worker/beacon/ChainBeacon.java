package io.noderr.worker.beacon;

import static io.noderr.worker.beacon.RpcEndpoint.answered;

import io.noderr.activities.emergency.BeaconEmergencyState;
import io.noderr.activities.emergency.BeaconEmergencyState.TierPause;
import io.noderr.activities.emergency.BeaconTransaction;
import io.noderr.activities.emergency.CancelQueuedRequest;
import io.noderr.activities.emergency.ChangeSignersRequest;
import io.noderr.activities.emergency.EmergencyFailures;
import io.noderr.activities.emergency.GuardianPauseExpiry;
import io.noderr.activities.emergency.GuardianPauseRequest;
import io.noderr.activities.emergency.TiersPausedRequest;
import io.noderr.activities.release.BeaconState;
import io.noderr.activities.release.BeaconTier;
import io.noderr.activities.release.CurrentRelease;
import io.noderr.activities.release.PublishReceipt;
import io.noderr.activities.release.PublishRequest;
import io.noderr.activities.release.ReleaseFailures;
import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.contracts.generated.NoderrTimelock;
import io.noderr.contracts.generated.VersionBeacon;
import io.noderr.registry.release.BeaconEventRow;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.ImageDigest;
import io.noderr.signing.PublishAction;
import io.noderr.signing.TierMask;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteCall;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.tx.response.TransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * The beacon on an EVM chain: the NoderrMultisig at {@code noderr.beacon.multisig-address} and the
 * VersionBeacon it owns, read with {@code eth_call} and published to with transactions signed by
 * the sender key.
 *
 * <p>At start it checks that the endpoint serves the configured chain and that the multisig (and
 * the configured beacon, if any) are the expected contracts; a mismatch fails the start. An
 * endpoint unreachable at start is checked again on first use instead, so an RPC provider's outage
 * does not keep the worker (and all its other workflows) down.
 */
public final class ChainBeacon implements Beacon, AutoCloseable {

  /** Retryable failure type of a JSON-RPC failure (endpoint down, rate-limited, no receipt yet). */
  public static final String RPC_FAILED = "BeaconRpcFailed";

  private static final Logger log = LoggerFactory.getLogger(ChainBeacon.class);

  /** Blocks come every 2-12 s on public chains; 250 ms keeps ganache's instant blocks fast too. */
  private static final long RECEIPT_POLL_MILLIS = 250;

  /** The wrappers only read and encode here: gas is set per transaction. */
  private static final ContractGasProvider NO_GAS =
      new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO);

  private static final Pattern HEX_BYTES = Pattern.compile("^0x([0-9a-fA-F]{2})*$");

  private static final Pattern OPERATION_ID = Pattern.compile("^0x[0-9a-fA-F]{64}$");

  private final BeaconProperties properties;
  private final Web3j web3j;
  private final String multisigAddress;
  private final String endpoint;
  private final ReadonlyTransactionManager reads;
  private final RawTransactionManager transactions;
  private final TransactionReceiptProcessor receipts;
  private final BeaconLogs logs;

  /**
   * One transaction at a time (publications and emergency actions): the next one is simulated
   * against the state the last one left.
   */
  private final ReentrantLock publishing = new ReentrantLock();

  /** Only the demo profile may run a multisig whose signers' keys are public (DemoSigners). */
  private final boolean demoSignersAllowed;

  /** Set once the chain and contracts were checked. */
  private volatile BeaconId verified;

  ChainBeacon(
      BeaconProperties properties, Web3j web3j, Credentials sender, boolean demoSignersAllowed) {
    this.properties = properties;
    this.demoSignersAllowed = demoSignersAllowed;
    this.web3j = web3j;
    this.multisigAddress = properties.multisigAddress().value();
    this.endpoint = RpcEndpoint.redacted(properties.rpcUrl());
    this.reads = new ReadonlyTransactionManager(web3j, sender.getAddress());
    this.receipts =
        new PollingTransactionReceiptProcessor(
            web3j,
            RECEIPT_POLL_MILLIS,
            (int) Math.max(1, properties.receiptTimeout().toMillis() / RECEIPT_POLL_MILLIS));
    this.transactions = new RawTransactionManager(web3j, sender, properties.chainId(), receipts);
    this.logs = new BeaconLogs(web3j);
  }

  /**
   * Connects to the configured endpoint with the sender's keystore and checks the chain.
   *
   * @param demoSignersAllowed whether the multisig may count a publicly known demo signer (the demo
   *     profile on the dev chain only)
   * @throws IllegalStateException with one line naming the mismatch, when the endpoint serves
   *     another chain, the multisig is not there, the beacon is not the multisig's, or (unless
   *     allowed) a signer's key is public
   */
  public static ChainBeacon connect(BeaconProperties properties, boolean demoSignersAllowed) {
    ChainBeacon beacon =
        new ChainBeacon(
            properties,
            RpcEndpoint.connect(properties.rpcUrl()),
            sender(properties),
            demoSignersAllowed);
    try {
      BeaconId id = beacon.verifiedId();
      log.info(
          "beacon on chain {} at {}: multisig {}, beacon {}, sender {}",
          id.chainId(),
          beacon.endpoint,
          beacon.multisigAddress,
          id.address(),
          beacon.reads.getFromAddress());
    } catch (IOException e) {
      log.warn(
          "beacon RPC endpoint {} is unreachable at start ({}); the chain and contracts will be"
              + " checked on first use",
          beacon.endpoint,
          beacon.describe(e));
    } catch (RuntimeException e) {
      beacon.close();
      throw e;
    }
    return beacon;
  }

  /** The account that pays for the platform's transactions (publications, relayed governance). */
  public static Credentials sender(BeaconProperties properties) {
    String password = properties.senderKeystorePassword();
    try {
      return WalletUtils.loadCredentials(
          password == null ? "" : password, properties.senderKeystore().toFile());
    } catch (IOException | CipherException e) {
      throw new IllegalStateException(
          "cannot open the beacon sender keystore noderr.beacon.sender-keystore="
              + properties.senderKeystore()
              + ": "
              + e.getMessage());
    }
  }

  @Override
  public BeaconId id() {
    try {
      return verifiedId();
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  @Override
  public BeaconState read(BeaconTier tier) {
    try {
      BeaconId beacon = verifiedId();
      // Every value from one block, so the state is one moment's (nonce and current agree).
      DefaultBlockParameter at =
          DefaultBlockParameter.valueOf(answered(web3j.ethBlockNumber().send()).getBlockNumber());
      NoderrMultisig multisig = multisig(at);
      VersionBeacon versions = versions(beacon, at);
      BigInteger code = BigInteger.valueOf(tier.code());
      return new BeaconState(
          BeaconState.Backend.CHAIN,
          beacon.chainId(),
          multisigAddress,
          addresses(call(multisig.signers())),
          call(multisig.threshold()).intValueExact(),
          call(multisig.nonce()).toString(),
          current(call(versions.current(code))),
          call(versions.paused(code)));
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  @Override
  public PublishReceipt publish(PublishRequest request) {
    PublishAction action = Publications.action(request);
    List<byte[]> signatures = signatureBytes(request.signatures(), ReleaseFailures.PUBLISH_REFUSED);
    publishing.lock();
    try {
      verifiedId();
      // The contract would only say NotASigner for a stale nonce; this says what happened.
      BigInteger nonce = call(multisig(DefaultBlockParameterName.LATEST).nonce());
      if (!nonce.equals(action.nonce())) {
        throw Refusals.nonceMoved(action.nonce(), nonce);
      }
      String data =
          multisig(DefaultBlockParameterName.LATEST)
              .publish(
                  BigInteger.valueOf(action.tier()),
                  action.version(),
                  action.imageDigest().bytes32(),
                  action.minimumVersion(),
                  action.notesUri(),
                  BigInteger.valueOf(action.deadline()),
                  signatures)
              .encodeFunctionCall();
      simulate(data, ReleaseFailures.PUBLISH_REFUSED);
      TransactionReceipt receipt = sendAndCheck(data);
      log.info(
          "published {} ({}) to tier {} in transaction {}, block {}",
          action.version(),
          action.imageDigest(),
          request.tier(),
          receipt.getTransactionHash(),
          receipt.getBlockNumber());
      return Publications.receipt(
          request, action, receipt.getTransactionHash(), receipt.getBlockNumber().longValueExact());
    } catch (IOException e) {
      throw unreachable(e);
    } finally {
      publishing.unlock();
    }
  }

  @Override
  public BeaconEmergencyState readEmergency() {
    try {
      return snapshot().state();
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  @Override
  public BeaconTransaction guardianPause(GuardianPauseRequest request) {
    Set<BeaconTier> tiers = EmergencyRules.tiers(request.tiers());
    byte[] signature =
        signatureBytes(
                Collections.singletonList(request.signature()), EmergencyFailures.BEACON_REFUSED)
            .getFirst();
    return transact(
        "guardian pause of " + TierMask.names(request.tiers()),
        at -> EmergencyRules.guardianPaused(at.state(), tiers, at.time()),
        multisig ->
            multisig.guardianPause(
                BigInteger.valueOf(request.tiers()),
                BigInteger.valueOf(request.deadline()),
                signature));
  }

  @Override
  public BeaconTransaction setTiersPaused(TiersPausedRequest request) {
    Set<BeaconTier> tiers = EmergencyRules.tiers(request.tiers());
    List<byte[]> signatures =
        signatureBytes(request.signatures(), EmergencyFailures.BEACON_REFUSED);
    return transact(
        (request.paused() ? "pause of " : "unpause of ") + TierMask.names(request.tiers()),
        at -> EmergencyRules.tiersPaused(at.state(), tiers, request.paused()),
        multisig ->
            multisig.setTiersPaused(
                BigInteger.valueOf(request.tiers()),
                request.paused(),
                BigInteger.valueOf(request.deadline()),
                signatures));
  }

  @Override
  public BeaconTransaction expireGuardianPause(GuardianPauseExpiry request) {
    Set<BeaconTier> tiers = EmergencyRules.tiers(request.tiers());
    return transact(
        "expiry of the guardian pause of " + TierMask.names(request.tiers()),
        at -> EmergencyRules.expired(at.state(), tiers),
        multisig -> multisig.expireGuardianPause(BigInteger.valueOf(request.tiers())));
  }

  @Override
  public BeaconTransaction changeSigners(ChangeSignersRequest request) {
    List<Address> signers = EmergencyRules.signers(request);
    List<byte[]> signatures =
        signatureBytes(request.signatures(), EmergencyFailures.BEACON_REFUSED);
    return transact(
        "change of the signers to " + request.threshold() + " of " + signers,
        at -> EmergencyRules.signersChanged(at.state(), signers, request.threshold()),
        multisig ->
            multisig.changeSigners(
                signers.stream().map(Address::value).toList(),
                BigInteger.valueOf(request.threshold()),
                BigInteger.valueOf(request.deadline()),
                signatures));
  }

  @Override
  public BeaconTransaction cancelQueued(CancelQueuedRequest request) {
    Address timelock;
    try {
      timelock = Address.of(request.timelock());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw Refusals.invalid(EmergencyFailures.BEACON_REFUSED, "timelock: " + e.getMessage());
    }
    if (request.operation() == null || !OPERATION_ID.matcher(request.operation()).matches()) {
      throw Refusals.invalid(
          EmergencyFailures.BEACON_REFUSED, "the operation id is not 0x and 32 bytes of hex");
    }
    byte[] operation = Numeric.hexStringToByteArray(request.operation());
    List<byte[]> signatures =
        signatureBytes(request.signatures(), EmergencyFailures.BEACON_REFUSED);
    return transact(
        "veto of operation " + request.operation() + " on timelock " + timelock.checksummed(),
        at -> canceled(timelock, operation),
        multisig ->
            multisig.cancelQueued(
                timelock.value(), operation, BigInteger.valueOf(request.deadline()), signatures));
  }

  /**
   * Whether the timelock canceled the operation: it forgot it (an operation never queued is
   * forgotten too) and logged its {@code Cancelled}. A retry after a veto that went through answers
   * already done; an operation that was never queued goes on to the simulation, which names the
   * timelock's refusal.
   */
  private boolean canceled(Address timelock, byte[] operation) {
    try {
      if (call(
          NoderrTimelock.load(timelock.value(), web3j, reads, NO_GAS).isOperation(operation))) {
        return false;
      }
      EthFilter filter =
          new EthFilter(
              DefaultBlockParameterName.EARLIEST,
              DefaultBlockParameterName.LATEST,
              timelock.value());
      filter.addSingleTopic(EventEncoder.encode(NoderrTimelock.CANCELLED_EVENT));
      filter.addSingleTopic(Numeric.toHexString(operation));
      return !answered(web3j.ethGetLogs(filter).send()).getLogs().isEmpty();
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /** The emergency state and the time of the block it was read at. */
  private record Snapshot(BeaconEmergencyState state, long time) {}

  private Snapshot snapshot() throws IOException {
    BeaconId beacon = verifiedId();
    // Every value from one block, so the state is one moment's; the block's time judges expiries.
    EthBlock.Block block =
        answered(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send())
            .getBlock();
    DefaultBlockParameter at = DefaultBlockParameter.valueOf(block.getNumber());
    NoderrMultisig multisig = multisig(at);
    VersionBeacon versions = versions(beacon, at);
    List<TierPause> tiers = new ArrayList<>();
    for (BeaconTier tier : BeaconTier.values()) {
      BigInteger code = BigInteger.valueOf(tier.code());
      tiers.add(
          new TierPause(
              tier,
              call(versions.paused(code)),
              call(multisig.guardianPauseExpiry(code)).longValueExact()));
    }
    BeaconEmergencyState state =
        new BeaconEmergencyState(
            BeaconState.Backend.CHAIN,
            beacon.chainId(),
            multisigAddress,
            addresses(call(multisig.signers())),
            call(multisig.threshold()).intValueExact(),
            addresses(call(multisig.guardians())),
            call(multisig.nonce()).toString(),
            call(multisig.mandateSeconds()).longValueExact(),
            tiers);
    return new Snapshot(state, block.getTimestamp().longValueExact());
  }

  /**
   * One emergency action: under the publishing lock, answers {@code alreadyDone} when the beacon is
   * in the requested state already, else simulates the call (a refusal names the contract's error)
   * and sends it.
   */
  private BeaconTransaction transact(
      String action,
      Predicate<Snapshot> alreadyDone,
      Function<NoderrMultisig, RemoteFunctionCall<TransactionReceipt>> call) {
    publishing.lock();
    try {
      if (alreadyDone.test(snapshot())) {
        log.info("{}: the beacon is in the requested state already; nothing sent", action);
        return BeaconTransaction.alreadyDoneBefore();
      }
      String data = call.apply(multisig(DefaultBlockParameterName.LATEST)).encodeFunctionCall();
      simulate(data, EmergencyFailures.BEACON_REFUSED);
      TransactionReceipt receipt = sendAndCheck(data);
      log.info(
          "{} in transaction {}, block {}, gas used {}",
          action,
          receipt.getTransactionHash(),
          receipt.getBlockNumber(),
          receipt.getGasUsed());
      return new BeaconTransaction(
          receipt.getTransactionHash(), receipt.getBlockNumber().longValueExact(), false);
    } catch (IOException e) {
      throw unreachable(e);
    } finally {
      publishing.unlock();
    }
  }

  private static List<String> addresses(List<?> values) {
    return values.stream().map(value -> Address.of((String) value).value()).toList();
  }

  /**
   * Sends a transaction the platform relays to another contract on the beacon's chain (governance:
   * ballots, queue, execute) from the sender account, under the same lock as publications, so the
   * account's nonces never collide, and waits for its receipt (which may show a revert).
   */
  public TransactionReceipt relay(String to, String data) throws IOException {
    publishing.lock();
    try {
      verifiedId();
      return send(to, data);
    } finally {
      publishing.unlock();
    }
  }

  /** The chain's client, for reads of the other contracts on the beacon's chain. */
  public Web3j web3j() {
    return web3j;
  }

  /** The account that pays for relayed transactions. */
  public String senderAddress() {
    return reads.getFromAddress();
  }

  /** The last block the follower may read: the head minus the configured confirmations. */
  long confirmedHead() throws IOException {
    return answered(web3j.ethBlockNumber().send()).getBlockNumber().longValueExact()
        - properties.confirmations();
  }

  /** The beacon's events in blocks {@code from} to {@code to}, both included. */
  List<BeaconEventRow> events(long from, long to) throws IOException {
    return logs.read(verifiedId(), from, to);
  }

  /** One line for a log or a failure message, without the endpoint's secrets. */
  public String describe(Exception failure) {
    return RpcEndpoint.describe(failure, properties.rpcUrl());
  }

  BeaconId verifiedId() throws IOException {
    BeaconId id = verified;
    if (id == null) {
      id = verify();
      verified = id;
    }
    return id;
  }

  private BeaconId verify() throws IOException {
    long served = answered(web3j.ethChainId().send()).getChainId().longValueExact();
    if (served != properties.chainId()) {
      throw new IllegalStateException(
          "noderr.beacon.chain-id is "
              + properties.chainId()
              + " but the RPC endpoint "
              + endpoint
              + " serves chain "
              + served);
    }
    String code =
        answered(web3j.ethGetCode(multisigAddress, DefaultBlockParameterName.LATEST).send())
            .getCode();
    if (code == null || Numeric.cleanHexPrefix(code).isEmpty()) {
      throw new IllegalStateException(
          "noderr.beacon.multisig-address "
              + multisigAddress
              + " holds no contract on chain "
              + served);
    }
    String beacon = Address.of(call(multisig(DefaultBlockParameterName.LATEST).beacon())).value();
    Address configured = properties.beaconAddress();
    if (configured != null && !configured.value().equals(beacon)) {
      throw new IllegalStateException(
          "noderr.beacon.beacon-address "
              + configured
              + " is not the beacon of multisig "
              + multisigAddress
              + " (its beacon is "
              + beacon
              + ")");
    }
    if (!demoSignersAllowed) {
      refuseDemoSigners();
    }
    return new BeaconId(served, beacon);
  }

  /** Anyone holds the demo keys: a multisig counting one of them is not M-of-N of anything. */
  private void refuseDemoSigners() throws IOException {
    List<Address> demo = DemoSigners.addresses();
    for (Object signer : call(multisig(DefaultBlockParameterName.LATEST).signers())) {
      Address address = Address.of((String) signer);
      if (demo.contains(address)) {
        throw new IllegalStateException(
            "multisig "
                + multisigAddress
                + " counts the publicly known demo signer "
                + address
                + "; outside the demo profile its signers must be your signers' own keys");
      }
    }
  }

  /** Runs the transaction as a call first: a refusal costs no gas and its reason is decoded. */
  private void simulate(String data, String refusalType) throws IOException {
    Optional<CallRevert> revert = simulateCall(multisigAddress, data);
    if (revert.isPresent()) {
      throw Refusals.fromRevert(revert.get().data(), refusalType);
    }
  }

  /**
   * A transaction of the sender account to another contract on the beacon's chain (governance), run
   * as a call: empty when it would pass, else how it reverts, so a refusal costs no gas and its
   * reason can be decoded.
   *
   * @throws IOException when the call fails for another reason than a revert
   */
  public Optional<CallRevert> simulateCall(String to, String data) throws IOException {
    EthCall result =
        web3j
            .ethCall(
                Transaction.createEthCallTransaction(reads.getFromAddress(), to, data),
                DefaultBlockParameterName.LATEST)
            .send();
    if (result.hasError()) {
      String revertData = result.getError().getData();
      String message = String.valueOf(result.getError().getMessage());
      if ((revertData != null && revertData.contains("0x")) || message.contains("revert")) {
        return Optional.of(new CallRevert(revertData, message));
      }
      throw new IOException("eth_call failed: " + message);
    }
    if (result.isReverted()) {
      return Optional.of(new CallRevert(result.getRevertReason(), ""));
    }
    return Optional.empty();
  }

  /**
   * How a simulated call reverted.
   *
   * @param data the revert data (hex: the contract's error and its arguments), null when the node
   *     gives none
   * @param message the node's message
   */
  public record CallRevert(String data, String message) {}

  private TransactionReceipt sendAndCheck(String data) throws IOException {
    TransactionReceipt receipt = send(data);
    if (!receipt.isStatusOK()) {
      throw new RevertedException(
          "transaction "
              + receipt.getTransactionHash()
              + " reverted in block "
              + receipt.getBlockNumber()
              + " although its simulation passed");
    }
    return receipt;
  }

  private TransactionReceipt send(String data) throws IOException {
    return send(multisigAddress, data);
  }

  private TransactionReceipt send(String to, String data) throws IOException {
    BigInteger gasPrice = answered(web3j.ethGasPrice().send()).getGasPrice();
    EthSendTransaction sent =
        transactions.sendTransaction(
            gasPrice, BigInteger.valueOf(properties.gasLimit()), to, data, BigInteger.ZERO);
    String hash = answered(sent).getTransactionHash();
    try {
      return receipts.waitForTransactionReceipt(hash);
    } catch (TransactionException e) {
      throw ApplicationFailure.newFailure(
          "no receipt for transaction "
              + hash
              + " within "
              + properties.receiptTimeout()
              + "; the next attempt finds its effect on the beacon if it was mined",
          RPC_FAILED);
    }
  }

  private static List<byte[]> signatureBytes(List<String> signatures, String refusalType) {
    List<byte[]> bytes = new ArrayList<>();
    for (int i = 0; i < signatures.size(); i++) {
      String signature = signatures.get(i);
      if (signature == null || !HEX_BYTES.matcher(signature).matches()) {
        throw Refusals.invalid(refusalType, "signature " + i + " is not 0x-prefixed hex");
      }
      bytes.add(Numeric.hexStringToByteArray(signature));
    }
    return bytes;
  }

  private static CurrentRelease current(VersionBeacon.Release release) {
    if (release.version.isEmpty()) {
      return null;
    }
    return new CurrentRelease(
        release.version,
        ImageDigest.parse(Numeric.toHexString(release.imageDigest)).value(),
        release.minimumVersion,
        release.notesUri,
        release.publishedAt.longValueExact());
  }

  private NoderrMultisig multisig(DefaultBlockParameter at) {
    NoderrMultisig multisig = NoderrMultisig.load(multisigAddress, web3j, reads, NO_GAS);
    multisig.setDefaultBlockParameter(at);
    return multisig;
  }

  private VersionBeacon versions(BeaconId beacon, DefaultBlockParameter at) {
    VersionBeacon versions = VersionBeacon.load(beacon.address(), web3j, reads, NO_GAS);
    versions.setDefaultBlockParameter(at);
    return versions;
  }

  private static <T> T call(RemoteCall<T> call) throws IOException {
    return RpcEndpoint.call(call);
  }

  private ApplicationFailure unreachable(IOException e) {
    return ApplicationFailure.newFailure(
        "the beacon's RPC endpoint " + endpoint + " failed: " + describe(e), RPC_FAILED);
  }

  @Override
  public void close() {
    web3j.shutdown();
  }
}
