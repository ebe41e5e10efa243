package io.noderr.attestation;

import static io.noderr.attestation.AttestationException.Reason.EK_CERTIFICATE_MISMATCH;
import static io.noderr.attestation.AttestationException.Reason.EK_NOT_ACCEPTABLE;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;

/**
 * The node's endorsement key: the RSA-2048 storage key the platform encrypts the credential to. Its
 * public area travels next to the EK certificate, and nothing stops a node from pairing a genuine
 * certificate with another key (Keylime, PYSEC-2022-184) — hence {@link #requireCertifiedBy}.
 */
final class EndorsementKey {

  /** The TCG default EK: a restricted decryption key whose inner wrapper is AES-128-CFB. */
  static RsaPublicArea parse(byte[] ekPublic) {
    RsaPublicArea ek = RsaPublicArea.parse(ekPublic, "the EK public area", EK_NOT_ACCEPTABLE);
    if (!ek.isRsa2048()
        || ek.nameAlg() != Tpm2.ALG_SHA256
        || !ek.hasAttributes(Tpm2.TPM_RESIDENT | Tpm2.RESTRICTED | Tpm2.DECRYPT)
        || ek.hasAttributes(Tpm2.SIGN)
        || ek.symmetricAlg() != Tpm2.ALG_AES
        || ek.symmetricKeyBits() != 128
        || ek.symmetricMode() != Tpm2.ALG_CFB) {
      throw new AttestationException(
          EK_NOT_ACCEPTABLE, "the EK is not an RSA-2048 endorsement key (TCG default template)");
    }
    return ek;
  }

  static void requireCertifiedBy(RsaPublicArea ek, X509Certificate certificate) {
    PublicKey certified = certificate.getPublicKey();
    if (!(certified instanceof RSAPublicKey rsa)
        || !rsa.getModulus().equals(ek.publicModulus())
        || !rsa.getPublicExponent().equals(ek.publicExponent())) {
      throw new AttestationException(
          EK_CERTIFICATE_MISMATCH,
          "the EK public area is not the key the EK certificate certifies");
    }
  }

  private EndorsementKey() {}
}
