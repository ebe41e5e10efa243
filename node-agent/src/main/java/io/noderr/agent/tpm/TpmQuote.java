package io.noderr.agent.tpm;

import java.util.SortedMap;

/**
 * A TPM2_Quote over the platform's nonce, in the wire format of docs/onboarding.md.
 *
 * @param attest {@code TPMS_ATTEST} as the TPM returned it (wire field {@code quote.attest})
 * @param signature {@code TPMT_SIGNATURE} (wire field {@code quote.signature})
 * @param pcrs the quoted SHA-256 PCR values, index to lowercase hex (wire field {@code quote.pcrs})
 */
public record TpmQuote(byte[] attest, byte[] signature, SortedMap<Integer, String> pcrs) {}
