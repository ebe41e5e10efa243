package io.noderr.worker.beacon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.noderr.activities.emergency.BeaconEmergencyState;
import io.noderr.activities.emergency.BeaconEmergencyState.TierPause;
import io.noderr.activities.emergency.BeaconTransaction;
import io.noderr.activities.emergency.ChangeSignersRequest;
import io.noderr.activities.emergency.EmergencyFailures;
import io.noderr.activities.emergency.GuardianPauseExpiry;
import io.noderr.activities.emergency.GuardianPauseRequest;
import io.noderr.activities.emergency.TiersPausedRequest;
import io.noderr.activities.release.BeaconTier;
import io.noderr.registry.Tier;
import io.noderr.registry.release.BeaconEventRow;
import io.noderr.registry.release.BeaconEventRow.Kind;
import io.noderr.signing.Address;
import io.noderr.signing.ChangeSignersAction;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.GuardianPauseAction;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PauseTiersAction;
import io.noderr.signing.Signatures;
import io.noderr.signing.TierMask;
import io.temporal.failure.ApplicationFailure;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

/**
 * The emergency actions' behaviour, one scenario set run against both beacons ({@link
 * ChainBeaconEmergencyIT} on ganache, {@link LocalBeaconEmergencyIT} on PostgreSQL): the same
 * outcomes and the same refusals. Each backend starts a fresh demo multisig per test: demo signers
 * 1-3, 2 of 3, signer 1 the only guardian, a 24-hour mandate.
 */
abstract class EmergencyScenarios {

  static final Duration MANDATE = Duration.ofSeconds(DemoSigners.MANDATE_SECONDS);
  static final long ORACLE = 0b010;
  static final long ORACLE_AND_GUARDIAN = 0b110;

  final ECKeyPair guardian = DemoSigners.key(DemoSigners.GUARDIAN);
  final ECKeyPair signer2 = DemoSigners.key(2);
  final ECKeyPair signer3 = DemoSigners.key(3);

  /** The beacon under test. */
  abstract Beacon beacon();

  /** The EIP-712 domain its signatures must name. */
  abstract MultisigDomain domain();

  /** The beacon's clock, unix seconds (the chain's latest block, or the local beacon's clock). */
  abstract long now();

  /** Moves the beacon's clock forward. */
  abstract void advance(Duration duration) throws Exception;

  /** The tier's recorded pause events, oldest first, once {@code count} are recorded. */
  abstract List<BeaconEventRow> pauseEvents(Tier tier, int count);

  @Test
  void readEmergency_answersTheSignersGuardianMandate_andUnpausedTiers() {
    BeaconEmergencyState state = beacon().readEmergency();

    assertThat(state.signers())
        .containsExactlyInAnyOrderElementsOf(
            DemoSigners.addresses().stream().map(Address::value).toList());
    assertThat(state.threshold()).isEqualTo(2);
    assertThat(state.guardians()).containsExactly(address(guardian));
    assertThat(state.mandateSeconds()).isEqualTo(MANDATE.toSeconds());
    assertThat(state.nonce()).isEqualTo("0");
    assertThat(state.multisig()).isEqualTo(domain().verifyingContract().value());
    assertThat(state.tiers())
        .extracting(TierPause::tier, TierPause::paused, TierPause::guardianExpiresAt)
        .containsExactly(
            tuple(BeaconTier.ALL, false, 0L),
            tuple(BeaconTier.ORACLE, false, 0L),
            tuple(BeaconTier.GUARDIAN, false, 0L));
  }

  @Test
  void guardianPause_byOneGuardian_pausesForTheMandate_andARetryIsAlreadyDone() {
    long before = now();
    GuardianPauseRequest request = guardianPause(ORACLE_AND_GUARDIAN, guardian);

    BeaconTransaction done = beacon().guardianPause(request);

    assertThat(done.alreadyDone()).isFalse();
    assertThat(done.transactionHash()).isNotBlank();
    BeaconEmergencyState state = beacon().readEmergency();
    assertThat(state.nonce()).isEqualTo("1");
    assertThat(state.tier(BeaconTier.ALL).paused()).isFalse();
    for (BeaconTier tier : List.of(BeaconTier.ORACLE, BeaconTier.GUARDIAN)) {
      assertThat(state.tier(tier).paused()).isTrue();
      assertThat(state.tier(tier).guardianExpiresAt())
          .isBetween(before + MANDATE.toSeconds(), before + MANDATE.toSeconds() + 30);
    }
    assertThat(beacon().read(BeaconTier.ORACLE).paused()).isTrue();

    // Temporal retries an activity whose first attempt went through: nothing is sent again.
    assertThat(beacon().guardianPause(request).alreadyDone()).isTrue();
    assertThat(beacon().readEmergency().nonce()).isEqualTo("1");
    assertThat(pauseEvents(Tier.ORACLE, 1))
        .extracting(BeaconEventRow::kind)
        .containsExactly(Kind.TIER_PAUSED);
  }

  @Test
  void guardianPause_isRefused_forASignerWhoIsNoGuardian_badTiers_anExpiredDeadline_orGarbage() {
    assertRefused(() -> beacon().guardianPause(guardianPause(ORACLE, signer2)), "NotAGuardian");
    assertRefused(
        () -> beacon().guardianPause(guardianPause(ORACLE, Releases.outsider())), "NotAGuardian");
    assertRefused(
        () -> beacon().guardianPause(new GuardianPauseRequest(0, now() + 3600, "0x")), "BadTiers");
    assertRefused(
        () -> beacon().guardianPause(new GuardianPauseRequest(0b1000, now() + 3600, "0x")),
        "BadTiers");
    long past = now() - 60;
    String expired =
        Signatures.sign(
            new GuardianPauseAction(ORACLE, BigInteger.ZERO, past).digest(domain()), guardian);
    assertRefused(
        () -> beacon().guardianPause(new GuardianPauseRequest(ORACLE, past, expired)), "Expired");
    assertRefused(
        () ->
            beacon()
                .guardianPause(
                    new GuardianPauseRequest(ORACLE, now() + 3600, "0x" + "00".repeat(65))),
        "MalformedSignature");

    assertNothingChanged();
  }

  @Test
  void aReplayedGuardianSignature_isRefused_itsNonceIsSpent() {
    GuardianPauseRequest request = guardianPause(ORACLE, guardian);
    beacon().guardianPause(request);
    beacon().setTiersPaused(tiersPaused(ORACLE, false, guardian, signer2));

    assertRefused(() -> beacon().guardianPause(request), "NotAGuardian");
    assertThat(beacon().readEmergency().tier(BeaconTier.ORACLE).paused()).isFalse();
  }

  @Test
  void aGuardianPause_endsByItself_anyoneExpiresItAfterTheMandate() throws Exception {
    beacon().guardianPause(guardianPause(ORACLE, guardian));
    assertRefused(
        () -> beacon().expireGuardianPause(new GuardianPauseExpiry(ORACLE)), "NoExpiredPause");

    advance(MANDATE.plusSeconds(1));
    BeaconTransaction expired =
        beacon().expireGuardianPause(new GuardianPauseExpiry(TierMask.EVERY_TIER));

    assertThat(expired.alreadyDone()).isFalse();
    TierPause oracle = beacon().readEmergency().tier(BeaconTier.ORACLE);
    assertThat(oracle.paused()).isFalse();
    assertThat(oracle.guardianExpiresAt()).isZero();
    assertThat(beacon().read(BeaconTier.ORACLE).paused()).isFalse();
    assertThat(beacon().expireGuardianPause(new GuardianPauseExpiry(ORACLE)).alreadyDone())
        .isTrue();
    assertThat(pauseEvents(Tier.ORACLE, 2))
        .extracting(BeaconEventRow::kind)
        .containsExactly(Kind.TIER_PAUSED, Kind.TIER_UNPAUSED);
  }

  @Test
  void ratification_byTheQuorum_makesThePauseIndefinite_soExpiryRefuses() throws Exception {
    beacon().guardianPause(guardianPause(ORACLE, guardian));
    TiersPausedRequest ratify = tiersPaused(ORACLE, true, signer2, signer3);

    assertThat(beacon().setTiersPaused(ratify).alreadyDone()).isFalse();
    assertThat(beacon().setTiersPaused(ratify).alreadyDone()).isTrue();
    assertThat(beacon().readEmergency().tier(BeaconTier.ORACLE).guardianExpiresAt()).isZero();

    advance(MANDATE.plusSeconds(1));
    assertRefused(
        () -> beacon().expireGuardianPause(new GuardianPauseExpiry(ORACLE)), "NoExpiredPause");
    assertThat(beacon().readEmergency().tier(BeaconTier.ORACLE).paused()).isTrue();
    // A guardian can neither shorten nor time-box the quorum's pause.
    assertThat(beacon().guardianPause(guardianPause(ORACLE, guardian)).alreadyDone()).isTrue();
  }

  @Test
  void unpausing_needsTheThreshold_notOneGuardian() {
    beacon().guardianPause(guardianPause(ORACLE, guardian));

    assertRefused(
        () -> beacon().setTiersPaused(tiersPaused(ORACLE, false, guardian)), "NotEnoughSignatures");
    assertThat(beacon().readEmergency().tier(BeaconTier.ORACLE).paused()).isTrue();

    TiersPausedRequest unpause = tiersPaused(ORACLE, false, guardian, signer3);
    assertThat(beacon().setTiersPaused(unpause).alreadyDone()).isFalse();
    assertThat(beacon().readEmergency().tier(BeaconTier.ORACLE))
        .isEqualTo(new TierPause(BeaconTier.ORACLE, false, 0));
    assertThat(beacon().setTiersPaused(unpause).alreadyDone()).isTrue();
    assertThat(beacon().readEmergency().nonce()).isEqualTo("2");
  }

  @Test
  void changeSigners_dropsTheGuardianWhoLeaves_andARetryIsAlreadyDone() {
    ECKeyPair newcomer = Releases.outsider();
    List<Address> set = List.of(Signatures.addressOf(signer2), Signatures.addressOf(newcomer));
    ChangeSignersRequest request = changeSigners(set, 2, guardian, signer3);

    assertThat(beacon().changeSigners(request).alreadyDone()).isFalse();

    BeaconEmergencyState state = beacon().readEmergency();
    assertThat(state.signers())
        .containsExactlyInAnyOrderElementsOf(set.stream().map(Address::value).toList());
    assertThat(state.threshold()).isEqualTo(2);
    assertThat(state.guardians()).isEmpty();
    assertThat(beacon().changeSigners(request).alreadyDone()).isTrue();
    assertRefused(() -> beacon().guardianPause(guardianPause(ORACLE, guardian)), "NotAGuardian");
    // The new set signs from now on; the old one no longer does.
    assertRefused(
        () -> beacon().setTiersPaused(tiersPaused(ORACLE, true, guardian, signer3)), "NotASigner");
    assertThat(beacon().setTiersPaused(tiersPaused(ORACLE, true, signer2, newcomer)).alreadyDone())
        .isFalse();
  }

  @Test
  void changeSigners_isRefused_forAnImpossibleThreshold_aRepeatedSigner_orTooFewSignatures() {
    List<Address> set = List.of(Signatures.addressOf(signer2), Signatures.addressOf(signer3));
    assertRefused(
        () ->
            beacon()
                .changeSigners(
                    new ChangeSignersRequest(
                        set.stream().map(Address::value).toList(), 3, now() + 3600, List.of())),
        "BadThreshold");
    assertRefused(
        () ->
            beacon()
                .changeSigners(
                    new ChangeSignersRequest(
                        List.of(address(signer2), address(signer2)), 1, now() + 3600, List.of())),
        "BadSigner");
    assertRefused(
        () -> beacon().changeSigners(changeSigners(set, 1, signer2)), "NotEnoughSignatures");

    assertNothingChanged();
  }

  // --------------------------------------------------------------------------------- helpers

  GuardianPauseRequest guardianPause(long tiers, ECKeyPair key) {
    long deadline = deadline();
    GuardianPauseAction action = new GuardianPauseAction(tiers, nonce(), deadline);
    return new GuardianPauseRequest(tiers, deadline, Signatures.sign(action.digest(domain()), key));
  }

  TiersPausedRequest tiersPaused(long tiers, boolean paused, ECKeyPair... keys) {
    long deadline = deadline();
    byte[] digest = new PauseTiersAction(tiers, paused, nonce(), deadline).digest(domain());
    return new TiersPausedRequest(tiers, paused, deadline, sorted(digest, keys));
  }

  ChangeSignersRequest changeSigners(List<Address> signers, int threshold, ECKeyPair... keys) {
    long deadline = deadline();
    byte[] digest = new ChangeSignersAction(signers, threshold, nonce(), deadline).digest(domain());
    return new ChangeSignersRequest(
        signers.stream().map(Address::value).toList(), threshold, deadline, sorted(digest, keys));
  }

  /** Twice the mandate ahead: scenarios that let the mandate run out still sign in time. */
  private long deadline() {
    return now() + MANDATE.toSeconds() * 2;
  }

  private BigInteger nonce() {
    return new BigInteger(beacon().readEmergency().nonce());
  }

  private static List<String> sorted(byte[] digest, ECKeyPair... keys) {
    return Stream.of(keys)
        .sorted(Comparator.comparing(Signatures::addressOf))
        .map(key -> Signatures.sign(digest, key))
        .toList();
  }

  static String address(ECKeyPair key) {
    return Signatures.addressOf(key).value();
  }

  private void assertNothingChanged() {
    BeaconEmergencyState state = beacon().readEmergency();
    assertThat(state.nonce()).isEqualTo("0");
    assertThat(state.tiers()).noneMatch(TierPause::paused);
    assertThat(state.guardians()).containsExactly(address(guardian));
  }

  /** Refused non-retryably as BEACON_REFUSED, the message starting with the contract's error. */
  static void assertRefused(ThrowingCallable call, String error) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(EmergencyFailures.BEACON_REFUSED);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).startsWith(error);
            });
  }
}
