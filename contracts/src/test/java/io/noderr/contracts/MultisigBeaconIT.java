package io.noderr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.contracts.generated.VersionBeacon;
import io.noderr.signing.Address;
import io.noderr.signing.ChangeGuardiansAction;
import io.noderr.signing.ChangeSignersAction;
import io.noderr.signing.GuardianPauseAction;
import io.noderr.signing.ImageDigest;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PauseTiersAction;
import io.noderr.signing.PublishAction;
import io.noderr.signing.TierMask;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.Transfer;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Convert;
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
  private static final Duration MANDATE = Duration.ofHours(1);
  private static final long ORACLE_MASK = 0b010;
  private static final long ALL_AND_GUARDIAN_MASK = 0b101;

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
                BigInteger.TWO,
                List.of(address(guardian())),
                BigInteger.valueOf(MANDATE.toSeconds()))
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
  void theHighSTwinOfAValidSignature_isRefused_soNoSignatureCountsInASecondForm() throws Exception {
    BigInteger deadline = inAnHour();
    List<byte[]> signatures =
        sign(publishDigest("1.4.0", deadline), signers.get(0), signers.get(1));
    List<byte[]> withTwin = List.of(highSTwin(signatures.get(0)), signatures.get(1));

    assertRefused(
        () ->
            send(
                multisig.publish(
                    ORACLE, "1.4.0", DIGEST, "1.2.0", "ipfs://notes", deadline, withTwin)));
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

  // ------------------------------------------------------------------------------ guardians

  @Test
  void guardianPause_byOneGuardian_pausesTheTiers_forTheMandate() throws Exception {
    BigInteger deadline = inAnHour();
    TransactionReceipt receipt = guardianPause(ALL_AND_GUARDIAN_MASK, deadline, guardian());

    BigInteger expiresAt = chainTime().add(BigInteger.valueOf(MANDATE.toSeconds()));
    assertThat(beacon.paused(BigInteger.ZERO).send()).isTrue();
    assertThat(beacon.paused(ORACLE).send()).isFalse();
    assertThat(beacon.paused(BigInteger.TWO).send()).isTrue();
    assertThat(multisig.guardianPauseExpiry(BigInteger.ZERO).send()).isEqualTo(expiresAt);
    assertThat(multisig.guardianPauseExpiry(ORACLE).send()).isZero();
    List<NoderrMultisig.GuardianPausedEventResponse> events =
        NoderrMultisig.getGuardianPausedEvents(receipt);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).guardian).isEqualTo(address(guardian()));
    assertThat(events.get(0).expiresAt).isEqualTo(expiresAt);
    assertThat(multisig.nonce().send()).isOne();
  }

  @Test
  void guardianPause_isRefused_forANonGuardianSigner_anOutsider_badTiers_orAReplay()
      throws Exception {
    BigInteger deadline = inAnHour();
    assertRefused(() -> guardianPause(ORACLE_MASK, deadline, signers.get(1)));
    assertRefused(() -> guardianPause(ORACLE_MASK, deadline, outsider));
    assertRefused(() -> guardianPause(0, deadline, guardian()));
    assertRefused(() -> guardianPause(0b1000, deadline, guardian()));
    assertThat(beacon.paused(ORACLE).send()).isFalse();

    byte[] signature =
        signature(
            multisig.guardianPauseDigest(big(ORACLE_MASK), nonce(), deadline).send(), guardian());
    send(multisig.guardianPause(big(ORACLE_MASK), deadline, signature));
    // The same signature again: its nonce is spent, so it recovers to another address.
    assertRefused(() -> send(multisig.guardianPause(big(ORACLE_MASK), deadline, signature)));
  }

  @Test
  void guardianPause_endsByItself_anyoneMayExpireIt_afterTheMandate() throws Exception {
    guardianPause(ORACLE_MASK, inAnHour(), guardian());
    // Before the mandate has run out, nothing has expired.
    assertRefused(() -> send(multisig.expireGuardianPause(big(ORACLE_MASK))));

    chain.advanceTime(MANDATE.plusSeconds(1));
    NoderrMultisig byOutsider = multisigAs(outsider);
    TransactionReceipt receipt = send(byOutsider.expireGuardianPause(big(TierMask.EVERY_TIER)));

    assertThat(beacon.paused(ORACLE).send()).isFalse();
    assertThat(multisig.guardianPauseExpiry(ORACLE).send()).isZero();
    assertThat(NoderrMultisig.getGuardianPauseExpiredEvents(receipt))
        .extracting(event -> event.tier)
        .containsExactly(ORACLE);
    assertRefused(() -> send(multisig.expireGuardianPause(big(ORACLE_MASK))));
  }

  @Test
  void ratification_byTheQuorum_makesTheGuardianPauseIndefinite() throws Exception {
    guardianPause(ORACLE_MASK, inAnHour(), guardian());
    setTiersPaused(ORACLE_MASK, true, signers.get(1), signers.get(2));

    assertThat(multisig.guardianPauseExpiry(ORACLE).send()).isZero();
    chain.advanceTime(MANDATE.plusSeconds(1));
    assertRefused(() -> send(multisig.expireGuardianPause(big(ORACLE_MASK))));
    assertThat(beacon.paused(ORACLE).send()).isTrue();

    // A guardian cannot shorten the quorum's pause either: the tier stays indefinitely paused.
    guardianPause(ORACLE_MASK, inAnHour(), guardian());
    assertThat(multisig.guardianPauseExpiry(ORACLE).send()).isZero();
  }

  @Test
  void unpausing_needsTheThreshold_notOneGuardian() throws Exception {
    guardianPause(ORACLE_MASK, inAnHour(), guardian());
    assertRefused(() -> setTiersPaused(ORACLE_MASK, false, guardian()));
    assertThat(beacon.paused(ORACLE).send()).isTrue();

    setTiersPaused(ORACLE_MASK, false, guardian(), signers.get(1));
    assertThat(beacon.paused(ORACLE).send()).isFalse();
    assertThat(multisig.guardianPauseExpiry(ORACLE).send()).isZero();
  }

  @Test
  void guardians_changeThroughTheQuorum_onlyToSigners() throws Exception {
    BigInteger deadline = inAnHour();
    List<String> outsiderGuardian = List.of(address(outsider));
    assertRefused(
        () -> changeGuardians(outsiderGuardian, deadline, signers.get(0), signers.get(1)));

    changeGuardians(List.of(address(signers.get(1))), deadline, signers.get(0), signers.get(2));

    assertThat(multisig.guardians().send()).containsExactly(address(signers.get(1)));
    assertThat(multisig.isGuardian(address(guardian())).send()).isFalse();
    assertRefused(() -> guardianPause(ORACLE_MASK, deadline, guardian()));
    guardianPause(ORACLE_MASK, deadline, signers.get(1));
    assertThat(beacon.paused(ORACLE).send()).isTrue();
  }

  @Test
  void changeSigners_dropsGuardiansWhoAreNoLongerSigners() throws Exception {
    BigInteger deadline = inAnHour();
    List<String> withoutGuardian = List.of(address(signers.get(1)), address(signers.get(2)));
    byte[] digest =
        multisig.signersDigest(withoutGuardian, BigInteger.ONE, nonce(), deadline).send();
    send(
        multisig.changeSigners(
            withoutGuardian,
            BigInteger.ONE,
            deadline,
            sign(digest, signers.get(0), signers.get(1))));

    assertThat(multisig.guardians().send()).isEmpty();
    assertThat(multisig.isGuardian(address(guardian())).send()).isFalse();
    assertRefused(() -> guardianPause(ORACLE_MASK, deadline, guardian()));
  }

  @Test
  void constructor_refusesAZeroMandate_andGuardiansOutsideTheSigners() {
    List<String> signerAddresses = signers.stream().map(MultisigBeaconIT::address).toList();
    assertRefusedDeploy(signerAddresses, List.of(signerAddresses.get(0)), BigInteger.ZERO);
    assertRefusedDeploy(signerAddresses, List.of(address(outsider)), BigInteger.TEN);
  }

  @Test
  void emergencyDigestsComputedOffChain_equalTheContractsOwn() throws Exception {
    BigInteger deadline = inAnHour();
    MultisigDomain domain =
        new MultisigDomain(DevChain.CHAIN_ID, Address.of(multisig.getContractAddress()));
    long at = deadline.longValueExact();
    List<Address> set = signers.stream().map(key -> Address.of(address(key))).toList();
    List<String> setText = set.stream().map(Address::value).toList();

    assertThat(new GuardianPauseAction(0b101, nonce(), at).digest(domain))
        .isEqualTo(multisig.guardianPauseDigest(big(0b101), nonce(), deadline).send());
    assertThat(new PauseTiersAction(0b011, true, nonce(), at).digest(domain))
        .isEqualTo(multisig.pauseTiersDigest(big(0b011), true, nonce(), deadline).send());
    assertThat(new PauseTiersAction(0b011, false, nonce(), at).digest(domain))
        .isEqualTo(multisig.pauseTiersDigest(big(0b011), false, nonce(), deadline).send());
    assertThat(new ChangeSignersAction(set, 2, nonce(), at).digest(domain))
        .isEqualTo(multisig.signersDigest(setText, BigInteger.TWO, nonce(), deadline).send());
    assertThat(new ChangeGuardiansAction(set.subList(0, 2), nonce(), at).digest(domain))
        .isEqualTo(multisig.guardiansDigest(setText.subList(0, 2), nonce(), deadline).send());
    assertThat(new ChangeGuardiansAction(List.of(), nonce(), at).digest(domain))
        .isEqualTo(multisig.guardiansDigest(List.of(), nonce(), deadline).send());
  }

  // --------------------------------------------------------------------------------- helpers

  /** The deployment's only guardian: the first signer. */
  private ECKeyPair guardian() {
    return signers.get(0);
  }

  private TransactionReceipt guardianPause(long tiers, BigInteger deadline, ECKeyPair key)
      throws Exception {
    byte[] digest = multisig.guardianPauseDigest(big(tiers), nonce(), deadline).send();
    return send(multisig.guardianPause(big(tiers), deadline, signature(digest, key)));
  }

  private TransactionReceipt setTiersPaused(long tiers, boolean paused, ECKeyPair... keys)
      throws Exception {
    BigInteger deadline = inAnHour();
    byte[] digest = multisig.pauseTiersDigest(big(tiers), paused, nonce(), deadline).send();
    return send(multisig.setTiersPaused(big(tiers), paused, deadline, sign(digest, keys)));
  }

  private TransactionReceipt changeGuardians(
      List<String> guardians, BigInteger deadline, ECKeyPair... keys) throws Exception {
    byte[] digest = multisig.guardiansDigest(guardians, nonce(), deadline).send();
    return send(multisig.changeGuardians(guardians, deadline, sign(digest, keys)));
  }

  /** The multisig as seen by another sender (anyone may expire a guardian pause). */
  private NoderrMultisig multisigAs(ECKeyPair key) throws Exception {
    Credentials other = Credentials.create(key);
    send(
        new Transfer(chain.web3j(), chain.transactions())
            .sendFunds(other.getAddress(), BigDecimal.ONE, Convert.Unit.ETHER));
    return NoderrMultisig.load(
        multisig.getContractAddress(),
        chain.web3j(),
        new RawTransactionManager(
            chain.web3j(),
            other,
            DevChain.CHAIN_ID,
            new PollingTransactionReceiptProcessor(chain.web3j(), 100, 300)),
        DevChain.GAS);
  }

  private void assertRefusedDeploy(
      List<String> signerAddresses, List<String> guardians, BigInteger mandate) {
    assertThatThrownBy(
            () ->
                NoderrMultisig.deploy(
                        chain.web3j(),
                        chain.transactions(),
                        DevChain.GAS,
                        signerAddresses,
                        BigInteger.TWO,
                        guardians,
                        mandate)
                    .send())
        .isInstanceOf(Exception.class);
  }

  private static BigInteger big(long value) {
    return BigInteger.valueOf(value);
  }

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

  /** The same signer's other valid ECDSA signature of the digest: s' = n - s, v flipped. */
  private static byte[] highSTwin(byte[] signature) {
    byte[] twin = signature.clone();
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64));
    byte[] highS = Numeric.toBytesPadded(Sign.CURVE_PARAMS.getN().subtract(s), 32);
    System.arraycopy(highS, 0, twin, 32, 32);
    twin[64] = (byte) (twin[64] == 27 ? 28 : 27);
    return twin;
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
      org.web3j.protocol.core.RemoteCall<TransactionReceipt> call) throws Exception {
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

  /** An hour after the chain's latest block: some tests move the chain's clock ahead. */
  private BigInteger inAnHour() throws Exception {
    return chainTime().add(BigInteger.valueOf(3600));
  }

  private BigInteger chainTime() throws Exception {
    return chain
        .web3j()
        .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
        .send()
        .getBlock()
        .getTimestamp();
  }

  private static ECKeyPair newKey() {
    try {
      return Keys.createEcKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
