package io.noderr.worker.governance;

import io.noderr.signing.Address;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * On-chain governance ({@code noderr.governance.*}): the contracts {@code ./noderr chain} deploys
 * (docs/governance.md). It runs on the beacon's chain: the RPC endpoint, chain id and the account
 * that pays for relayed transactions are the beacon's ({@code noderr.beacon.*}). Governance is on
 * when the beacon is on chain and the governor's address is set; otherwise the platform shows
 * governance as off and relays nothing.
 *
 * @param governorAddress NoderrGovernor
 * @param stakingAddress NoderrStaking (voting power, tier minimums)
 * @param parametersAddress NoderrParameters (owned by the timelock)
 * @param timelockAddress NoderrTimelock (the treasury)
 * @param tokenAddress the stake token
 * @param pollInterval how often the governance follower looks for new blocks
 * @param confirmations blocks the follower stays behind the head (reorg safety)
 * @param startBlock where the follower starts reading contracts it has never read (their
 *     deployment)
 */
@Validated
@ConfigurationProperties("noderr.governance")
public record GovernanceProperties(
    Address governorAddress,
    Address stakingAddress,
    Address parametersAddress,
    Address timelockAddress,
    Address tokenAddress,
    @NotNull @DurationMin(millis = 10) @DefaultValue("2s") Duration pollInterval,
    @PositiveOrZero @DefaultValue("0") int confirmations,
    @PositiveOrZero @DefaultValue("0") long startBlock) {

  /** True when the governor is configured (the beacon's RPC endpoint must be set too). */
  public boolean configured() {
    return governorAddress != null;
  }

  @AssertTrue(
      message =
          "with noderr.governance.governor-address set, staking-address, parameters-address,"
              + " timelock-address and token-address are required")
  public boolean isComplete() {
    return !configured()
        || (stakingAddress != null
            && parametersAddress != null
            && timelockAddress != null
            && tokenAddress != null);
  }
}
