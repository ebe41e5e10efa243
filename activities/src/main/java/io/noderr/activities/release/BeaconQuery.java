package io.noderr.activities.release;

public record BeaconQuery(BeaconTier tier) {}
