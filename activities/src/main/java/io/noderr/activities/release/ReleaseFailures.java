package io.noderr.activities.release;

/** ApplicationFailure types of the release activities. */
public final class ReleaseFailures {

  /** The multisig or beacon refused the transaction; the message carries the reason. */
  public static final String PUBLISH_REFUSED = "PublishRefused";

  /** The node's beacon names another image digest than the one it was asked to install. */
  public static final String DIGEST_MISMATCH = "DigestMismatch";

  /** The node could not read its beacon (RPC and platform both unreachable). */
  public static final String BEACON_UNREADABLE = "BeaconUnreadable";

  private ReleaseFailures() {}
}
