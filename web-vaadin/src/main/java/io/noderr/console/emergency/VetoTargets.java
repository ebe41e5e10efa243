package io.noderr.console.emergency;

import io.noderr.activities.emergency.EmergencyProposal.QueuedOperation;
import io.noderr.console.governance.GovernanceSettings;
import io.noderr.console.governance.ProposalChanges;
import io.noderr.console.release.BeaconSettings;
import io.noderr.registry.governance.GovernanceProposals;
import io.noderr.registry.governance.ProposalRow;
import io.noderr.registry.governance.ProposalStatus;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The governance proposals the guardian may veto: those the governance read model has QUEUED on the
 * timelock with the operation id of the timelock's {@code CallScheduled}. A VETO_PROPOSAL carries
 * that operation, with what signers read about it, from here into its workflow.
 */
@Component
class VetoTargets {

  /** More queued proposals than this at once is not a state the picker needs to page through. */
  static final int PICKER_LIMIT = 100;

  private final GovernanceSettings governance;
  private final BeaconSettings beacon;
  private final GovernanceProposals proposals;

  VetoTargets(GovernanceSettings governance, BeaconSettings beacon, GovernanceProposals proposals) {
    this.governance = governance;
    this.beacon = beacon;
    this.proposals = proposals;
  }

  /**
   * The proposal's operation on the timelock.
   *
   * @throws EmergencyRefusedException when governance is off or the proposal is not queued
   * @throws InvalidEmergencyException when there is no such proposal
   */
  QueuedOperation queuedOperation(String proposalId) {
    String off = governance.offReason(beacon);
    if (off != null) {
      throw new EmergencyRefusedException("governance is off: " + off);
    }
    ProposalRow row =
        proposals
            .find(proposalId)
            .orElseThrow(
                () -> new InvalidEmergencyException("unknown governance proposal " + proposalId));
    if (!ours(row)) {
      throw new EmergencyRefusedException(
          "governance proposal "
              + proposalId
              + " was made on governor "
              + row.governorAddress()
              + ", not on the configured "
              + governance.governorAddress()
              + ": its operation is not on this timelock");
    }
    if (row.state() == ProposalStatus.QUEUED && row.queuedOperationId() == null) {
      // The proposal's workflow queued it; the chain follower records the timelock operation from
      // the block's event a moment later.
      throw new EmergencyRefusedException(
          "governance proposal "
              + proposalId
              + " is QUEUED, but its timelock operation is not recorded yet (the chain follower"
              + " is a block behind); try again in a few seconds");
    }
    if (row.state() != ProposalStatus.QUEUED) {
      throw new EmergencyRefusedException(
          "governance proposal "
              + proposalId
              + " is "
              + row.state()
              + ", not queued on the timelock: only a queued proposal can be vetoed");
    }
    return new QueuedOperation(
        governance.timelockAddress(),
        row.queuedOperationId(),
        row.eta() == null ? 0 : row.eta().getEpochSecond(),
        row.description(),
        ProposalChanges.describe(row.targets(), row.values(), row.calldatas()));
  }

  /**
   * The read model may keep proposals of an earlier deployment; only this one's timelock counts.
   */
  private boolean ours(ProposalRow row) {
    return row.governorAddress().equalsIgnoreCase(governance.governorAddress());
  }

  /** What the console's picker offers: every queued proposal, or none while governance is off. */
  List<VetoChoice> choices() {
    if (governance.offReason(beacon) != null) {
      return List.of();
    }
    return proposals.queued(PICKER_LIMIT).stream()
        .filter(this::ours)
        .map(
            row ->
                new VetoChoice(
                    row.proposalId(),
                    row.description(),
                    row.eta() == null ? null : row.eta().toString()))
        .toList();
  }
}
