package io.noderr.console.views;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.console.governance.GovernanceViews.Proposal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The proposals grid's quorum column: progress below the quorum, "reached" past it. */
class GovernanceQuorumTest {

  @Test
  void belowTheQuorum_isItsPercent_pastIt_isReached_unknown_isADash() {
    assertThat(GovernanceView.quorum(withProgress(42))).isEqualTo("42 %");
    assertThat(GovernanceView.quorum(withProgress(100))).isEqualTo("reached");
    assertThat(GovernanceView.quorum(withProgress(666))).isEqualTo("reached");
    assertThat(GovernanceView.quorum(withProgress(null))).isEqualTo("-");
  }

  private static Proposal withProgress(Integer progress) {
    return new Proposal(
        "1",
        "ACTIVE",
        "0x01",
        "PARAMETER",
        "d",
        null,
        null,
        null,
        "0",
        "0",
        "0",
        null,
        progress,
        null,
        null,
        null,
        null,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        null);
  }
}
