package io.noderr.agent.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.activities.release.BeaconTier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** ORACLE and GUARDIAN agents check releases on chain unless told, explicitly, not to. */
class BeaconOptionsTest {

  @Command(name = "agent")
  static class Agent {
    @Mixin BeaconOptions beacon = new BeaconOptions();
  }

  @Test
  void oracleAndGuardian_needAChainBeacon() {
    BeaconOptions platformOnly = parse();
    for (BeaconTier tier : new BeaconTier[] {BeaconTier.ORACLE, BeaconTier.GUARDIAN}) {
      assertThatThrownBy(() -> platformOnly.requireChainFor(tier))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("pinned to tier " + tier)
          .hasMessageContaining("--beacon-rpc and --beacon-address");
    }
  }

  @Test
  void aChainBeacon_orTheExplicitInsecureFlag_orTierAll_isEnough() {
    BeaconOptions chain =
        parse("--beacon-rpc", "http://127.0.0.1:8545", "--beacon-address", "0x" + "11".repeat(20));
    chain.validate();
    assertThatCode(() -> chain.requireChainFor(BeaconTier.GUARDIAN)).doesNotThrowAnyException();
    assertThatCode(() -> parse("--insecure-platform-beacon").requireChainFor(BeaconTier.GUARDIAN))
        .doesNotThrowAnyException();
    assertThatCode(() -> parse().requireChainFor(BeaconTier.ALL)).doesNotThrowAnyException();
  }

  private static BeaconOptions parse(String... args) {
    Agent agent = new Agent();
    new CommandLine(agent).parseArgs(args);
    return agent.beacon;
  }
}
