package io.noderr.agent.identity;

import io.noderr.agent.tpm.SoftwareIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * A node key without a TPM ({@code --tpm none}): the EC P-256 {@link SoftwareIdentity}. The
 * platform registers such nodes as UNATTESTED, and only where its policy allows them.
 */
public final class SoftwareNodeKey implements NodeKey {

  private final SoftwareIdentity identity;

  private SoftwareNodeKey(SoftwareIdentity identity) {
    this.identity = identity;
  }

  /** The key of this state directory, created on first use. */
  public static SoftwareNodeKey load(Path stateDir) {
    try {
      return new SoftwareNodeKey(SoftwareIdentity.loadOrCreate(stateDir));
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /** A key that lives only in memory (simulated nodes). */
  public static SoftwareNodeKey ephemeral() {
    return new SoftwareNodeKey(SoftwareIdentity.ephemeral());
  }

  @Override
  public String kind() {
    return "SOFTWARE";
  }

  @Override
  public Map<String, Object> publicMaterial() {
    return Map.of("keyPublic", Base64.getEncoder().encodeToString(identity.publicKey()));
  }

  @Override
  public Map<String, Object> prove(byte[] nonce, int[] pcrs) {
    return Map.of("signature", Base64.getEncoder().encodeToString(identity.sign(nonce)));
  }

  @Override
  public byte[] activateCredential(byte[] credentialBlob, byte[] encryptedSecret) {
    throw new IllegalStateException("a software key has no TPM to activate a credential with");
  }

  @Override
  public void close() {
    // Nothing to release: the key is plain memory.
  }
}
