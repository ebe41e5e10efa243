package io.noderr.worker.release;

import io.noderr.activities.release.BeaconQuery;
import io.noderr.activities.release.BeaconState;
import io.noderr.activities.release.CurrentRelease;
import io.noderr.activities.release.PublishReceipt;
import io.noderr.activities.release.PublishRequest;
import io.noderr.activities.release.PublishedEvent;
import io.noderr.activities.release.ReleaseActivities;
import io.noderr.activities.release.ReleaseFailures;
import io.noderr.activities.release.ReleaseProgress;
import io.noderr.activities.release.ReleaseRecorded;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.release.BeaconEventRow;
import io.noderr.registry.release.BeaconEvents;
import io.noderr.registry.release.ReleaseRequests;
import io.noderr.registry.release.ReleaseRow;
import io.noderr.registry.release.ReleaseTerms;
import io.noderr.signing.ImageDigest;
import io.noderr.worker.beacon.Beacon;
import io.noderr.worker.beacon.BeaconId;
import io.noderr.worker.beacon.Tiers;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The release workflow's platform-side steps, on whichever beacon is configured. */
@Component
public class ReleaseActivitiesImpl implements ReleaseActivities {

  /**
   * Retryable: the release is on the beacon but the follower has not recorded its event yet (it
   * stays {@code confirmations} blocks behind the head); the next attempt answers with the event.
   */
  public static final String EVENT_NOT_FOLLOWED_YET = "PublicationNotFollowedYet";

  private static final Duration POLL = Duration.ofMillis(200);

  private final Beacon beacon;
  private final BeaconEvents events;
  private final ReleaseRequests releases;
  private final AuditLog audit;
  private final ReleaseMeters meters;

  public ReleaseActivitiesImpl(
      Beacon beacon,
      BeaconEvents events,
      ReleaseRequests releases,
      AuditLog audit,
      ReleaseMeters meters) {
    this.beacon = beacon;
    this.events = events;
    this.releases = releases;
    this.audit = audit;
    this.meters = meters;
  }

  @Override
  public BeaconState readBeacon(BeaconQuery query) {
    return beacon.read(query.tier());
  }

  @Override
  public PublishReceipt publish(PublishRequest request) {
    Optional<PublishReceipt> done = alreadyPublished(request);
    if (done.isPresent()) {
      return done.get();
    }
    try {
      return beacon.publish(request);
    } catch (Beacon.RevertedException e) {
      // Another transaction may have published this very release first (a timed-out attempt
      // still running): then that publication is the answer; else the revert is a refusal.
      return alreadyPublished(request)
          .orElseThrow(
              () ->
                  ApplicationFailure.newNonRetryableFailure(
                      e.getMessage(), ReleaseFailures.PUBLISH_REFUSED));
    }
  }

  @Override
  public PublishedEvent awaitPublished(PublishReceipt receipt) {
    BeaconId id = beacon.id();
    while (true) {
      Optional<BeaconEventRow> event =
          events.findPublication(
              id.chainId(), id.address(), Tiers.of(receipt.tier()), receipt.transactionHash());
      if (event.isPresent()) {
        return publishedEvent(event.get());
      }
      // Heartbeating also delivers a cancellation of the workflow as an exception here.
      Activity.getExecutionContext().heartbeat(receipt.transactionHash());
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Activity.wrap(e);
      }
    }
  }

  @Override
  @Transactional
  public ReleaseRecorded record(ReleaseProgress progress) {
    ReleaseProgress.AuditStep step = progress.step();
    boolean first = releases.apply(row(progress), step.sequence());
    if (first && progress.terms() != null) {
      releases.keepTerms(progress.releaseId(), terms(progress.terms()));
    }
    if (first) {
      meters.step(step.action());
      audit.append(
          step.actor(), step.action(), progress.releaseId(), step.detail(), progress.releaseId());
    }
    return new ReleaseRecorded(progress.releaseId(), first);
  }

  /**
   * The publication of this release, when the tier's current release on the beacon already is this
   * version and digest (a retry after a publication that went through).
   *
   * @throws ApplicationFailure retryable, of type {@link #EVENT_NOT_FOLLOWED_YET}, when the beacon
   *     holds the release but its event is not recorded yet
   */
  private Optional<PublishReceipt> alreadyPublished(PublishRequest request) {
    CurrentRelease current = beacon.read(request.tier()).current();
    if (current == null || !isRequested(current.version(), current.imageDigest(), request)) {
      return Optional.empty();
    }
    BeaconId id = beacon.id();
    BeaconEventRow event =
        events
            .currentRelease(id.chainId(), id.address(), Tiers.of(request.tier()))
            .filter(e -> isRequested(e.version(), e.imageDigest(), request))
            .orElseThrow(
                () ->
                    ApplicationFailure.newFailure(
                        request.version() + " is on the beacon but its event is not recorded yet",
                        EVENT_NOT_FOLLOWED_YET));
    return Optional.of(
        new PublishReceipt(
            request.releaseId(),
            request.tier(),
            event.version(),
            event.imageDigest(),
            event.transactionHash(),
            event.blockNumber()));
  }

  private static boolean isRequested(String version, String imageDigest, PublishRequest request) {
    if (!version.equals(request.version())) {
      return false;
    }
    try {
      return ImageDigest.parse(imageDigest).equals(ImageDigest.parse(request.imageDigest()));
    } catch (IllegalArgumentException malformed) {
      return false; // the beacon refuses the request and says why
    }
  }

  private static PublishedEvent publishedEvent(BeaconEventRow event) {
    return new PublishedEvent(
        Tiers.of(event.tier()),
        event.version(),
        event.imageDigest(),
        event.transactionHash(),
        event.blockNumber(),
        event.publishedAt().getEpochSecond());
  }

  private static ReleaseTerms terms(ReleaseProgress.Terms terms) {
    return new ReleaseTerms(
        terms.minimumVersion(),
        terms.notesUri(),
        terms.downgradeReason(),
        terms.nonce(),
        terms.signatures().stream()
            .map(
                s ->
                    new ReleaseTerms.Signature(
                        s.signer(),
                        s.signature(),
                        s.submittedBy(),
                        Instant.ofEpochMilli(s.atMillis())))
            .toList());
  }

  private static ReleaseRow row(ReleaseProgress progress) {
    return new ReleaseRow(
        progress.releaseId(),
        Tiers.of(progress.tier()),
        progress.version(),
        progress.imageDigest(),
        progress.status(),
        progress.proposedBy(),
        Instant.ofEpochSecond(progress.deadline()),
        progress.threshold(),
        progress.signedBy(),
        progress.declinedBy(),
        progress.transactionHash(),
        progress.reason(),
        progress.step().sequence(),
        null,
        null);
  }
}
