package io.noderr.agent.runtime.docker;

import io.noderr.activities.node.NodeUpdateRequest.Strategy;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import io.noderr.signing.ImageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent knows about the node software it installed ({@code releases.json}).
 *
 * @param current what runs now, or null before the agent installed anything
 * @param previous the release before it, pinned for a rollback, or null
 * @param pendingUpdateId the update or revert that was swapping containers when this was written:
 *     if the agent finds it set on start of the next update, it crashed mid-swap
 * @param outcomes how recent updates ended, by update id, oldest first: a retry answers from here
 */
record NodeReleases(
    Deployment current,
    Release previous,
    String pendingUpdateId,
    Map<String, RecordedOutcome> outcomes) {

  /** Enough for the retries of any update still in flight; older entries are dropped. */
  static final int REMEMBERED_OUTCOMES = 64;

  static final NodeReleases NOTHING_INSTALLED = new NodeReleases(null, null, null, Map.of());

  /**
   * A release of the node software.
   *
   * @param image the reference it was asked for (e.g. {@code noderr/node:1.5.0}), for people
   * @param digest the image id ({@code sha256:...}); containers are created from it, not from the
   *     reference, which may move
   */
  record Release(String version, String image, String digest) {

    boolean is(String otherVersion, String otherDigest) {
      return version.equals(otherVersion) && sameDigest(digest, otherDigest);
    }

    @Override
    public String toString() {
      return version + " (" + digest + ")";
    }
  }

  /** A release running in a container, and how it got there (a revert swaps the same way). */
  record Deployment(Release release, String containerId, int healthPort, Strategy strategy) {}

  record RecordedOutcome(Outcome outcome, FailureType failure, String detail) {}

  NodeReleases {
    outcomes =
        Collections.unmodifiableMap(new LinkedHashMap<>(outcomes == null ? Map.of() : outcomes));
  }

  Optional<RecordedOutcome> outcomeOf(String updateId) {
    return Optional.ofNullable(outcomes.get(updateId));
  }

  /** Written before the first container is touched. */
  NodeReleases swapping(String updateId) {
    return new NodeReleases(current, previous, updateId, outcomes);
  }

  /** The swap kept its new container: it is current now and {@code pinned} the rollback target. */
  NodeReleases committed(
      Deployment next, Release pinned, String updateId, RecordedOutcome outcome) {
    return new NodeReleases(next, pinned, null, remember(updateId, outcome));
  }

  /** The swap put the current container back; {@code outcome} is remembered unless null. */
  NodeReleases undone(String updateId, RecordedOutcome outcome) {
    return new NodeReleases(
        current, previous, null, outcome == null ? outcomes : remember(updateId, outcome));
  }

  private Map<String, RecordedOutcome> remember(String updateId, RecordedOutcome outcome) {
    LinkedHashMap<String, RecordedOutcome> kept = new LinkedHashMap<>(outcomes);
    kept.remove(updateId);
    kept.put(updateId, outcome);
    while (kept.size() > REMEMBERED_OUTCOMES) {
      kept.remove(kept.keySet().iterator().next());
    }
    return kept;
  }

  /** Compares canonical forms: the same digest may arrive in another case or with 0x. */
  static boolean sameDigest(String a, String b) {
    try {
      return ImageDigest.parse(a).equals(ImageDigest.parse(b));
    } catch (IllegalArgumentException notADigest) {
      return false;
    }
  }
}
