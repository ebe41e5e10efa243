package io.noderr.worker.beacon;

import io.noderr.activities.release.BeaconState;
import io.noderr.activities.release.BeaconTier;
import io.noderr.activities.release.CurrentRelease;
import io.noderr.activities.release.PublishReceipt;
import io.noderr.activities.release.PublishRequest;
import io.noderr.registry.release.LocalBeaconStore;
import io.noderr.registry.release.LocalBeaconStore.Outcome;
import io.noderr.registry.release.LocalPublication;
import io.noderr.registry.release.LocalTier;
import io.noderr.signing.Address;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PublishAction;
import io.noderr.signing.Signatures;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The beacon used when no chain is configured: the same multisig rules as NoderrMultisig, checked
 * in Java, over the state in PostgreSQL ({@link LocalBeaconStore}). Signers sign the same EIP-712
 * {@code Publish} typed data as for the contract, in the domain {@code
 * (noderr.beacon.local.chain-id, }{@link #ADDRESS}{@code )}, so their signatures can never be
 * replayed on a real multisig.
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
  private final List<String> signers;
  private final Set<Address> signerSet;

  public LocalBeacon(BeaconProperties.Local config, LocalBeaconStore store) {
    this.config = config;
    this.store = store;
    this.domain = new MultisigDomain(config.chainId(), ADDRESS);
    this.signers = config.signers().stream().sorted().map(Address::value).toList();
    this.signerSet = Set.copyOf(config.signers());
  }

  @Override
  public BeaconId id() {
    return new BeaconId(config.chainId(), ADDRESS.value());
  }

  @Override
  public BeaconState read(BeaconTier tier) {
    LocalTier row = store.tier(Tiers.of(tier));
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
        signers,
        threshold(),
        Long.toString(store.nonce()),
        current,
        row.paused());
  }

  @Override
  public PublishReceipt publish(PublishRequest request) {
    PublishAction action = Publications.action(request);
    if (signers.isEmpty()) {
      throw Refusals.refused(Refusals.NO_SIGNERS);
    }
    long nonce = store.nonce();
    if (!action.nonce().equals(BigInteger.valueOf(nonce))) {
      throw Refusals.nonceMoved(action.nonce(), nonce);
    }
    authorize(action.digest(domain), action.deadline(), request.signatures());
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

  /** NoderrMultisig's {@code authorize}, rule for rule and in the same order. */
  private void authorize(byte[] digest, long deadline, List<String> signatures) {
    if (Instant.now().getEpochSecond() > deadline) {
      throw Refusals.refused("Expired", deadline);
    }
    if (signatures.size() < threshold()) {
      throw Refusals.refused("NotEnoughSignatures", signatures.size(), threshold());
    }
    Address previous = Address.of("0x" + "0".repeat(40));
    for (int i = 0; i < signatures.size(); i++) {
      Address signer;
      try {
        signer = Signatures.recover(digest, signatures.get(i));
      } catch (Signatures.InvalidSignatureException e) {
        throw Refusals.refused("MalformedSignature", i);
      }
      if (signer.compareTo(previous) <= 0) {
        throw Refusals.refused("SignaturesNotSorted", previous, signer);
      }
      if (!signerSet.contains(signer)) {
        throw Refusals.refused("NotASigner", signer);
      }
      previous = signer;
    }
  }

  private int threshold() {
    return config.threshold() == null ? 0 : config.threshold();
  }
}
