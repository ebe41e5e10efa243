package io.noderr.worker.treasury;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The treasury's beans exist only with governance on and both economics contracts set. */
class EconomicsOnTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(TreasuryConfiguration.class);

  @Test
  void withoutAnEconomicsContract_orWithoutGovernance_theTreasuryIsOff() {
    runner
        .withPropertyValues(
            "noderr.beacon.rpc-url=http://127.0.0.1:8545",
            "noderr.governance.governor-address=0x00000000000000000000000000000000000000a1",
            "noderr.economics.distributor-address=0x00000000000000000000000000000000000000a2")
        .run(context -> assertThat(context).doesNotHaveBean(TreasuryFollower.class));
    runner
        .withPropertyValues(
            "noderr.economics.distributor-address=0x00000000000000000000000000000000000000a2",
            "noderr.economics.fee-collector-address=0x00000000000000000000000000000000000000a3")
        .run(context -> assertThat(context).doesNotHaveBean(TreasuryFollower.class));
  }

  @Test
  void withGovernanceAndBothContracts_theTreasuryBeansAreCreated() {
    runner
        .withPropertyValues(
            "noderr.beacon.rpc-url=http://127.0.0.1:8545",
            "noderr.governance.governor-address=0x00000000000000000000000000000000000000a1",
            "noderr.economics.distributor-address=0x00000000000000000000000000000000000000a2",
            "noderr.economics.fee-collector-address=0x00000000000000000000000000000000000000a3")
        // Without the beacon's and governance's beans the context cannot build them: the condition
        // held.
        .run(context -> assertThat(context).getFailure().hasMessageContaining("treasuryHolders"));
  }
}
