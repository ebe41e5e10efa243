package io.noderr.agent.tpm;

import static io.noderr.attestation.AttestationException.Reason.SIGNATURE_INVALID;
import static io.noderr.attestation.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.attestation.SoftwareKeyVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoftwareIdentityTest {

  @TempDir Path state;

  private final byte[] nonce = "nonce from /auth/challenge".getBytes();

  @Test
  void firstUse_createsTheKeyPair_readableByTheOwnerOnly() throws IOException {
    SoftwareIdentity.loadOrCreate(state.resolve("agent"));

    Path privateKey = state.resolve("agent").resolve(SoftwareIdentity.PRIVATE_KEY_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey)))
        .isEqualTo("rw-------");
    assertThat(state.resolve("agent").resolve(SoftwareIdentity.PUBLIC_KEY_FILE)).isRegularFile();
    try (var files = Files.list(state.resolve("agent"))) {
      assertThat(files).hasSize(2); // no temporary files left behind
    }
  }

  @Test
  void reload_givesTheSameKey() throws IOException {
    SoftwareIdentity created = SoftwareIdentity.loadOrCreate(state);

    SoftwareIdentity reloaded = SoftwareIdentity.loadOrCreate(state);

    assertThat(reloaded.publicKey()).isEqualTo(created.publicKey());
    new SoftwareKeyVerifier().verify(created.publicKey(), nonce, reloaded.sign(nonce));
  }

  @Test
  void signature_verifiesWithThePlatformsVerifier_forThisNonceOnly() throws IOException {
    SoftwareIdentity identity = SoftwareIdentity.loadOrCreate(state);
    SoftwareKeyVerifier verifier = new SoftwareKeyVerifier();

    verifier.verify(identity.publicKey(), nonce, identity.sign(nonce));
    assertRejected(
        () ->
            verifier.verify(identity.publicKey(), "another nonce".getBytes(), identity.sign(nonce)),
        SIGNATURE_INVALID);
  }

  @Test
  void damagedKeyFiles_failWithAClearMessage() throws IOException {
    SoftwareIdentity.loadOrCreate(state);
    Path otherState = state.resolve("other");
    SoftwareIdentity.loadOrCreate(otherState);
    Files.copy(
        otherState.resolve(SoftwareIdentity.PUBLIC_KEY_FILE),
        state.resolve(SoftwareIdentity.PUBLIC_KEY_FILE),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> SoftwareIdentity.loadOrCreate(state))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("incomplete or damaged");

    Files.delete(state.resolve(SoftwareIdentity.PUBLIC_KEY_FILE));
    assertThatThrownBy(() -> SoftwareIdentity.loadOrCreate(state))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("incomplete or damaged");
  }
}
