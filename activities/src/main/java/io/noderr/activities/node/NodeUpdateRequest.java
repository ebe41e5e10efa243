package io.noderr.activities.node;

/**
 * One node's update to a release.
 *
 * @param updateId stable across retries of the same update (e.g. rollout id + node id); makes the
 *     activity idempotent
 * @param tier the node's beacon tier, for the digest check
 * @param image the image reference to run (e.g. {@code noderr/node:1.5.0})
 * @param imageDigest {@code sha256:<hex>}: the image's id must equal it
 * @param strategy how the old and new containers meet
 * @param soakMillis how long the new container must stay healthy before the swap commits (0 = one
 *     probe)
 * @param leaseTtlMillis how long the update lock is held without renewal before it lapses
 * @param forceLock take over a lease held by another update (an audited operator decision)
 */
public record NodeUpdateRequest(
    String updateId,
    String tier,
    String version,
    String image,
    String imageDigest,
    Strategy strategy,
    long soakMillis,
    long leaseTtlMillis,
    boolean forceLock) {

  public enum Strategy {
    /** Pull/load first, then stop the old container and start the new one. */
    DOWNLOAD_THEN_SWAP,
    /** Start the new container beside the old one, probe it, then stop the old one. */
    HAND_OVER
  }
}
