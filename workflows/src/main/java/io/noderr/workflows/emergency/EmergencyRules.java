package io.noderr.workflows.emergency;

import io.noderr.activities.emergency.BeaconEmergencyState;
import io.noderr.activities.emergency.BeaconEmergencyState.TierPause;
import io.noderr.activities.emergency.EmergencyProposal;
import io.noderr.activities.emergency.EmergencyProposal.QueuedOperation;
import io.noderr.activities.release.BeaconState.Backend;
import io.noderr.activities.release.BeaconTier;
import io.noderr.signing.Address;
import io.noderr.signing.ImageDigest;
import io.noderr.signing.Semver;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether an emergency may be put to the signers. The REST API applies {@link #formatRefusal}
 * before starting the workflow; the workflow applies {@link #refusal} again against the beacon it
 * read.
 */
public final class EmergencyRules {

  /** Emergency signatures are collected within hours, not weeks. */
  public static final Duration MAX_DEADLINE = Duration.ofDays(7);

  public static final int MAX_REASON = 500;

  /** More than this many nodes in one quarantine is an operator quarantine or a PAUSE. */
  public static final int MAX_NODES = 1000;

  /** A governance proposal id: a uint256 in decimal. */
  private static final Pattern PROPOSAL_ID = Pattern.compile("[0-9]{1,78}");

  private static final Pattern OPERATION_ID = Pattern.compile("0x[0-9a-fA-F]{64}");

  private EmergencyRules() {}

  /**
   * Why the proposal is malformed, or null. Needs no beacon. A rollback may omit its image digest
   * here: the platform takes the one the beacon published for the version.
   */
  public static String formatRefusal(EmergencyProposal p, long nowSeconds) {
    if (p.action() == null) {
      return "action is required (PAUSE, EMERGENCY_ROLLBACK, QUARANTINE, ROTATE_SIGNERS, RESUME,"
          + " VETO_PROPOSAL)";
    }
    if (p.reason() == null || p.reason().isBlank()) {
      return "an emergency needs a reason";
    }
    if (p.reason().length() > MAX_REASON) {
      return "the reason is longer than " + MAX_REASON + " characters";
    }
    if (p.deadline() <= nowSeconds) {
      return "the deadline must be in the future";
    }
    if (p.deadline() > nowSeconds + MAX_DEADLINE.toSeconds()) {
      return "the deadline is more than " + MAX_DEADLINE.toDays() + " days away";
    }
    return switch (p.action()) {
      case PAUSE, RESUME -> tiersRefusal(p.tiers());
      case EMERGENCY_ROLLBACK -> rollbackRefusal(p);
      case QUARANTINE -> quarantineRefusal(p);
      case ROTATE_SIGNERS -> signersRefusal(p.newSigners(), p.newThreshold());
      case VETO_PROPOSAL ->
          p.governanceProposal() == null || !PROPOSAL_ID.matcher(p.governanceProposal()).matches()
              ? "name the governance proposal to veto by its id (decimal digits)"
              : null;
    };
  }

  /** Why the proposal cannot go to the signers of this beacon, or null. */
  public static String refusal(EmergencyProposal p, BeaconEmergencyState beacon, long nowSeconds) {
    String malformed = formatRefusal(p, nowSeconds);
    if (malformed != null) {
      return malformed;
    }
    return switch (p.action()) {
      case PAUSE ->
          beacon.guardians().isEmpty()
              ? "the multisig has no guardian, and a PAUSE starts with one; ask the signers to"
                  + " name guardians, or propose an EMERGENCY_ROLLBACK"
              : null;
      case RESUME ->
          p.tiers().stream().noneMatch(tier -> pausedOnBeacon(beacon, tier))
              ? "none of " + String.join(", ", p.tiers()) + " is paused on the beacon"
              : null;
      case ROTATE_SIGNERS ->
          Set.copyOf(p.newSigners().stream().map(s -> Address.of(s).value()).toList())
                      .equals(Set.copyOf(beacon.signers()))
                  && p.newThreshold() == beacon.threshold()
              ? "the multisig already has exactly this signer set and threshold"
              : null;
      case EMERGENCY_ROLLBACK ->
          p.imageDigest() == null ? "the image digest of " + p.toVersion() + " is missing" : null;
      case QUARANTINE -> null;
      case VETO_PROPOSAL -> vetoRefusal(p, beacon);
    };
  }

  /**
   * A veto needs the multisig on chain (the PostgreSQL beacon has no governance) and the proposal's
   * operation on the timelock, which the console takes from the governance read model.
   */
  private static String vetoRefusal(EmergencyProposal p, BeaconEmergencyState beacon) {
    if (beacon.backend() != Backend.CHAIN) {
      return "governance is off: the beacon is the PostgreSQL beacon, which has no governance"
          + " timelock to cancel on";
    }
    QueuedOperation queued = p.queued();
    if (queued == null) {
      return "proposal " + p.governanceProposal() + " is not queued on the timelock";
    }
    try {
      Address.of(queued.timelock());
    } catch (IllegalArgumentException | NullPointerException e) {
      return "the timelock address '" + queued.timelock() + "' is not an address";
    }
    if (queued.operationId() == null || !OPERATION_ID.matcher(queued.operationId()).matches()) {
      return "the timelock operation id '" + queued.operationId() + "' is not 32 bytes of hex";
    }
    return null;
  }

  private static boolean pausedOnBeacon(BeaconEmergencyState beacon, String tier) {
    return beacon.tiers().stream().anyMatch(t -> t.tier().name().equals(tier) && t.paused());
  }

  /** The tier's pause on the beacon, if the beacon reports it. */
  static TierPause pauseOf(BeaconEmergencyState beacon, BeaconTier tier) {
    return beacon.tiers().stream().filter(t -> t.tier() == tier).findFirst().orElse(null);
  }

  private static String tiersRefusal(List<String> tiers) {
    if (tiers.isEmpty()) {
      return "name at least one tier (ALL, ORACLE, GUARDIAN)";
    }
    Set<String> seen = new HashSet<>();
    for (String tier : tiers) {
      try {
        BeaconTier.valueOf(tier);
      } catch (IllegalArgumentException | NullPointerException e) {
        return "unknown tier '" + tier + "' (ALL, ORACLE or GUARDIAN)";
      }
      if (!seen.add(tier)) {
        return "tier " + tier + " is named twice";
      }
    }
    return null;
  }

  private static String rollbackRefusal(EmergencyProposal p) {
    String tiers = tiersRefusal(p.tiers());
    if (tiers != null) {
      return tiers;
    }
    if (p.toVersion() == null) {
      return "toVersion is required: the version to roll back to";
    }
    try {
      Semver.parse(p.toVersion());
      if (p.imageDigest() != null) {
        ImageDigest.parse(p.imageDigest());
      }
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    return null;
  }

  private static String quarantineRefusal(EmergencyProposal p) {
    boolean byOperator = p.operator() != null && !p.operator().isBlank();
    if (p.nodeIds().isEmpty() == !byOperator) {
      return "name either nodes or one operator to quarantine";
    }
    if (p.nodeIds().size() > MAX_NODES) {
      return "more than " + MAX_NODES + " nodes: quarantine their operator or pause the tier";
    }
    if (Set.copyOf(p.nodeIds()).size() != p.nodeIds().size()) {
      return "a node is named twice";
    }
    return null;
  }

  private static String signersRefusal(List<String> signers, int threshold) {
    if (signers.isEmpty()) {
      return "name the new signer set";
    }
    Set<Address> distinct = new HashSet<>();
    for (String signer : signers) {
      Address address;
      try {
        address = Address.of(signer);
      } catch (IllegalArgumentException | NullPointerException e) {
        return "signer '" + signer + "': " + (e.getMessage() == null ? "missing" : e.getMessage());
      }
      if (!distinct.add(address)) {
        return "signer " + address.checksummed() + " is named twice";
      }
    }
    if (threshold < 1 || threshold > signers.size()) {
      return "the threshold must be between 1 and " + signers.size();
    }
    return null;
  }
}
