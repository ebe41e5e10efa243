package io.noderr.activities.release;

/**
 * @param firstTime false when a retry found the step already recorded
 */
public record ReleaseRecorded(String releaseId, boolean firstTime) {}
