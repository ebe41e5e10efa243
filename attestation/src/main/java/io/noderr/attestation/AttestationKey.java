package io.noderr.attestation;

import static io.noderr.attestation.AttestationException.Reason.AK_NOT_ACCEPTABLE;

/**
 * The node's attestation key. Only a restricted signing key is acceptable: the TPM refuses to sign
 * data that starts with {@code TPM_GENERATED_VALUE} with it, so a valid signature over a {@code
 * TPMS_ATTEST} proves the TPM produced the quote. fixedTPM and the other residency attributes are
 * part of the AK's name, which credential activation binds to the EK.
 */
final class AttestationKey {

  static RsaPublicArea parse(byte[] akPublic) {
    RsaPublicArea ak = RsaPublicArea.parse(akPublic, "the AK public area", AK_NOT_ACCEPTABLE);
    if (!ak.isRsa2048()
        || ak.nameAlg() != Tpm2.ALG_SHA256
        || !ak.hasAttributes(Tpm2.TPM_RESIDENT | Tpm2.RESTRICTED | Tpm2.SIGN)
        || ak.hasAttributes(Tpm2.DECRYPT)
        || ak.symmetricAlg() != Tpm2.ALG_NULL
        || ak.scheme() != Tpm2.ALG_RSASSA
        || ak.schemeHash() != Tpm2.ALG_SHA256) {
      throw new AttestationException(
          AK_NOT_ACCEPTABLE,
          "the AK is not a restricted, TPM-resident RSA-2048 RSASSA/SHA-256 signing key");
    }
    return ak;
  }

  private AttestationKey() {}
}
