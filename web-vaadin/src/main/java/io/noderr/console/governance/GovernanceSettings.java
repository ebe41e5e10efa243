package io.noderr.console.governance;

import io.noderr.console.release.BeaconSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The part of the worker's {@code noderr.governance} settings the console shows and signs ballots
 * against: the contracts' addresses. Governance runs on the beacon's chain, so it is on only when
 * the beacon is on chain too ({@link #offReason(BeaconSettings)}).
 */
@ConfigurationProperties("noderr.governance")
public record GovernanceSettings(
    String governorAddress,
    String stakingAddress,
    String parametersAddress,
    String timelockAddress,
    String tokenAddress,
    String offReason) {

  /**
   * Why governance is off, or null when it is on. {@code noderr.governance.off-reason} is what
   * {@code noderr up} says when it started no dev chain (--no-chain, outside the demo profile).
   */
  public String offReason(BeaconSettings beacon) {
    if (offReason != null && !offReason.isBlank() && !beacon.onChain()) {
      return offReason;
    }
    if (!beacon.onChain()) {
      return "the beacon is not on chain (no noderr.beacon.rpc-url; ./noderr up --no-chain or no"
          + " dev chain): proposals and votes need the governance contracts on a chain";
    }
    if (governorAddress == null || governorAddress.isBlank()) {
      return "noderr.governance.governor-address is not set (./noderr chain prints the"
          + " addresses)";
    }
    return null;
  }
}
