package io.noderr.activities.emergency;

import java.util.List;

/**
 * An emergency as proposed. Only the fields of its action are set; the rest are empty.
 *
 * @param tiers PAUSE, RESUME, EMERGENCY_ROLLBACK: tier names (ALL, ORACLE, GUARDIAN)
 * @param toVersion EMERGENCY_ROLLBACK: the version to go back to
 * @param imageDigest EMERGENCY_ROLLBACK: its image digest, as the beacon published it
 * @param nodeIds QUARANTINE: the nodes (or empty when {@code operator} is set)
 * @param operator QUARANTINE: every node of this operator
 * @param newSigners ROTATE_SIGNERS: the new signer set (addresses)
 * @param newThreshold ROTATE_SIGNERS: the new threshold
 * @param proposedBy the login that proposed it
 * @param deadline unix seconds after which signatures no longer count
 */
public record EmergencyProposal(
    EmergencyAction action,
    List<String> tiers,
    String toVersion,
    String imageDigest,
    List<String> nodeIds,
    String operator,
    List<String> newSigners,
    int newThreshold,
    String reason,
    String proposedBy,
    long deadline) {

  public EmergencyProposal {
    tiers = tiers == null ? List.of() : List.copyOf(tiers);
    nodeIds = nodeIds == null ? List.of() : List.copyOf(nodeIds);
    newSigners = newSigners == null ? List.of() : List.copyOf(newSigners);
  }
}
