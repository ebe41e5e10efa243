package io.noderr.worker.treasury;

import io.micrometer.core.instrument.MeterRegistry;
import io.noderr.registry.treasury.TreasuryLedger;
import io.noderr.registry.treasury.TreasuryReconciliations;
import io.noderr.worker.beacon.BeaconProperties;
import io.noderr.worker.beacon.ChainBeacon;
import io.noderr.worker.governance.GovernanceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The treasury ledger's writers, only when economics is on ({@link EconomicsOn}): the follower
 * mirroring the holders' token transfers and the job reconciling the ledger with the chain. The
 * ledger's read side (balances, flows, reconciliations) is the registry's, for the console.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EconomicsOn.class)
public class TreasuryConfiguration {

  @Bean
  TreasuryHolders treasuryHolders(
      EconomicsProperties economics, GovernanceProperties governance, BeaconProperties beacon) {
    return TreasuryHolders.of(economics, governance, beacon);
  }

  @Bean
  TreasuryFollower treasuryFollower(
      ChainBeacon beacon,
      TreasuryHolders holders,
      TreasuryLedger ledger,
      GovernanceProperties governance,
      BeaconProperties properties,
      MeterRegistry registry) {
    TreasuryFollower follower =
        new TreasuryFollower(beacon, holders, ledger, governance, properties.maxBlockRange());
    follower.registerGauges(registry, "treasury", "the treasury follower");
    return follower;
  }

  @Bean
  TreasuryReconciliation treasuryReconciliation(
      TreasuryLedger ledger,
      TreasuryReconciliations reconciliations,
      TreasuryHolders holders,
      ChainBeacon beacon,
      MeterRegistry registry) {
    return new TreasuryReconciliation(ledger, reconciliations, holders, beacon, registry);
  }
}
