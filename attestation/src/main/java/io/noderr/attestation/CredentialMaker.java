package io.noderr.attestation;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * TPM2_MakeCredential in software (TPM 2.0 Part 1, 24.4 "Credential Protection") for a SHA-256
 * named, AES-128-CFB protected RSA EK. TSS.Java has {@code Tss.createActivationCredential}, but it
 * draws the seed — the only thing protecting the secret — from {@code java.util.Random}.
 */
final class CredentialMaker {

  private static final int SEED_BYTES = 32;
  private static final int AES_128_BITS = 128;
  private static final int HMAC_SHA256_BITS = 256;

  private static final byte[] IDENTITY = label("IDENTITY");
  private static final byte[] STORAGE = label("STORAGE");
  private static final byte[] INTEGRITY = label("INTEGRITY");

  static CredentialChallenge make(
      RsaPublicArea ek, byte[] akName, byte[] secret, SecureRandom random) {
    byte[] seed = new byte[SEED_BYTES];
    random.nextBytes(seed);
    try {
      byte[] encryptedSeed = encryptSeed(ek, seed, random);
      byte[] credential =
          ByteBuffer.allocate(2 + secret.length)
              .putShort((short) secret.length)
              .put(secret)
              .array();
      byte[] encIdentity = aesCfb(kdfa(seed, STORAGE, akName, AES_128_BITS), credential);
      Mac hmac = hmacSha256(kdfa(seed, INTEGRITY, new byte[0], HMAC_SHA256_BITS));
      hmac.update(encIdentity);
      byte[] integrity = hmac.doFinal(akName);
      byte[] idObject =
          ByteBuffer.allocate(2 + integrity.length + encIdentity.length)
              .putShort((short) integrity.length)
              .put(integrity)
              .put(encIdentity)
              .array();
      return new CredentialChallenge(secret, idObject, encryptedSeed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make a TPM credential", e);
    }
  }

  /** RSA-OAEP with SHA-256 and the label "IDENTITY", as TPM2_ActivateCredential decrypts it. */
  private static byte[] encryptSeed(RsaPublicArea ek, byte[] seed, SecureRandom random)
      throws GeneralSecurityException {
    Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
    oaep.init(
        Cipher.ENCRYPT_MODE,
        ek.publicKey(),
        new OAEPParameterSpec(
            "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, new PSource.PSpecified(IDENTITY)),
        random);
    return oaep.doFinal(seed);
  }

  /** CFB with a zero IV: the key is fresh for every credential, so the IV need not be. */
  private static byte[] aesCfb(byte[] key, byte[] plaintext) throws GeneralSecurityException {
    Cipher aes = Cipher.getInstance("AES/CFB/NoPadding");
    aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
    return aes.doFinal(plaintext);
  }

  /** KDFa (SP 800-108 counter mode with HMAC-SHA-256); contextV is always empty here. */
  static byte[] kdfa(byte[] key, byte[] label, byte[] contextU, int bits)
      throws GeneralSecurityException {
    Mac hmac = hmacSha256(key);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (int counter = 1; stream.size() < bits / 8; counter++) {
      hmac.update(ByteBuffer.allocate(4).putInt(counter).array());
      hmac.update(label);
      hmac.update(contextU);
      stream.writeBytes(hmac.doFinal(ByteBuffer.allocate(4).putInt(bits).array()));
    }
    return Arrays.copyOf(stream.toByteArray(), bits / 8);
  }

  private static Mac hmacSha256(byte[] key) throws GeneralSecurityException {
    Mac hmac = Mac.getInstance("HmacSHA256");
    hmac.init(new SecretKeySpec(key, "HmacSHA256"));
    return hmac;
  }

  /** TPM labels are NUL-terminated strings, the NUL included in what is hashed. */
  private static byte[] label(String text) {
    return (text + '\0').getBytes(StandardCharsets.US_ASCII);
  }

  private CredentialMaker() {}
}
