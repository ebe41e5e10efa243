package io.noderr.activities.emergency;

/** Reading the beacon for one emergency (the id names the reader in logs). */
public record BeaconRead(String emergencyId) {}
