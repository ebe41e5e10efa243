package io.noderr.attestation;

/**
 * What a TPM node sends to {@code /auth/register}, base64 already decoded. Fields may be null or
 * garbage: the verifier rejects such evidence as {@code MALFORMED_EVIDENCE}.
 *
 * @param ekCertificate DER X.509 EK certificate from NV index {@code 0x01C00002}
 * @param ekPublic {@code TPMT_PUBLIC} of the RSA-2048 EK
 * @param akPublic {@code TPMT_PUBLIC} of the attestation key
 * @param quote a quote by the AK over the platform's nonce
 */
public record RegistrationEvidence(
    byte[] ekCertificate, byte[] ekPublic, byte[] akPublic, Quote quote) {}
