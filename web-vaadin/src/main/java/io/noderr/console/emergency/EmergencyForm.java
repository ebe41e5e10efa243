package io.noderr.console.emergency;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * An emergency as proposed over REST, the console or {@code noderr emergency propose}. Only the
 * fields of the action are read.
 *
 * @param action PAUSE, EMERGENCY_ROLLBACK, QUARANTINE, ROTATE_SIGNERS, RESUME or VETO_PROPOSAL
 * @param tiers PAUSE, RESUME, EMERGENCY_ROLLBACK
 * @param toVersion EMERGENCY_ROLLBACK: a version the beacon published for every named tier
 * @param imageDigest EMERGENCY_ROLLBACK: optional, the published digest is taken when omitted
 * @param nodeIds QUARANTINE by node
 * @param operator QUARANTINE of every node of one operator
 * @param deadlineHours how long signatures are collected (default {@value #DEFAULT_DEADLINE_HOURS})
 * @param governanceProposal VETO_PROPOSAL: the id of a governance proposal queued on the timelock
 */
public record EmergencyForm(
    @NotNull String action,
    @Size(max = 3) List<@NotBlank String> tiers,
    @Size(max = 64) String toVersion,
    @Size(max = 71) String imageDigest,
    @Size(max = 1000) List<@NotBlank @Size(max = 128) String> nodeIds,
    @Size(max = 128) String operator,
    @Size(max = 32) List<@NotBlank @Size(max = 42) String> newSigners,
    Integer newThreshold,
    @NotBlank @Size(max = 500) String reason,
    @Min(1) @Max(168) Integer deadlineHours,
    @Size(max = 78) String governanceProposal) {

  public static final int DEFAULT_DEADLINE_HOURS = 6;

  /** The red button: one or more tiers paused at once. */
  public static EmergencyForm pause(List<String> tiers, String reason) {
    return new EmergencyForm(
        "PAUSE", tiers, null, null, null, null, null, null, reason, null, null);
  }
}
