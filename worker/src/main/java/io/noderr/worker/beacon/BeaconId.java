package io.noderr.worker.beacon;

/**
 * Which beacon's events a beacon reads and writes in {@code beacon_events}.
 *
 * @param address the beacon contract (lower-case hex), or the local beacon's pseudo-address
 */
public record BeaconId(long chainId, String address) {}
