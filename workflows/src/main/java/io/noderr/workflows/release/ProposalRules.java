package io.noderr.workflows.release;

import io.noderr.activities.release.BeaconState;
import io.noderr.signing.ImageDigest;
import io.noderr.signing.PublishAction;
import io.noderr.signing.Semver;
import java.time.Duration;

/**
 * Whether a proposal may be put to the signers: well-formed, not expired, and moving the tier
 * forward (or back, only when the proposer says so and why). The REST API applies the same rules
 * before starting the workflow; the workflow applies them again against the beacon it read.
 */
public final class ProposalRules {

  /** Signers get at most this long; a longer-lived signature set is a standing risk. */
  public static final Duration MAX_DEADLINE = Duration.ofDays(30);

  public static final int MAX_REASON = 500;

  private ProposalRules() {}

  /** Why the proposal is malformed, or null. Needs no beacon. */
  public static String formatRefusal(ReleaseProposal p, long nowSeconds) {
    if (p.tier() == null) {
      return "tier is required (ALL, ORACLE or GUARDIAN)";
    }
    try {
      Semver.parse(p.version());
      ImageDigest.parse(p.imageDigest());
      if (p.minimumVersion() != null && !p.minimumVersion().isEmpty()) {
        Semver.parse(p.minimumVersion());
      }
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    if (p.notesUri() != null && p.notesUri().length() > PublishAction.MAX_NOTES_URI) {
      return "notes URI is longer than " + PublishAction.MAX_NOTES_URI + " characters";
    }
    if (p.deadline() <= nowSeconds) {
      return "the deadline must be in the future";
    }
    if (p.deadline() - nowSeconds > MAX_DEADLINE.toSeconds()) {
      return "the deadline may be at most " + MAX_DEADLINE.toDays() + " days ahead";
    }
    if (p.downgradeRequested() && p.downgradeReason().length() > MAX_REASON) {
      return "the downgrade reason is longer than " + MAX_REASON + " characters";
    }
    if (p.proposedBy() == null || p.proposedBy().isBlank()) {
      return "the proposal names no proposer";
    }
    return null;
  }

  /** Why the proposal cannot go to the signers against this beacon, or null. */
  public static String refusal(ReleaseProposal p, BeaconState beacon, long nowSeconds) {
    String malformed = formatRefusal(p, nowSeconds);
    if (malformed != null) {
      return malformed;
    }
    if (beacon.paused()) {
      return "tier " + p.tier() + " is paused on the beacon; unpause it before releasing";
    }
    if (beacon.signers().isEmpty() || beacon.threshold() <= 0) {
      return "the beacon's multisig has no signers configured";
    }
    return versionRefusal(p, beacon.current() == null ? null : beacon.current().version());
  }

  /**
   * Why the proposed version cannot follow {@code currentVersion} (null or "" when the tier has
   * none), or null: it must be above it, or below it with a downgrade reason.
   */
  public static String versionRefusal(ReleaseProposal p, String currentVersion) {
    if (currentVersion == null || currentVersion.isEmpty()) {
      return null;
    }
    Semver proposed = Semver.parse(p.version());
    Semver current = Semver.parse(currentVersion);
    if (proposed.compareTo(current) == 0) {
      return p.version() + " is already the current version of tier " + p.tier();
    }
    if (!proposed.isAbove(current) && !p.downgradeRequested()) {
      return p.version()
          + " is not above the current "
          + current
          + " of tier "
          + p.tier()
          + "; a downgrade needs an explicit downgrade reason";
    }
    if (proposed.isAbove(current) && p.downgradeRequested()) {
      return p.version()
          + " is above the current "
          + current
          + ", so it is not a downgrade; remove the downgrade reason";
    }
    return null;
  }
}
