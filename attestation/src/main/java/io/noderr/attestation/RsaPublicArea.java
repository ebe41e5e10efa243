package io.noderr.attestation;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;

/**
 * An RSA {@code TPMT_PUBLIC} exactly as the TPM marshalled it. Only the fields the verifier checks
 * are kept; {@link #encoded()} stays the source of truth for the key's name.
 *
 * @param symmetricAlg {@code ALG_NULL} for signing keys; then keyBits and mode are 0
 * @param schemeHash {@code ALG_NULL} when the scheme has no hash (NULL, RSAES)
 * @param exponent as marshalled: 0 means 65537
 */
record RsaPublicArea(
    byte[] encoded,
    int nameAlg,
    int attributes,
    int symmetricAlg,
    int symmetricKeyBits,
    int symmetricMode,
    int scheme,
    int schemeHash,
    int keyBits,
    long exponent,
    byte[] modulus) {

  static final int MAX_SIZE = 2048;

  /**
   * Parses {@code bytes}; a well-formed public area of another key type is {@code notRsa}, not
   * malformed, because the reason tells the node's operator what to fix.
   */
  static RsaPublicArea parse(byte[] bytes, String what, AttestationException.Reason notRsa) {
    TpmReader in = new TpmReader(bytes, MAX_SIZE, what);
    if (in.u16() != Tpm2.ALG_RSA) {
      throw new AttestationException(notRsa, what + " is not an RSA key");
    }
    int nameAlg = in.u16();
    int attributes = (int) in.u32();
    in.sized(); // authPolicy: the TPM enforces it, the verifier has no use for it
    int symmetricAlg = in.u16();
    int symmetricKeyBits = symmetricAlg == Tpm2.ALG_NULL ? 0 : in.u16();
    int symmetricMode = symmetricAlg == Tpm2.ALG_NULL ? 0 : in.u16();
    int scheme = in.u16();
    int schemeHash = scheme == Tpm2.ALG_NULL || scheme == Tpm2.ALG_RSAES ? Tpm2.ALG_NULL : in.u16();
    int keyBits = in.u16();
    long exponent = in.u32();
    byte[] modulus = in.sized();
    in.expectEnd();
    return new RsaPublicArea(
        bytes.clone(),
        nameAlg,
        attributes,
        symmetricAlg,
        symmetricKeyBits,
        symmetricMode,
        scheme,
        schemeHash,
        keyBits,
        exponent,
        modulus);
  }

  boolean hasAttributes(int mask) {
    return (attributes & mask) == mask;
  }

  boolean isRsa2048() {
    return keyBits == 2048
        && modulus.length == Tpm2.RSA_2048_BYTES
        && (exponent == 0 || exponent == Tpm2.DEFAULT_RSA_EXPONENT);
  }

  /**
   * The TPM name: nameAlg (2 bytes) followed by the digest of the public area. Only keys named with
   * SHA-256 pass the EK and AK checks, so that is the only name algorithm computed here.
   */
  byte[] name() {
    if (nameAlg != Tpm2.ALG_SHA256) {
      throw new IllegalStateException("only SHA-256 names are supported");
    }
    return ByteBuffer.allocate(2 + Tpm2.SHA256_SIZE)
        .putShort((short) Tpm2.ALG_SHA256)
        .put(Sha256.digest(encoded))
        .array();
  }

  BigInteger publicExponent() {
    return BigInteger.valueOf(exponent == 0 ? Tpm2.DEFAULT_RSA_EXPONENT : exponent);
  }

  BigInteger publicModulus() {
    return new BigInteger(1, modulus);
  }

  RSAPublicKey publicKey() {
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA")
              .generatePublic(new RSAPublicKeySpec(publicModulus(), publicExponent()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot build an RSA public key", e);
    }
  }
}
