package io.noderr.attestation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

final class Sha256 {

  static byte[] digest(byte[]... parts) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }

  private Sha256() {}
}
