package io.noderr.registry.release;

import io.noderr.registry.Tier;

/** A release the local beacon is asked to publish, already authorized by the signers. */
public record LocalPublication(
    Tier tier, String version, String imageDigest, String minimumVersion, String notesUri) {}
