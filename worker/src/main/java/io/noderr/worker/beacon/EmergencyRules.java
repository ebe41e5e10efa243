package io.noderr.worker.beacon;

import io.noderr.activities.emergency.BeaconEmergencyState;
import io.noderr.activities.emergency.BeaconEmergencyState.TierPause;
import io.noderr.activities.emergency.ChangeSignersRequest;
import io.noderr.activities.emergency.EmergencyFailures;
import io.noderr.activities.release.BeaconTier;
import io.noderr.signing.Address;
import io.noderr.signing.TierMask;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What both beacons do alike with an emergency request: parse it as the contract would (so a
 * malformed one is refused the same on chain and locally, before anything is sent), and tell
 * whether the beacon is already in the requested state. Temporal retries activities, and a retry
 * whose first attempt went through would otherwise be refused (its nonce is spent): in the
 * requested state, the beacons answer {@code alreadyDone} and send nothing.
 */
final class EmergencyRules {

  private EmergencyRules() {}

  /** The tiers of a mask, or the contract's {@code BadTiers} refusal. */
  static Set<BeaconTier> tiers(long mask) {
    try {
      return Set.copyOf(TierMask.codes(mask).stream().map(BeaconTier::ofCode).toList());
    } catch (IllegalArgumentException e) {
      throw Refusals.emergency("BadTiers", mask);
    }
  }

  /**
   * A guardian pause is done when every tier is paused, indefinitely or by a guardian pause still
   * running at {@code now} (a new guardian pause would not extend it: only the quorum decides
   * beyond the mandate).
   */
  static boolean guardianPaused(BeaconEmergencyState state, Set<BeaconTier> tiers, long now) {
    return all(
        state,
        tiers,
        pause ->
            pause.paused() && (pause.guardianExpiresAt() == 0 || !pause.guardianPauseExpired(now)));
  }

  /** Paused: every tier paused indefinitely. Unpaused: no tier paused. */
  static boolean tiersPaused(BeaconEmergencyState state, Set<BeaconTier> tiers, boolean paused) {
    return all(
        state,
        tiers,
        pause -> paused ? pause.paused() && pause.guardianExpiresAt() == 0 : !pause.paused());
  }

  /**
   * Expiry is done when no tier is paused any more. A tier still paused (by the quorum, or by a
   * guardian whose mandate runs) leaves the decision to the beacon: it expires what has expired or
   * refuses with {@code NoExpiredPause}.
   */
  static boolean expired(BeaconEmergencyState state, Set<BeaconTier> tiers) {
    return all(state, tiers, pause -> !pause.paused() && pause.guardianExpiresAt() == 0);
  }

  /**
   * The new signer set, checked as the contract's {@code setSigners} checks it: {@code
   * BadThreshold}, then {@code BadSigner} for a zero or repeated address.
   */
  static List<Address> signers(ChangeSignersRequest request) {
    List<Address> signers;
    try {
      signers = request.signers().stream().map(Address::of).toList();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw Refusals.invalid(EmergencyFailures.BEACON_REFUSED, e.getMessage());
    }
    if (request.threshold() < 1 || request.threshold() > signers.size()) {
      throw Refusals.emergency("BadThreshold", request.threshold(), signers.size());
    }
    Address zero = Address.of("0x" + "0".repeat(40));
    Set<Address> seen = new HashSet<>();
    for (Address signer : signers) {
      if (signer.equals(zero) || !seen.add(signer)) {
        throw Refusals.emergency("BadSigner", signer);
      }
    }
    return signers;
  }

  /** The multisig has this signer set (in any order) and threshold already. */
  static boolean signersChanged(BeaconEmergencyState state, List<Address> signers, int threshold) {
    return state.threshold() == threshold
        && Set.copyOf(state.signers())
            .equals(Set.copyOf(signers.stream().map(Address::value).toList()));
  }

  /** The guardians that stay guardians under a new signer set (the contract drops the others). */
  static List<String> keptGuardians(List<String> guardians, List<Address> signers) {
    Set<String> set = Set.copyOf(signers.stream().map(Address::value).toList());
    return guardians.stream().filter(set::contains).toList();
  }

  private static boolean all(
      BeaconEmergencyState state, Set<BeaconTier> tiers, Predicate<TierPause> condition) {
    return tiers.stream().map(state::tier).allMatch(condition);
  }
}
