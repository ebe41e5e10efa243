package io.noderr.agent.platform;

/**
 * A tier's release as the platform reports its beacon ({@code GET /api/v1/beacon/{tier}}); only
 * what a node compares before installing.
 */
public record BeaconAnswer(String tier, String version, String imageDigest) {}
