package io.noderr.attestation;

/**
 * A credential only the TPM holding both the EK and the AK can activate (TPM2_MakeCredential).
 *
 * @param secret the random secret; keep it on the platform and compare the node's answer with
 *     {@link TpmEvidenceVerifier#verifyActivation}
 * @param credentialBlob {@code TPMS_ID_OBJECT} (wire field {@code credentialBlob})
 * @param encryptedSecret the seed encrypted to the EK (wire field {@code encryptedSecret})
 */
public record CredentialChallenge(byte[] secret, byte[] credentialBlob, byte[] encryptedSecret) {}
