package io.noderr.agent.tpm;

import static io.noderr.agent.tpm.TpmCommands.call;
import static io.noderr.agent.tpm.TpmCommands.run;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import tss.Tpm;
import tss.tpm.TPMS_ID_OBJECT;
import tss.tpm.TPMT_SYM_DEF;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_HANDLE;
import tss.tpm.TPM_RH;
import tss.tpm.TPM_SE;

/**
 * TPM2_ActivateCredential with the AK as the object to activate and the EK as the decryption key.
 * The AK is authorized by its (empty) password; the EK's policy demands PolicySecret over the
 * endorsement hierarchy, so a policy session is started, satisfied, used once and flushed.
 */
final class CredentialActivation {

  private static final SecureRandom RANDOM = new SecureRandom();

  private CredentialActivation() {}

  static byte[] activate(
      Tpm tpm, TPM_HANDLE ak, TPM_HANDLE ek, byte[] credentialBlob, byte[] encryptedSecret) {
    TPMS_ID_OBJECT credential = idObject(credentialBlob);
    byte[] nonceCaller = new byte[32];
    RANDOM.nextBytes(nonceCaller);
    TPM_HANDLE session =
        call(
                "start a policy session",
                () ->
                    tpm.StartAuthSession(
                        TPM_HANDLE.NULL,
                        TPM_HANDLE.NULL,
                        nonceCaller,
                        new byte[0],
                        TPM_SE.POLICY,
                        new TPMT_SYM_DEF(),
                        TPM_ALG_ID.SHA256))
            .handle;
    try {
      run(
          "satisfy the EK policy",
          () ->
              tpm.PolicySecret(
                  TPM_HANDLE.from(TPM_RH.ENDORSEMENT),
                  session,
                  new byte[0],
                  new byte[0],
                  new byte[0],
                  0));
      return call(
          "activate the credential",
          () ->
              tpm._withSessions(TPM_HANDLE.pwSession(new byte[0]), session)
                  .ActivateCredential(ak, ek, credential, encryptedSecret));
    } finally {
      TpmCommands.flush(tpm, session);
    }
  }

  /** TPMS_ID_OBJECT: a sized integrity HMAC, then the encrypted identity up to the end. */
  private static TPMS_ID_OBJECT idObject(byte[] credentialBlob) {
    ByteBuffer blob = ByteBuffer.wrap(credentialBlob);
    int hmacSize = blob.remaining() >= 2 ? Short.toUnsignedInt(blob.getShort()) : -1;
    if (hmacSize < 0 || hmacSize >= blob.remaining()) {
      throw new TpmOperationException("the credential blob from the platform is malformed");
    }
    byte[] integrityHmac = new byte[hmacSize];
    blob.get(integrityHmac);
    byte[] encIdentity = new byte[blob.remaining()];
    blob.get(encIdentity);
    return new TPMS_ID_OBJECT(integrityHmac, encIdentity);
  }
}
