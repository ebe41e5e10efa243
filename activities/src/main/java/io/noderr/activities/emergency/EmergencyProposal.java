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
 * @param resumedFrom where a lost workflow stood, when the platform starts it again from PostgreSQL
 *     after a restart of a Temporal server without persistence; null for a new one
 * @param governanceProposal VETO_PROPOSAL: the governance proposal's id (decimal); null otherwise
 *     (and in histories recorded before the action existed)
 * @param queued VETO_PROPOSAL: the proposal's operation on the timelock, as the governance read
 *     model had it when the proposal was checked; null otherwise. Carried in the input so the
 *     workflow builds the same request on every replay
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
    long deadline,
    Resumption resumedFrom,
    String governanceProposal,
    QueuedOperation queued) {

  public EmergencyProposal {
    tiers = tiers == null ? List.of() : List.copyOf(tiers);
    nodeIds = nodeIds == null ? List.of() : List.copyOf(nodeIds);
    newSigners = newSigners == null ? List.of() : List.copyOf(newSigners);
  }

  /** A proposal of an action other than VETO_PROPOSAL, possibly resumed. */
  public EmergencyProposal(
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
      long deadline,
      Resumption resumedFrom) {
    this(
        action,
        tiers,
        toVersion,
        imageDigest,
        nodeIds,
        operator,
        newSigners,
        newThreshold,
        reason,
        proposedBy,
        deadline,
        resumedFrom,
        null,
        null);
  }

  /** A new proposal of an action other than VETO_PROPOSAL. */
  public EmergencyProposal(
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
    this(
        action,
        tiers,
        toVersion,
        imageDigest,
        nodeIds,
        operator,
        newSigners,
        newThreshold,
        reason,
        proposedBy,
        deadline,
        null);
  }

  /** The same proposal, to be taken up again from {@code from}. */
  public EmergencyProposal resumed(Resumption from) {
    return new EmergencyProposal(
        action,
        tiers,
        toVersion,
        imageDigest,
        nodeIds,
        operator,
        newSigners,
        newThreshold,
        reason,
        proposedBy,
        deadline,
        from,
        governanceProposal,
        queued);
  }

  /** The same VETO_PROPOSAL with its operation on the timelock, as the read model has it. */
  public EmergencyProposal withQueued(QueuedOperation operation) {
    return new EmergencyProposal(
        action,
        tiers,
        toVersion,
        imageDigest,
        nodeIds,
        operator,
        newSigners,
        newThreshold,
        reason,
        proposedBy,
        deadline,
        resumedFrom,
        governanceProposal,
        operation);
  }

  /**
   * A governance proposal queued on the timelock, as the signers of its veto read it.
   *
   * @param timelock the timelock's address (0x-hex)
   * @param operationId the operation's id on the timelock (0x-hex, 32 bytes), from its {@code
   *     CallScheduled} event
   * @param eta unix seconds from which the timelock would execute it
   * @param description the proposal's description
   * @param changes what executing it changes, one line per call
   */
  public record QueuedOperation(
      String timelock, String operationId, long eta, String description, List<String> changes) {
    public QueuedOperation {
      changes = changes == null ? List.of() : List.copyOf(changes);
    }
  }

  /**
   * Where a lost emergency stood, from its read model.
   *
   * @param stage its stage (EmergencyStage name)
   * @param mandateExpiresAt unix seconds its mandate ends (0: none)
   * @param signatures every signature it had accepted (checked again before they count)
   * @param lastStep the read model's last step number (steps go on from there)
   */
  public record Resumption(
      String stage,
      long mandateExpiresAt,
      List<EmergencyProgress.AcceptedSignature> signatures,
      List<String> effects,
      int lastStep) {
    public Resumption {
      signatures = List.copyOf(signatures);
      effects = List.copyOf(effects);
    }
  }
}
