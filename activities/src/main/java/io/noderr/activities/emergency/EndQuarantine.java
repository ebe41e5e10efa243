package io.noderr.activities.emergency;

public record EndQuarantine(String emergencyId, String actor, String reason) {}
