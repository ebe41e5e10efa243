package io.noderr.worker.beacon;

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
import io.noderr.registry.Tier;
import io.noderr.registry.release.LocalBeaconStore;
import io.noderr.registry.release.LocalBeaconStore.Outcome;
import io.noderr.registry.release.LocalBeaconStore.Spent;
import io.noderr.registry.release.LocalMultisig;
import io.noderr.registry.release.LocalPublication;
import io.noderr.registry.release.LocalTier;
import io.noderr.signing.Address;
import io.noderr.signing.ChangeSignersAction;
import io.noderr.signing.GuardianPauseAction;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PauseTiersAction;
import io.noderr.signing.PublishAction;
import io.noderr.signing.Signatures;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The beacon used when no chain is configured: the same multisig rules as NoderrMultisig, checked
 * in Java, over the state in PostgreSQL ({@link LocalBeaconStore}). Signers sign the same EIP-712
 * typed data as for the contract, in the domain {@code (noderr.beacon.local.chain-id, }{@link
 * #ADDRESS}{@code )}, so their signatures can never be replayed on a real multisig.
 *
 * <p>Its signers, threshold and guardians are the configured ones ({@code noderr.beacon.local.*})
 * until the local multisig changes its signers itself; from then on the changed set, kept in the
 * database, applies, as a contract's constructor arguments do until its first change. A guardian
 * pause ends as on chain: when someone calls {@link #expireGuardianPause} after its mandate.
 */
public final class LocalBeacon implements Beacon {

  /**
   * The local multisig's EIP-712 verifying contract, which is also the beacon address of its
   * events: the last 20 bytes of {@code keccak256("noderr.local-beacon")}, i.e. {@code
   * 0xa4a882ec6c5c660cffcf7696af2fba464207b51f}. No key is known for it and placing a contract at a
   * chosen address is infeasible, so no chain has a multisig that accepts these signatures.
   */
  public static final Address ADDRESS =
      Address.of(
          Numeric.toHexString(
              Arrays.copyOfRange(
                  Hash.sha3("noderr.local-beacon".getBytes(StandardCharsets.US_ASCII)), 12, 32)));

  private final BeaconProperties.Local config;
  private final LocalBeaconStore store;
  private final MultisigDomain domain;
  private final Clock clock;

  public LocalBeacon(BeaconProperties.Local config, LocalBeaconStore store) {
    this(config, store, Clock.systemUTC());
  }

  /** With a clock of its own: deadlines and mandates are judged by it (tests move it). */
  LocalBeacon(BeaconProperties.Local config, LocalBeaconStore store, Clock clock) {
    this.config = config;
    this.store = store;
    this.domain = new MultisigDomain(config.chainId(), ADDRESS);
    this.clock = clock;
  }

  @Override
  public BeaconId id() {
    return new BeaconId(config.chainId(), ADDRESS.value());
  }

  @Override
  public BeaconState read(BeaconTier tier) {
    LocalTier row = store.tier(Tiers.of(tier));
    LocalMultisig multisig = store.multisig();
    Members members = members(multisig);
    CurrentRelease current =
        row.version() == null
            ? null
            : new CurrentRelease(
                row.version(),
                row.imageDigest(),
                row.minimumVersion(),
                row.notesUri(),
                row.publishedAt().getEpochSecond());
    return new BeaconState(
        BeaconState.Backend.LOCAL,
        config.chainId(),
        ADDRESS.value(),
        members.signers(),
        members.threshold(),
        Long.toString(multisig.nonce()),
        current,
        row.paused());
  }

  @Override
  public PublishReceipt publish(PublishRequest request) {
    PublishAction action = Publications.action(request);
    LocalMultisig multisig = store.multisig();
    Members members = members(multisig);
    if (members.signers().isEmpty()) {
      throw Refusals.refused(Refusals.NO_SIGNERS);
    }
    long nonce = multisig.nonce();
    if (!action.nonce().equals(BigInteger.valueOf(nonce))) {
      throw Refusals.nonceMoved(action.nonce(), nonce);
    }
    authorize(
        () -> action.digest(domain),
        action.deadline(),
        request.signatures(),
        members,
        ReleaseFailures.PUBLISH_REFUSED);
    Outcome outcome =
        store.publish(
            nonce,
            new LocalPublication(
                Tiers.of(request.tier()),
                action.version(),
                action.imageDigest().value(),
                action.minimumVersion(),
                action.notesUri()),
            config.chainId(),
            ADDRESS.value());
    return switch (outcome) {
      case Outcome.Published published ->
          Publications.receipt(
              request,
              action,
              published.event().transactionHash(),
              published.event().blockNumber());
      case Outcome.NonceMoved moved -> throw Refusals.nonceMoved(nonce, moved.current());
      case Outcome.TierPaused paused -> throw Refusals.refused("TierIsPaused", action.tier());
    };
  }

  @Override
  public BeaconEmergencyState readEmergency() {
    LocalMultisig multisig = store.multisig();
    Members members = members(multisig);
    List<TierPause> tiers =
        Arrays.stream(BeaconTier.values())
            .map(
                tier -> {
                  LocalTier row = store.tier(Tiers.of(tier));
                  Instant expiry = row.guardianExpiresAt();
                  return new TierPause(
                      tier, row.paused(), expiry == null ? 0 : expiry.getEpochSecond());
                })
            .toList();
    return new BeaconEmergencyState(
        BeaconState.Backend.LOCAL,
        config.chainId(),
        ADDRESS.value(),
        members.signers(),
        members.threshold(),
        members.guardians(),
        Long.toString(multisig.nonce()),
        config.mandate().toSeconds(),
        tiers);
  }

  /** NoderrMultisig's {@code guardianPause}, rule for rule and in the same order. */
  @Override
  public BeaconTransaction guardianPause(GuardianPauseRequest request) {
    Set<BeaconTier> tiers = EmergencyRules.tiers(request.tiers());
    BeaconEmergencyState state = readEmergency();
    long now = clock.instant().getEpochSecond();
    if (EmergencyRules.guardianPaused(state, tiers, now)) {
      return BeaconTransaction.alreadyDoneBefore();
    }
    if (now > request.deadline()) {
      throw Refusals.emergency("Expired", request.deadline());
    }
    long nonce = Long.parseLong(state.nonce());
    byte[] digest =
        new GuardianPauseAction(request.tiers(), BigInteger.valueOf(nonce), request.deadline())
            .digest(domain);
    Address guardian = recover(digest, request.signature(), 0, EmergencyFailures.BEACON_REFUSED);
    if (!state.guardians().contains(guardian.value())) {
      throw Refusals.emergency("NotAGuardian", guardian);
    }
    return transaction(
        store.guardianPause(
            nonce,
            registryTiers(tiers),
            Instant.ofEpochSecond(now + state.mandateSeconds()),
            config.chainId(),
            ADDRESS.value()),
        nonce);
  }

  /** NoderrMultisig's {@code setTiersPaused}. */
  @Override
  public BeaconTransaction setTiersPaused(TiersPausedRequest request) {
    Set<BeaconTier> tiers = EmergencyRules.tiers(request.tiers());
    LocalMultisig multisig = store.multisig();
    BeaconEmergencyState state = readEmergency();
    if (EmergencyRules.tiersPaused(state, tiers, request.paused())) {
      return BeaconTransaction.alreadyDoneBefore();
    }
    long nonce = multisig.nonce();
    authorize(
        () ->
            new PauseTiersAction(
                    request.tiers(),
                    request.paused(),
                    BigInteger.valueOf(nonce),
                    request.deadline())
                .digest(domain),
        request.deadline(),
        request.signatures(),
        members(multisig),
        EmergencyFailures.BEACON_REFUSED);
    return transaction(
        store.setTiersPaused(
            nonce, registryTiers(tiers), request.paused(), config.chainId(), ADDRESS.value()),
        nonce);
  }

  /** NoderrMultisig's {@code expireGuardianPause}: anyone may call it. */
  @Override
  public BeaconTransaction expireGuardianPause(GuardianPauseExpiry request) {
    Set<BeaconTier> tiers = EmergencyRules.tiers(request.tiers());
    if (EmergencyRules.expired(readEmergency(), tiers)) {
      return BeaconTransaction.alreadyDoneBefore();
    }
    return store
        .expireGuardianPauses(
            registryTiers(tiers), clock.instant(), config.chainId(), ADDRESS.value())
        .map(
            applied ->
                new BeaconTransaction(applied.transactionHash(), applied.blockNumber(), false))
        .orElseThrow(() -> Refusals.emergency("NoExpiredPause", request.tiers()));
  }

  /** NoderrMultisig's {@code changeSigners}: guardians outside the new set lose the role. */
  @Override
  public BeaconTransaction changeSigners(ChangeSignersRequest request) {
    List<Address> signers = EmergencyRules.signers(request);
    LocalMultisig multisig = store.multisig();
    Members members = members(multisig);
    if (EmergencyRules.signersChanged(readEmergency(), signers, request.threshold())) {
      return BeaconTransaction.alreadyDoneBefore();
    }
    long nonce = multisig.nonce();
    authorize(
        () ->
            new ChangeSignersAction(
                    signers, request.threshold(), BigInteger.valueOf(nonce), request.deadline())
                .digest(domain),
        request.deadline(),
        request.signatures(),
        members,
        EmergencyFailures.BEACON_REFUSED);
    return transaction(
        store.changeSigners(
            nonce,
            signers.stream().map(Address::value).toList(),
            request.threshold(),
            EmergencyRules.keptGuardians(members.guardians(), signers)),
        nonce);
  }

  /** The PostgreSQL beacon runs without governance: there is no timelock to cancel on. */
  @Override
  public BeaconTransaction cancelQueued(CancelQueuedRequest request) {
    throw Refusals.emergency(Refusals.GOVERNANCE_OFF);
  }

  /**
   * NoderrMultisig's {@code authorize}, rule for rule and in the same order. The digest is computed
   * after the deadline check, as the contract would never reach a malformed action's digest.
   */
  private void authorize(
      Supplier<byte[]> digest,
      long deadline,
      List<String> signatures,
      Members members,
      String refusalType) {
    if (clock.instant().getEpochSecond() > deadline) {
      throw Refusals.refusedAs(refusalType, "Expired", deadline);
    }
    if (signatures.size() < members.threshold()) {
      throw Refusals.refusedAs(
          refusalType, "NotEnoughSignatures", signatures.size(), members.threshold());
    }
    byte[] signed = digest.get();
    Set<String> signerSet = Set.copyOf(members.signers());
    Address previous = Address.of("0x" + "0".repeat(40));
    for (int i = 0; i < signatures.size(); i++) {
      Address signer = recover(signed, signatures.get(i), i, refusalType);
      if (signer.compareTo(previous) <= 0) {
        throw Refusals.refusedAs(refusalType, "SignaturesNotSorted", previous, signer);
      }
      if (!signerSet.contains(signer.value())) {
        throw Refusals.refusedAs(refusalType, "NotASigner", signer);
      }
      previous = signer;
    }
  }

  private static Address recover(byte[] digest, String signature, int index, String refusalType) {
    try {
      return Signatures.recover(digest, signature);
    } catch (Signatures.InvalidSignatureException e) {
      throw Refusals.refusedAs(refusalType, "MalformedSignature", index);
    }
  }

  /**
   * @param nonce the nonce the signatures were checked against
   */
  private static BeaconTransaction transaction(Spent spent, long nonce) {
    return switch (spent) {
      case Spent.Applied applied ->
          new BeaconTransaction(applied.transactionHash(), applied.blockNumber(), false);
      case Spent.NonceMoved moved ->
          throw Refusals.refusedAs(
              EmergencyFailures.BEACON_REFUSED, Refusals.NONCE_MOVED, nonce, moved.current());
    };
  }

  private static Set<Tier> registryTiers(Set<BeaconTier> tiers) {
    return tiers.stream().map(Tiers::of).collect(Collectors.toSet());
  }

  /**
   * The multisig's members: the set it changed itself to, else the configured one.
   *
   * @param signers sorted, lower-case hex
   */
  private record Members(List<String> signers, int threshold, List<String> guardians) {}

  private Members members(LocalMultisig multisig) {
    if (multisig.changed()) {
      return new Members(
          multisig.signers().stream().sorted().toList(),
          multisig.threshold(),
          multisig.guardians());
    }
    return new Members(
        config.signers().stream().sorted().map(Address::value).toList(),
        config.threshold() == null ? 0 : config.threshold(),
        config.guardians().stream().map(Address::value).toList());
  }
}
