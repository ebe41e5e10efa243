package io.noderr.attestation;

import static io.noderr.attestation.AttestationException.Reason.KEY_NOT_ACCEPTABLE;
import static io.noderr.attestation.AttestationException.Reason.MALFORMED_EVIDENCE;
import static io.noderr.attestation.AttestationException.Reason.SIGNATURE_INVALID;
import static io.noderr.attestation.Rejections.assertRejected;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

class SoftwareKeyVerifierTest {

  private final SoftwareKeyVerifier verifier = new SoftwareKeyVerifier();
  private final byte[] nonce = "a fresh nonce from /auth/challenge".getBytes();

  @Test
  void p256Signature_overTheNonce_verifies() throws Exception {
    KeyPair keys = ec("secp256r1");

    verifier.verify(keys.getPublic().getEncoded(), nonce, sign(keys, "SHA256withECDSA", nonce));
  }

  @Test
  void signature_overAnotherNonce_isInvalid() throws Exception {
    KeyPair keys = ec("secp256r1");
    byte[] signature = sign(keys, "SHA256withECDSA", "another nonce".getBytes());

    assertRejected(
        () -> verifier.verify(keys.getPublic().getEncoded(), nonce, signature), SIGNATURE_INVALID);
  }

  @Test
  void signature_inRawFormatOrGarbage_isInvalid() throws Exception {
    KeyPair keys = ec("secp256r1");
    byte[] raw = sign(keys, "SHA256withECDSAinP1363Format", nonce);

    assertRejected(
        () -> verifier.verify(keys.getPublic().getEncoded(), nonce, raw), SIGNATURE_INVALID);
    assertRejected(
        () -> verifier.verify(keys.getPublic().getEncoded(), nonce, new byte[] {0x30, 0x01}),
        SIGNATURE_INVALID);
    assertRejected(
        () -> verifier.verify(keys.getPublic().getEncoded(), nonce, new byte[200]),
        MALFORMED_EVIDENCE);
    assertRejected(
        () -> verifier.verify(keys.getPublic().getEncoded(), nonce, null), MALFORMED_EVIDENCE);
  }

  @Test
  void keysOnOtherCurvesOrAlgorithms_areNotAcceptable() throws Exception {
    KeyPair p384 = ec("secp384r1");
    KeyPair rsa = SoftwareTpm.rsa2048();

    assertRejected(
        () ->
            verifier.verify(
                p384.getPublic().getEncoded(), nonce, sign(p384, "SHA256withECDSA", nonce)),
        KEY_NOT_ACCEPTABLE);
    assertRejected(
        () ->
            verifier.verify(rsa.getPublic().getEncoded(), nonce, sign(rsa, "SHA256withRSA", nonce)),
        KEY_NOT_ACCEPTABLE);
  }

  @Test
  void keys_thatAreGarbageOrOversized_areMalformed() {
    assertRejected(() -> verifier.verify(null, nonce, new byte[70]), MALFORMED_EVIDENCE);
    assertRejected(
        () -> verifier.verify(new byte[] {1, 2, 3}, nonce, new byte[70]), MALFORMED_EVIDENCE);
    assertRejected(() -> verifier.verify(new byte[2048], nonce, new byte[70]), MALFORMED_EVIDENCE);
  }

  @Test
  void key_withTrailingBytes_isMalformed() throws Exception {
    byte[] spki = ec("secp256r1").getPublic().getEncoded();
    byte[] padded = java.util.Arrays.copyOf(spki, spki.length + 1);

    assertRejected(() -> verifier.verify(padded, nonce, new byte[70]), MALFORMED_EVIDENCE);
  }

  private static KeyPair ec(String curve) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair();
  }

  private static byte[] sign(KeyPair keys, String algorithm, byte[] data)
      throws GeneralSecurityException {
    Signature signature = Signature.getInstance(algorithm);
    signature.initSign(keys.getPrivate());
    signature.update(data);
    return signature.sign();
  }
}
