package io.noderr.console.emergency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.noderr.activities.emergency.EmergencyProposal.QueuedOperation;
import io.noderr.console.governance.GovernanceSettings;
import io.noderr.console.release.BeaconSettings;
import io.noderr.registry.governance.GovernanceProposals;
import io.noderr.registry.governance.ProposalRow;
import io.noderr.registry.governance.ProposalStatus;
import io.noderr.signing.SetParameterCall;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which governance proposals a VETO_PROPOSAL may name: only those the read model has QUEUED with
 * the timelock's operation id, and none while governance is off.
 */
class VetoTargetsTest {

  private static final String GOVERNOR = "0x2222222222222222222222222222222222222222";
  private static final String TIMELOCK = "0x9561c133dd8580860b6b7e504bc5aa500f0f06a7";
  private static final String PARAMETERS = "0x1111111111111111111111111111111111111111";
  private static final String OPERATION = "0x" + "5e".repeat(32);
  private static final Instant ETA = Instant.parse("2026-12-04T10:00:00Z");

  private final GovernanceProposals proposals = mock(GovernanceProposals.class);
  private final VetoTargets onChain =
      new VetoTargets(
          governance(), new BeaconSettings("http://127.0.0.1:8545", 1337L, "0x1", null), proposals);

  @Test
  void aQueuedProposal_givesItsOperation_timelock_eta_andWhatItChanges() {
    when(proposals.find("7")).thenReturn(Optional.of(row("7", ProposalStatus.QUEUED, OPERATION)));

    QueuedOperation queued = onChain.queuedOperation("7");

    assertThat(queued.timelock()).isEqualTo(TIMELOCK);
    assertThat(queued.operationId()).isEqualTo(OPERATION);
    assertThat(queued.eta()).isEqualTo(ETA.getEpochSecond());
    assertThat(queued.description()).isEqualTo("Canary 20 %");
    assertThat(queued.changes()).containsExactly("rollout.canaryPercent → 20");
  }

  @Test
  void aProposalNotQueued_orUnknown_isRefusedWithWhy() {
    when(proposals.find("8")).thenReturn(Optional.of(row("8", ProposalStatus.ACTIVE, null)));
    when(proposals.find("9")).thenReturn(Optional.empty());

    assertThatThrownBy(() -> onChain.queuedOperation("8"))
        .isInstanceOf(EmergencyRefusedException.class)
        .hasMessage(
            "governance proposal 8 is ACTIVE, not queued on the timelock: only a queued proposal"
                + " can be vetoed");
    assertThatThrownBy(() -> onChain.queuedOperation("9"))
        .isInstanceOf(InvalidEmergencyException.class)
        .hasMessage("unknown governance proposal 9");
  }

  @Test
  void aQueuedProposalWhoseOperationIsNotRecordedYet_saysToTryAgain() {
    when(proposals.find("11")).thenReturn(Optional.of(row("11", ProposalStatus.QUEUED, null)));

    assertThatThrownBy(() -> onChain.queuedOperation("11"))
        .isInstanceOf(EmergencyRefusedException.class)
        .hasMessage(
            "governance proposal 11 is QUEUED, but its timelock operation is not recorded yet (the"
                + " chain follower is a block behind); try again in a few seconds");
  }

  @Test
  void aProposalOfAnotherGovernor_isNeitherVetoableNorOffered() {
    ProposalRow elsewhere =
        row("10", ProposalStatus.QUEUED, OPERATION, "0x4444444444444444444444444444444444444444");
    when(proposals.find("10")).thenReturn(Optional.of(elsewhere));
    when(proposals.queued(VetoTargets.PICKER_LIMIT)).thenReturn(List.of(elsewhere));

    assertThatThrownBy(() -> onChain.queuedOperation("10"))
        .isInstanceOf(EmergencyRefusedException.class)
        .hasMessageContaining("not on the configured");
    assertThat(onChain.choices()).isEmpty();
  }

  @Test
  void withGovernanceOff_nothingIsVetoable_andTheReasonSaysWhy() {
    VetoTargets off =
        new VetoTargets(governance(), new BeaconSettings(null, null, null, null), proposals);

    assertThatThrownBy(() -> off.queuedOperation("7"))
        .isInstanceOf(EmergencyRefusedException.class)
        .hasMessageStartingWith("governance is off: the beacon is not on chain");
    assertThat(off.choices()).isEmpty();
    verifyNoInteractions(proposals);
  }

  @Test
  void thePicker_listsTheQueuedProposals() {
    when(proposals.queued(VetoTargets.PICKER_LIMIT))
        .thenReturn(List.of(row("7", ProposalStatus.QUEUED, OPERATION)));

    assertThat(onChain.choices())
        .containsExactly(new VetoChoice("7", "Canary 20 %", "2026-12-04T10:00:00Z"));
  }

  private static GovernanceSettings governance() {
    return new GovernanceSettings(GOVERNOR, null, PARAMETERS, TIMELOCK, null, null);
  }

  private static ProposalRow row(String id, ProposalStatus state, String operation) {
    return row(id, state, operation, GOVERNOR);
  }

  private static ProposalRow row(
      String id, ProposalStatus state, String operation, String governor) {
    return new ProposalRow(
        id,
        1337,
        governor,
        "0x3333333333333333333333333333333333333333",
        "PARAMETER",
        "Canary 20 %",
        List.of(PARAMETERS),
        List.of("0"),
        List.of(new SetParameterCall("rollout.canaryPercent", BigInteger.valueOf(20)).encode()),
        ETA.minus(Duration.ofHours(1)),
        ETA.minus(Duration.ofMinutes(30)),
        operation == null ? null : ETA,
        state,
        BigInteger.ONE,
        BigInteger.ZERO,
        BigInteger.ZERO,
        BigInteger.ONE,
        "0x" + "01".repeat(32),
        1,
        operation,
        null,
        null,
        null,
        ETA.minus(Duration.ofHours(2)));
  }
}
