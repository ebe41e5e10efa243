package io.noderr.cli.signer;

import java.util.List;

/**
 * A release request as the platform describes it ({@code GET /api/v1/releases/{id}}). Nothing here
 * is trusted as is: {@link ReleaseReview} rebuilds what is signed from these fields and checks the
 * platform's own {@code digest} against it.
 *
 * @param digest the platform's EIP-712 digest of the request ({@code 0x...})
 */
public record ReleaseRequest(
    String id,
    String tier,
    int tierCode,
    String version,
    String imageDigest,
    String minimumVersion,
    String notesUri,
    String status,
    String proposedBy,
    long deadlineEpochSeconds,
    String nonce,
    long chainId,
    String multisig,
    List<String> signers,
    List<String> signedBy,
    List<String> declinedBy,
    String digest) {

  public static final String AWAITING_SIGNATURES = "AWAITING_SIGNATURES";

  public ReleaseRequest {
    signers = signers == null ? List.of() : List.copyOf(signers);
    signedBy = signedBy == null ? List.of() : List.copyOf(signedBy);
    declinedBy = declinedBy == null ? List.of() : List.copyOf(declinedBy);
  }
}
