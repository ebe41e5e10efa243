package io.noderr.console.rewards;

import io.noderr.console.release.BeaconSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where claims are made: the RewardDistributor the worker publishes roots to ({@code
 * noderr.economics.distributor-address}, docs/economics.md) on the multisig's chain.
 */
@Component
class RewardClaimSettings {

  private final String distributor;
  private final Long chainId;

  RewardClaimSettings(
      @Value("${noderr.economics.distributor-address:}") String distributor,
      BeaconSettings beacon) {
    this.distributor = distributor.isBlank() ? null : distributor.strip().toLowerCase();
    this.chainId = beacon.chainId();
  }

  /** Null when economics are off. */
  String distributor() {
    return distributor;
  }

  Long chainId() {
    return chainId;
  }
}
