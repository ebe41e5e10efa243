package io.noderr.console.release;

import io.noderr.registry.audit.AuditEntry;
import java.util.List;
import java.util.Map;

/**
 * A release request with everything a signer checks: the exact EIP-712 typed data, its digest, and
 * the same fields in words. {@code tierCode}, {@code nonce} and {@code deadlineEpochSeconds} let a
 * signer's tool rebuild the typed data itself instead of trusting {@code digest}.
 *
 * @param thresholdReachedAtMillis when the last needed signature arrived (0 if not yet)
 * @param recordedAtMillis when the beacon's event was seen and the version recorded (0 if not yet)
 */
public record ReleaseDetails(
    String id,
    String tier,
    int tierCode,
    String version,
    String imageDigest,
    String minimumVersion,
    String notesUri,
    String status,
    String proposedBy,
    String deadline,
    long deadlineEpochSeconds,
    String downgradeReason,
    String previousVersion,
    String backend,
    long chainId,
    String multisig,
    String nonce,
    int threshold,
    List<String> signers,
    List<String> signedBy,
    List<String> declinedBy,
    String digest,
    Map<String, Object> typedData,
    List<String> summary,
    String transactionHash,
    long blockNumber,
    String reason,
    long thresholdReachedAtMillis,
    long recordedAtMillis,
    List<AuditEntry> audit) {}
