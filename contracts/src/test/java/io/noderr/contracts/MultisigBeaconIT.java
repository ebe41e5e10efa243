package io.noderr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.contracts.generated.VersionBeacon;
import io.noderr.signing.Address;
import io.noderr.signing.ImageDigest;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PublishAction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.utils.Numeric;

/**
 * The contracts on a real local EVM (ganache): a 2-of-3 NoderrMultisig owning its VersionBeacon.
 * Publishing needs the threshold of sorted, distinct signer signatures over the EIP-712 typed data
 * with the current nonce and a live deadline; pausing and changing the signer set go through the
 * multisig too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultisigBeaconIT {

  private static final BigInteger ORACLE = BigInteger.ONE;
  private static final byte[] DIGEST = Numeric.hexStringToByteArray("ab".repeat(32));

  private DevChain chain;
  private final List<ECKeyPair> signers = new ArrayList<>();
  private final ECKeyPair outsider = newKey();
  private NoderrMultisig multisig;
  private VersionBeacon beacon;

  @BeforeAll
  void startChain() throws Exception {
    chain = DevChain.start();
  }

  @AfterAll
  void stopChain() {
    chain.close();
  }

  @BeforeEach
  void deploy() throws Exception {
    signers.clear();
    Stream.generate(MultisigBeaconIT::newKey).limit(3).forEach(signers::add);
    multisig =
        NoderrMultisig.deploy(
                chain.web3j(),
                chain.transactions(),
                DevChain.GAS,
                signers.stream().map(MultisigBeaconIT::address).toList(),
                BigInteger.TWO)
            .send();
    beacon =
        VersionBeacon.load(
            multisig.beacon().send(), chain.web3j(), chain.transactions(), DevChain.GAS);
  }

  @Test
  void publish_withTwoOfThreeSignatures_updatesTheBeacon_andEmitsTheEvent() throws Exception {
    BigInteger deadline = inAnHour();

    TransactionReceipt receipt = publish("1.4.0", deadline, signers.get(0), signers.get(2));

    VersionBeacon.Release release = beacon.current(ORACLE).send();
    assertThat(release.version).isEqualTo("1.4.0");
    assertThat(release.imageDigest).isEqualTo(DIGEST);
    assertThat(release.minimumVersion).isEqualTo("1.2.0");
    List<VersionBeacon.VersionPublishedEventResponse> events =
        VersionBeacon.getVersionPublishedEvents(receipt);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).tier).isEqualTo(ORACLE);
    assertThat(events.get(0).version).isEqualTo("1.4.0");
    assertThat(multisig.nonce().send()).isEqualTo(BigInteger.ONE);
  }

  @Test
  void publish_isRefused_belowThreshold_withOutsiders_duplicates_unsorted_orExpired()
      throws Exception {
    BigInteger deadline = inAnHour();
    assertRefused(() -> publish("1.4.0", deadline, signers.get(0)));
    assertRefused(() -> publish("1.4.0", deadline, signers.get(0), outsider));
    assertRefused(() -> publishUnsorted("1.4.0", deadline, signers.get(1), signers.get(1)));
    List<ECKeyPair> descending = signers.stream().sorted(byAddress().reversed()).limit(2).toList();
    assertRefused(() -> publishUnsorted("1.4.0", deadline, descending.toArray(ECKeyPair[]::new)));
    assertRefused(() -> publish("1.4.0", BigInteger.ONE, signers.get(0), signers.get(1)));

    assertThat(beacon.current(ORACLE).send().version).isEmpty();
    assertThat(multisig.nonce().send()).isZero();
  }

  @Test
  void digestComputedOffChain_equalsTheContractsOwn() throws Exception {
    BigInteger deadline = inAnHour();
    MultisigDomain domain =
        new MultisigDomain(DevChain.CHAIN_ID, Address.of(multisig.getContractAddress()));
    PublishAction action =
        new PublishAction(
            ORACLE.intValueExact(),
            "1.4.0",
            ImageDigest.parse(Numeric.toHexString(DIGEST)),
            "1.2.0",
            "ipfs://notes",
            nonce(),
            deadline.longValueExact());

    assertThat(action.digest(domain)).isEqualTo(publishDigest("1.4.0", deadline));
  }

  @Test
  void signatures_cannotBeReplayed() throws Exception {
    BigInteger deadline = inAnHour();
    List<byte[]> signatures =
        sign(publishDigest("1.4.0", deadline), signers.get(0), signers.get(1));
    send(multisig.publish(ORACLE, "1.4.0", DIGEST, "1.2.0", "ipfs://notes", deadline, signatures));

    assertRefused(
        () ->
            send(
                multisig.publish(
                    ORACLE, "1.4.0", DIGEST, "1.2.0", "ipfs://notes", deadline, signatures)));
  }

  @Test
  void onlyTheMultisig_mayPublishOrPause() {
    assertRefused(() -> send(beacon.publish(ORACLE, "6.6.6", DIGEST, "", "")));
    assertRefused(() -> send(beacon.pause(ORACLE)));
  }

  @Test
  void pausedTier_takesNoRelease_untilUnpaused() throws Exception {
    BigInteger deadline = inAnHour();
    byte[] pauseDigest = multisig.pauseDigest(ORACLE, true, nonce(), deadline).send();
    TransactionReceipt paused =
        send(
            multisig.setPaused(
                ORACLE, true, deadline, sign(pauseDigest, signers.get(0), signers.get(1))));
    assertThat(VersionBeacon.getTierPausedEvents(paused)).hasSize(1);
    assertThat(beacon.paused(ORACLE).send()).isTrue();

    assertRefused(() -> publish("1.4.0", deadline, signers.get(0), signers.get(1)));

    byte[] unpauseDigest = multisig.pauseDigest(ORACLE, false, nonce(), deadline).send();
    send(
        multisig.setPaused(
            ORACLE, false, deadline, sign(unpauseDigest, signers.get(1), signers.get(2))));
    publish("1.4.0", deadline, signers.get(0), signers.get(1));
    assertThat(beacon.current(ORACLE).send().version).isEqualTo("1.4.0");
  }

  @Test
  void signerSet_changesOnlyThroughTheMultisig() throws Exception {
    BigInteger deadline = inAnHour();
    ECKeyPair newcomer = newKey();
    List<String> newSet = List.of(address(signers.get(0)), address(newcomer));
    byte[] digest = multisig.signersDigest(newSet, BigInteger.TWO, nonce(), deadline).send();
    send(
        multisig.changeSigners(
            newSet, BigInteger.TWO, deadline, sign(digest, signers.get(1), signers.get(2))));

    assertThat(multisig.isSigner(address(signers.get(2))).send()).isFalse();
    assertRefused(() -> publish("1.4.0", deadline, signers.get(1), signers.get(2)));
    publish("1.4.0", deadline, signers.get(0), newcomer);
    assertThat(beacon.current(ORACLE).send().version).isEqualTo("1.4.0");
  }

  // --------------------------------------------------------------------------------- helpers

  private TransactionReceipt publish(String version, BigInteger deadline, ECKeyPair... keys)
      throws Exception {
    List<byte[]> signatures = sign(publishDigest(version, deadline), keys);
    return send(
        multisig.publish(ORACLE, version, DIGEST, "1.2.0", "ipfs://notes", deadline, signatures));
  }

  /** Signs in the order given (for tests of the ordering rule). */
  private TransactionReceipt publishUnsorted(String version, BigInteger deadline, ECKeyPair... keys)
      throws Exception {
    byte[] digest = publishDigest(version, deadline);
    List<byte[]> signatures = Stream.of(keys).map(key -> signature(digest, key)).toList();
    return send(
        multisig.publish(ORACLE, version, DIGEST, "1.2.0", "ipfs://notes", deadline, signatures));
  }

  private byte[] publishDigest(String version, BigInteger deadline) throws Exception {
    return multisig
        .publishDigest(ORACLE, version, DIGEST, "1.2.0", "ipfs://notes", nonce(), deadline)
        .send();
  }

  private BigInteger nonce() throws Exception {
    return multisig.nonce().send();
  }

  /** Signatures sorted by signer address, as the multisig requires. */
  private static List<byte[]> sign(byte[] digest, ECKeyPair... keys) {
    return Stream.of(keys).sorted(byAddress()).map(key -> signature(digest, key)).toList();
  }

  private static byte[] signature(byte[] digest, ECKeyPair key) {
    Sign.SignatureData signed = Sign.signMessage(digest, key, false);
    byte[] bytes = new byte[65];
    System.arraycopy(signed.getR(), 0, bytes, 0, 32);
    System.arraycopy(signed.getS(), 0, bytes, 32, 32);
    bytes[64] = signed.getV()[0];
    return bytes;
  }

  private static TransactionReceipt send(
      org.web3j.protocol.core.RemoteFunctionCall<TransactionReceipt> call) throws Exception {
    return call.send();
  }

  private static void assertRefused(ThrowingCall call) {
    assertThatThrownBy(call::run).isInstanceOf(TransactionException.class);
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }

  private static Comparator<ECKeyPair> byAddress() {
    return Comparator.comparing(key -> new BigInteger(address(key).substring(2), 16));
  }

  private static String address(ECKeyPair key) {
    return "0x" + Keys.getAddress(key);
  }

  private static BigInteger inAnHour() {
    return BigInteger.valueOf(System.currentTimeMillis() / 1000 + 3600);
  }

  private static ECKeyPair newKey() {
    try {
      return Keys.createEcKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
