package io.noderr.worker.treasury;

import io.noderr.registry.treasury.TreasuryAccount;
import io.noderr.signing.Address;
import io.noderr.worker.beacon.BeaconProperties;
import io.noderr.worker.governance.GovernanceProperties;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The token and the holders whose balances the treasury ledger tracks, with the staking contract
 * whose slashes pay the governance treasury; addresses lowercase, as logs carry them.
 */
record TreasuryHolders(
    String token,
    String rewardsTreasury,
    String governanceTreasury,
    String distributor,
    String feeCollector,
    String staking) {

  static TreasuryHolders of(
      EconomicsProperties economics, GovernanceProperties governance, BeaconProperties beacon) {
    return new TreasuryHolders(
        lower(governance.tokenAddress()),
        lower(beacon.multisigAddress()),
        lower(governance.timelockAddress()),
        lower(economics.distributorAddress()),
        lower(economics.feeCollectorAddress()),
        lower(governance.stakingAddress()));
  }

  /** The tracked holders as ledger accounts. */
  List<TreasuryAccount> accounts() {
    return List.of(
        TreasuryAccount.onChain(TreasuryAccount.GOVERNANCE_TREASURY, governanceTreasury),
        TreasuryAccount.onChain(TreasuryAccount.REWARDS_TREASURY, rewardsTreasury),
        TreasuryAccount.onChain(TreasuryAccount.DISTRIBUTOR, distributor),
        TreasuryAccount.onChain(TreasuryAccount.FEE_COLLECTOR, feeCollector));
  }

  /** The holder's account, empty for an address the ledger does not track. */
  Optional<TreasuryAccount> accountOf(String address) {
    return accounts().stream()
        .filter(account -> account.address().equalsIgnoreCase(address))
        .findFirst();
  }

  private static String lower(Address address) {
    return address.value().toLowerCase(Locale.ROOT);
  }
}
