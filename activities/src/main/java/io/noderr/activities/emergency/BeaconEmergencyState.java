package io.noderr.activities.emergency;

import io.noderr.activities.release.BeaconState.Backend;
import io.noderr.activities.release.BeaconTier;
import java.util.List;

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

  public record TierPause(BeaconTier tier, boolean paused, long guardianExpiresAt) {}
}
