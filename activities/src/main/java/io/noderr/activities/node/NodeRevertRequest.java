package io.noderr.activities.node;

/**
 * Back to the release that ran before {@code fromVersion}.
 *
 * @param updateId stable across retries of this revert
 */
public record NodeRevertRequest(String updateId, String fromVersion, long leaseTtlMillis) {}
