package io.noderr.activities.emergency;

import io.noderr.activities.release.BeaconState.Backend;
import io.noderr.activities.release.BeaconTier;
import java.util.List;

/**
 * The multisig's emergency powers and every tier's pause, as read at one moment (one block on
 * chain).
 *
 * @param backend CHAIN (contracts on an EVM chain) or LOCAL (the PostgreSQL beacon)
 * @param chainId EIP-712 domain chain id signatures must name
 * @param multisig EIP-712 verifying contract signatures must name (lower-case hex)
 * @param signers the signer set (lower-case hex addresses), in the multisig's order
 * @param threshold signatures the quorum's actions need
 * @param guardians the signers who may pause alone (lower-case hex), in the multisig's order
 * @param nonce the multisig's next nonce, decimal: every signed action names it
 * @param mandateSeconds how long one guardian's pause lasts unless the quorum ratifies it
 * @param tiers every tier, in code order (ALL, ORACLE, GUARDIAN)
 */
public record BeaconEmergencyState(
    Backend backend,
    long chainId,
    String multisig,
    List<String> signers,
    int threshold,
    List<String> guardians,
    String nonce,
    long mandateSeconds,
    List<TierPause> tiers) {

  public BeaconEmergencyState {
    signers = List.copyOf(signers);
    guardians = List.copyOf(guardians);
    tiers = List.copyOf(tiers);
  }

  /** The tier's entry. */
  public TierPause tier(BeaconTier tier) {
    return tiers.stream()
        .filter(pause -> pause.tier() == tier)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no state for tier " + tier));
  }

  /**
   * One tier's pause.
   *
   * @param paused whether the beacon's tier is paused (it takes no release). A guardian pause whose
   *     mandate has run out stays paused until someone expires it ({@link GuardianPauseExpiry})
   * @param guardianExpiresAt when the tier's guardian pause ends, epoch seconds; 0 when it is not a
   *     guardian pause (unpaused, or paused by the quorum, indefinitely)
   */
  public record TierPause(BeaconTier tier, boolean paused, long guardianExpiresAt) {

    /** Paused by a guardian and its mandate has run out at {@code nowEpochSeconds}. */
    public boolean guardianPauseExpired(long nowEpochSeconds) {
      return guardianExpiresAt != 0 && nowEpochSeconds >= guardianExpiresAt;
    }
  }
}
