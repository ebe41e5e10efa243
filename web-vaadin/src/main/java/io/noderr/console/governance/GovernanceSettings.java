package io.noderr.console.governance;

import io.noderr.console.release.BeaconSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The part of the worker's {@code noderr.governance} settings the console shows and signs ballots
 * against: the contracts' addresses. Governance runs on the beacon's chain, so it is on only when
 * the beacon is on chain too ({@link #offReason}).
 */
@ConfigurationProperties("noderr.governance")
public record GovernanceSettings(
    String governorAddress,
    String stakingAddress,
    String parametersAddress,
    String timelockAddress,
    String tokenAddress) {

  /** Why governance is off, or null when it is on. */
  public String offReason(BeaconSettings beacon) {
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
