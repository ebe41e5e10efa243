package io.noderr.attestation;

/**
 * A credential only the TPM holding both the EK and the AK can activate (TPM2_MakeCredential).
 *
 * @param secret the random secret; the platform keeps only {@link #secretSha256()} and checks the
 *     node's answer with {@link TpmEvidenceVerifier#verifyActivation}
 * @param credentialBlob {@code TPMS_ID_OBJECT} (wire field {@code credentialBlob})
 * @param encryptedSecret the seed encrypted to the EK (wire field {@code encryptedSecret})
 */
public record CredentialChallenge(byte[] secret, byte[] credentialBlob, byte[] encryptedSecret) {

  /** What the platform stores until the answer arrives: a database dump never yields the secret. */
  public byte[] secretSha256() {
    return Sha256.digest(secret);
  }
}
