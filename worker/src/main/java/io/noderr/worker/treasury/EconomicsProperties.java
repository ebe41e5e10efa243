package io.noderr.worker.treasury;

import io.noderr.signing.Address;
import io.noderr.worker.governance.GovernanceProperties;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The economics contracts ({@code noderr.economics.*}, docs/economics.md) deployed next to the
 * governance contracts. The token, the timelock (governance treasury) and the staking contract are
 * governance's ({@code noderr.governance.*}); the multisig holding the rewards treasury is the
 * beacon's ({@code noderr.beacon.multisig-address}). Economics is on when both addresses are set
 * and governance is configured ({@link EconomicsOn}); otherwise no treasury follower and no reward
 * payouts run.
 *
 * @param distributorAddress the RewardDistributor (funded epochs, claims, clawbacks)
 * @param feeCollectorAddress the FeeCollector (protocol fees, swept to the treasuries)
 * @param reconcileInterval how often the treasury ledger is compared with the chain's balances
 */
@Validated
@ConfigurationProperties("noderr.economics")
public record EconomicsProperties(
    Address distributorAddress,
    Address feeCollectorAddress,
    @NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration reconcileInterval) {

  /** True when both economics contracts are set and governance is configured. */
  public boolean configured(GovernanceProperties governance) {
    return governance.configured() && distributorAddress != null && feeCollectorAddress != null;
  }
}
