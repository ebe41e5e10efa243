package io.noderr.activities.emergency;

/**
 * @param firstTime false when this step was written before (a retry)
 */
public record EmergencyRecorded(String emergencyId, boolean firstTime) {}
