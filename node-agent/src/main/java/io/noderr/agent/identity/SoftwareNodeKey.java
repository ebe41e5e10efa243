package io.noderr.agent.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * A node key without a TPM: EC P-256, kept in the state directory ({@code node-key.p8}, mode 0600;
 * the public half beside it). The platform registers such nodes as UNATTESTED, and only where its
 * policy allows them.
 */
public final class SoftwareNodeKey implements NodeKey {

  static final String PRIVATE_FILE = "node-key.p8";
  static final String PUBLIC_FILE = "node-key.pub";

  private final KeyPair keys;

  private SoftwareNodeKey(KeyPair keys) {
    this.keys = keys;
  }

  /** The key of this state directory, created on first use. */
  public static SoftwareNodeKey load(Path stateDir) {
    Path privateFile = stateDir.resolve(PRIVATE_FILE);
    Path publicFile = stateDir.resolve(PUBLIC_FILE);
    try {
      if (Files.isRegularFile(privateFile) && Files.isRegularFile(publicFile)) {
        KeyFactory factory = KeyFactory.getInstance("EC");
        return new SoftwareNodeKey(
            new KeyPair(
                factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile))),
                factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile)))));
      }
      KeyPair created = generate();
      Files.createDirectories(stateDir);
      writeOwnerOnly(privateFile, created.getPrivate().getEncoded());
      Files.write(publicFile, created.getPublic().getEncoded());
      return new SoftwareNodeKey(created);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the node key in " + stateDir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          privateFile + " does not hold a usable EC key; move it away to register again");
    }
  }

  /** A key that lives only in memory (simulated nodes). */
  public static SoftwareNodeKey ephemeral() {
    try {
      return new SoftwareNodeKey(generate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String kind() {
    return "SOFTWARE";
  }

  @Override
  public Map<String, Object> publicMaterial() {
    return Map.of("keyPublic", Base64.getEncoder().encodeToString(publicKey().getEncoded()));
  }

  @Override
  public Map<String, Object> prove(byte[] nonce, int[] pcrs) {
    return Map.of("signature", Base64.getEncoder().encodeToString(sign(nonce)));
  }

  @Override
  public byte[] activateCredential(byte[] credentialBlob, byte[] encryptedSecret) {
    throw new IllegalStateException("a software key has no TPM to activate a credential with");
  }

  PublicKey publicKey() {
    return keys.getPublic();
  }

  /** DER-encoded ECDSA-SHA256 signature. */
  byte[] sign(byte[] data) {
    try {
      Signature signature = Signature.getInstance("SHA256withECDSA");
      PrivateKey key = keys.getPrivate();
      signature.initSign(key);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    // Nothing to release: the key is plain memory.
  }

  private static KeyPair generate() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.write(file, content);
  }
}
