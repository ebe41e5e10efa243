package io.noderr.console.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.console.governance.GovernanceViews.Proposal;
import io.noderr.signing.SetParameterCall;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the Governance view says executing a proposal changes, and amounts in NODR. */
class ProposalChangesTest {

  private static final String PARAMETERS = "0x" + "11".repeat(20);
  private static final String TIMELOCK = "0x" + "22".repeat(20);

  @Test
  void parameterChanges_areNamedWithTheNewValueInItsUnit_spendsAndOtherCallsPlainly() {
    Proposal proposal =
        proposal(
            List.of(PARAMETERS, PARAMETERS, TIMELOCK, TIMELOCK),
            List.of("0", "0", "5", "0"),
            List.of(
                new SetParameterCall("rollout.canaryPercent", BigInteger.TEN).encode(),
                new SetParameterCall("stake.minimum.oracle", GovernanceUnits.nodr(7_500)).encode(),
                "0x",
                "0xdeadbeef00"));

    assertThat(ProposalChanges.describe(proposal))
        .containsExactly(
            "rollout.canaryPercent → 10",
            "stake.minimum.oracle → 7500 NODR",
            "send 5 wei to " + TIMELOCK,
            "call 0xdeadbeef on " + TIMELOCK);
  }

  @Test
  void tokenAmounts_readAsNodr_andDurationsAsDurations() {
    assertThat(TokenAmounts.nodr("2500000000000000000000")).isEqualTo("2500");
    assertThat(TokenAmounts.nodr("500000000000000000")).isEqualTo("0.5");
    assertThat(TokenAmounts.nodr(null)).isEqualTo("-");
    assertThat(TokenAmounts.parameter("stake.unbondingSeconds", "3600")).isEqualTo("1h");
    assertThat(TokenAmounts.parameter("fees.protocolFeeBps", "500")).isEqualTo("500");
  }

  private static Proposal proposal(
      List<String> targets, List<String> values, List<String> calldatas) {
    return new Proposal(
        "1",
        "ACTIVE",
        "0xab",
        "PARAMETER",
        "d",
        null,
        null,
        null,
        "0",
        "0",
        "0",
        null,
        null,
        null,
        null,
        null,
        null,
        targets,
        values,
        calldatas,
        List.of(),
        null);
  }

  /** Token units of whole NODR. */
  private static final class GovernanceUnits {
    static BigInteger nodr(long tokens) {
      return BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(tokens));
    }
  }
}
