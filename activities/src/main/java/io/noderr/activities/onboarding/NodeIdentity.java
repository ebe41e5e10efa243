package io.noderr.activities.onboarding;

import java.util.Map;

/**
 * The verified identity a node registered with. Public material only: keys in base64, the EK
 * certificate by its SHA-256 fingerprint.
 *
 * @param keyKind TPM (attested) or SOFTWARE (unattested)
 * @param akPublic the TPM attestation key's TPMT_PUBLIC, or the software key's SubjectPublicKeyInfo
 * @param akName the AK's TPM name in hex (TPM only)
 * @param ekPublic the endorsement key's TPMT_PUBLIC (TPM only)
 * @param ekCertificateSha256 fingerprint of the EK certificate (TPM only)
 * @param pcrValues the PCR values of the registration quote, index to hex (TPM only)
 */
public record NodeIdentity(
    KeyKind keyKind,
    String akPublic,
    String akName,
    String ekPublic,
    String ekCertificateSha256,
    Map<String, String> pcrValues) {

  public enum KeyKind {
    TPM,
    SOFTWARE
  }

  public boolean attested() {
    return keyKind == KeyKind.TPM;
  }
}
