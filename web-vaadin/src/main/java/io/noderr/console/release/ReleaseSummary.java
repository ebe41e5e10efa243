package io.noderr.console.release;

/** One row of the release list. */
public record ReleaseSummary(
    String id,
    String tier,
    String version,
    String imageDigest,
    String status,
    String proposedBy,
    String deadline,
    int signatures,
    int threshold,
    String transactionHash,
    String reason) {}
