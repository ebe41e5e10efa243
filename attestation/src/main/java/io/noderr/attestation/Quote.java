package io.noderr.attestation;

import java.util.Map;

/**
 * A TPM2_Quote as the node sent it (wire field {@code quote}). Fields may be null or garbage: the
 * verifier rejects such a quote as {@code MALFORMED_EVIDENCE}.
 *
 * @param attest the {@code TPMS_ATTEST} the TPM returned, byte for byte
 * @param signature the {@code TPMT_SIGNATURE} the TPM returned
 * @param pcrs the SHA-256 PCR values the node read, index to hex
 */
public record Quote(byte[] attest, byte[] signature, Map<Integer, String> pcrs) {}
