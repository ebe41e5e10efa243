package io.noderr.agent.release;

import io.noderr.signing.ImageDigest;

/** What a tier's beacon names: the version signers published and the image it must run. */
public record BeaconRelease(String version, ImageDigest imageDigest) {}
