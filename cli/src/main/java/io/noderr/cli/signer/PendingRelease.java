package io.noderr.cli.signer;

/** One line of the platform's list of releases awaiting signatures. */
public record PendingRelease(
    String id,
    String tier,
    String version,
    String imageDigest,
    String deadline,
    int signatures,
    int threshold) {}
