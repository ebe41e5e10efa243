package io.noderr.attestation;

import java.util.Objects;

/**
 * Evidence from a node was rejected. The message is a short sentence meant for the node's operator:
 * it names what failed and never contains key material, secrets or raw evidence.
 */
public final class AttestationException extends RuntimeException {

  /** Why the evidence was rejected; the REST layer maps every reason to a 4xx answer. */
  public enum Reason {
    /** A structure, certificate or key could not be parsed, or exceeded its size limit. */
    MALFORMED_EVIDENCE,
    /** The EK certificate does not chain to a trusted manufacturer CA, or is not valid now. */
    UNTRUSTED_EK_CERTIFICATE,
    /** The EK public area is not the key the EK certificate certifies. */
    EK_CERTIFICATE_MISMATCH,
    /** The EK is not an RSA-2048 storage key this platform can encrypt a credential to. */
    EK_NOT_ACCEPTABLE,
    /** The attestation key is not a restricted RSA-2048 RSASSA/SHA-256 signing key of a TPM. */
    AK_NOT_ACCEPTABLE,
    /** The quote's signature does not verify under the attestation key. */
    QUOTE_SIGNATURE_INVALID,
    /** The quote was made over a different nonce than the one the platform issued. */
    NONCE_MISMATCH,
    /** The quote does not cover exactly the SHA-256 PCRs the policy asks for. */
    PCR_SELECTION_MISMATCH,
    /** The reported PCR values are not the ones the TPM quoted. */
    PCR_DIGEST_MISMATCH,
    /** A quoted PCR value is not one the policy allows. */
    PCR_POLICY_VIOLATION,
    /** The secret returned from ActivateCredential is not the one the platform encrypted. */
    CREDENTIAL_MISMATCH,
    /** A software key is not an EC P-256 key. */
    KEY_NOT_ACCEPTABLE,
    /** A software key's signature over the nonce does not verify. */
    SIGNATURE_INVALID
  }

  private final Reason reason;

  AttestationException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason);
  }

  AttestationException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason);
  }

  public Reason reason() {
    return reason;
  }
}
