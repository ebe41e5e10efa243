package io.noderr.agent.tpm;

import java.util.HexFormat;
import tss.tpm.TPM2B_PUBLIC_KEY_RSA;
import tss.tpm.TPMA_OBJECT;
import tss.tpm.TPMS_NULL_ASYM_SCHEME;
import tss.tpm.TPMS_RSA_PARMS;
import tss.tpm.TPMS_SIG_SCHEME_RSASSA;
import tss.tpm.TPMT_PUBLIC;
import tss.tpm.TPMT_SYM_DEF_OBJECT;
import tss.tpm.TPM_ALG_ID;

/**
 * The templates of the two primary keys under the endorsement hierarchy. CreatePrimary derives a
 * key from the hierarchy's seed and the template alone, so the same template yields the same key
 * after every reboot and nothing has to be persisted in the TPM.
 */
final class KeyTemplates {

  /** PolicySecret(TPM_RH_ENDORSEMENT): using the EK needs the endorsement hierarchy's auth. */
  private static final byte[] EK_POLICY =
      HexFormat.of().parseHex("837197674484b3f81a90cc8d46a5d724fd52d76e06520b64f2a1da1b331469aa");

  private KeyTemplates() {}

  /**
   * TCG EK Credential Profile template L-1 (RSA 2048): the key the manufacturer certified, so it
   * must match bit for bit, the 256 zero bytes of {@code unique} included.
   */
  static TPMT_PUBLIC endorsementKey() {
    return new TPMT_PUBLIC(
        TPM_ALG_ID.SHA256,
        new TPMA_OBJECT(
            TPMA_OBJECT.fixedTPM,
            TPMA_OBJECT.fixedParent,
            TPMA_OBJECT.sensitiveDataOrigin,
            TPMA_OBJECT.adminWithPolicy,
            TPMA_OBJECT.restricted,
            TPMA_OBJECT.decrypt),
        EK_POLICY,
        new TPMS_RSA_PARMS(
            new TPMT_SYM_DEF_OBJECT(TPM_ALG_ID.AES, 128, TPM_ALG_ID.CFB),
            new TPMS_NULL_ASYM_SCHEME(),
            2048,
            0),
        new TPM2B_PUBLIC_KEY_RSA(new byte[256]));
  }

  /**
   * The attestation key of docs/onboarding.md: restricted (it only signs TPM-generated data, so its
   * quotes cannot be forged by signing crafted bytes) and fixed to this TPM.
   */
  static TPMT_PUBLIC attestationKey() {
    return new TPMT_PUBLIC(
        TPM_ALG_ID.SHA256,
        new TPMA_OBJECT(
            TPMA_OBJECT.fixedTPM,
            TPMA_OBJECT.fixedParent,
            TPMA_OBJECT.sensitiveDataOrigin,
            TPMA_OBJECT.userWithAuth,
            TPMA_OBJECT.restricted,
            TPMA_OBJECT.sign),
        new byte[0],
        new TPMS_RSA_PARMS(
            new TPMT_SYM_DEF_OBJECT(), new TPMS_SIG_SCHEME_RSASSA(TPM_ALG_ID.SHA256), 2048, 0),
        new TPM2B_PUBLIC_KEY_RSA());
  }
}
