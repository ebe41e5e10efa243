package io.noderr.agent.tpm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
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

/**
 * The identity of a node without a TPM ({@code --tpm none}): an EC P-256 key pair kept in the
 * agent's state directory, the private key as PKCS#8 readable by the agent's user only. It proves
 * that requests come from the same installation, not what the machine runs.
 */
public final class SoftwareIdentity {

  static final String PRIVATE_KEY_FILE = "node-key.p8";
  static final String PUBLIC_KEY_FILE = "node-key.pub";

  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  private SoftwareIdentity(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /**
   * Loads the key pair from {@code stateDirectory}, or creates and stores a new one if there is
   * none. One agent per state directory.
   *
   * @throws IOException if the directory cannot be read or written, or holds a damaged key pair
   */
  public static SoftwareIdentity loadOrCreate(Path stateDirectory) throws IOException {
    Path privateFile = stateDirectory.resolve(PRIVATE_KEY_FILE);
    if (Files.exists(privateFile)) {
      return load(privateFile, stateDirectory.resolve(PUBLIC_KEY_FILE));
    }
    KeyPair keys = generate();
    Files.createDirectories(stateDirectory);
    write(stateDirectory.resolve(PUBLIC_KEY_FILE), keys.getPublic().getEncoded());
    // The private key last: its presence is what marks a complete identity.
    write(privateFile, keys.getPrivate().getEncoded());
    return new SoftwareIdentity(keys.getPrivate(), keys.getPublic());
  }

  /** A key pair that lives only in memory: simulated nodes, which have no state directory. */
  public static SoftwareIdentity ephemeral() {
    KeyPair keys = generate();
    return new SoftwareIdentity(keys.getPrivate(), keys.getPublic());
  }

  /** X.509 SubjectPublicKeyInfo, DER (wire field {@code keyPublic}). */
  public byte[] publicKey() {
    return publicKey.getEncoded();
  }

  /** DER ECDSA-SHA-256 signature over {@code nonce} (wire field {@code signature}). */
  public byte[] sign(byte[] nonce) {
    try {
      Signature ecdsa = Signature.getInstance(SIGNATURE_ALGORITHM);
      ecdsa.initSign(privateKey);
      ecdsa.update(nonce);
      return ecdsa.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot sign with ECDSA P-256", e);
    }
  }

  private static SoftwareIdentity load(Path privateFile, Path publicFile) throws IOException {
    if (!Files.exists(publicFile)) {
      throw new IOException(damaged(privateFile));
    }
    try {
      KeyFactory ec = KeyFactory.getInstance("EC");
      SoftwareIdentity identity =
          new SoftwareIdentity(
              ec.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile))),
              ec.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile))));
      identity.requireMatchingKeys();
      return identity;
    } catch (GeneralSecurityException e) {
      throw new IOException(damaged(privateFile), e);
    }
  }

  /** A public key that does not belong to the private key would fail every login, obscurely. */
  private void requireMatchingKeys() throws GeneralSecurityException {
    byte[] probe = "noderr key check".getBytes(StandardCharsets.US_ASCII);
    Signature ecdsa = Signature.getInstance(SIGNATURE_ALGORITHM);
    ecdsa.initVerify(publicKey);
    ecdsa.update(probe);
    if (!ecdsa.verify(sign(probe))) {
      throw new GeneralSecurityException("the public key does not match the private key");
    }
  }

  private static String damaged(Path privateFile) {
    return "the software key in "
        + privateFile.getParent()
        + " is incomplete or damaged; move "
        + PRIVATE_KEY_FILE
        + " and "
        + PUBLIC_KEY_FILE
        + " away to create a new identity (the node must then register again)";
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate EC P-256 keys", e);
    }
  }

  /**
   * Writes through a temporary file created with mode 0600, so the key is never readable by others,
   * not even briefly, and never half-written.
   */
  private static void write(Path file, byte[] content) throws IOException {
    Path directory = file.getParent();
    Path temporary =
        Files.createTempFile(directory, file.getFileName() + ".", ".tmp", ownerOnly(directory));
    try {
      Files.write(temporary, content);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path directory) throws IOException {
    if (!Files.getFileStore(directory).supportsFileAttributeView("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
    };
  }
}
