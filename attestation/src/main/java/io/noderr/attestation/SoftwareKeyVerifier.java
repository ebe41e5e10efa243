package io.noderr.attestation;

import static io.noderr.attestation.AttestationException.Reason.KEY_NOT_ACCEPTABLE;
import static io.noderr.attestation.AttestationException.Reason.MALFORMED_EVIDENCE;
import static io.noderr.attestation.AttestationException.Reason.SIGNATURE_INVALID;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Verifies the proof of possession of nodes without a TPM ({@code --tpm none}): a DER ECDSA-SHA-256
 * signature over the nonce by an EC P-256 key. Such nodes are unattested: the key proves continuity
 * of a node, not what hardware or software it runs. Thread-safe.
 */
public final class SoftwareKeyVerifier {

  static final int MAX_PUBLIC_KEY_SIZE = 1024;

  /** A DER ECDSA P-256 signature is at most 72 bytes. */
  static final int MAX_SIGNATURE_SIZE = 128;

  /**
   * @param publicKey X.509 SubjectPublicKeyInfo (DER) of an EC P-256 key (wire field {@code
   *     keyPublic})
   * @param signature DER ECDSA-SHA-256 signature over {@code nonce}
   * @throws AttestationException {@code MALFORMED_EVIDENCE}, {@code KEY_NOT_ACCEPTABLE} (another
   *     algorithm or curve) or {@code SIGNATURE_INVALID}
   */
  public void verify(byte[] publicKey, byte[] nonce, byte[] signature) {
    Objects.requireNonNull(nonce);
    PublicKey key = p256Key(publicKey);
    if (signature == null || signature.length == 0 || signature.length > MAX_SIGNATURE_SIZE) {
      throw new AttestationException(MALFORMED_EVIDENCE, "the signature is missing or too long");
    }
    if (!verifies(key, nonce, signature)) {
      throw new AttestationException(
          SIGNATURE_INVALID, "the signature over the nonce does not verify under the node key");
    }
  }

  private static PublicKey p256Key(byte[] der) {
    if (der == null || der.length == 0 || der.length > MAX_PUBLIC_KEY_SIZE) {
      throw new AttestationException(MALFORMED_EVIDENCE, "the node key is missing or too long");
    }
    AlgorithmIdentifier algorithm;
    try {
      algorithm = SubjectPublicKeyInfo.getInstance(der).getAlgorithm();
    } catch (RuntimeException e) {
      // BouncyCastle reports garbage DER with assorted unchecked exceptions.
      throw new AttestationException(
          MALFORMED_EVIDENCE, "the node key is not an X.509 SubjectPublicKeyInfo", e);
    }
    // Named-curve P-256 only: explicit curve parameters are how curve-substitution attacks start.
    boolean p256 =
        X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
            && algorithm.getParameters() instanceof ASN1ObjectIdentifier curve
            && X9ObjectIdentifiers.prime256v1.equals(curve);
    if (!p256) {
      throw new AttestationException(KEY_NOT_ACCEPTABLE, "the node key is not an EC P-256 key");
    }
    try {
      return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new AttestationException(MALFORMED_EVIDENCE, "the node key is not a valid EC point", e);
    }
  }

  private static boolean verifies(PublicKey key, byte[] nonce, byte[] signature) {
    try {
      Signature ecdsa = Signature.getInstance("SHA256withECDSA");
      ecdsa.initVerify(key);
      ecdsa.update(nonce);
      return ecdsa.verify(signature);
    } catch (GeneralSecurityException e) {
      // Not DER, or r and s out of range: simply not a valid signature.
      return false;
    }
  }
}
