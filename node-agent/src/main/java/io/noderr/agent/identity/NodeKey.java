package io.noderr.agent.identity;

import java.util.Map;

/**
 * The key a node proves its identity with: a TPM attestation key (attested) or a software key
 * (unattested). Produces the JSON fields of the auth API's wire format (docs/onboarding.md).
 */
public interface NodeKey extends AutoCloseable {

  /** {@code TPM} or {@code SOFTWARE}, as the auth API names it. */
  String kind();

  /** The public material registration sends: EK certificate, EK and AK public areas, or the key. */
  Map<String, Object> publicMaterial();

  /** Proof of possession over a fresh nonce: a quote over {@code pcrs}, or a signature. */
  Map<String, Object> prove(byte[] nonce, int[] pcrs);

  /** TPM2_ActivateCredential: recovers the secret the platform encrypted to this TPM's EK. */
  byte[] activateCredential(byte[] credentialBlob, byte[] encryptedSecret);

  @Override
  void close();
}
