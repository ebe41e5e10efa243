package io.noderr.registry.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one way a bearer secret is turned into the key it is stored under: lowercase hex SHA-256 of
 * the secret as presented. Lives with the tables keyed by it, so the console (which issues
 * sessions) and the node gateway (which checks them) hash alike.
 */
public final class TokenHash {

  private TokenHash() {}

  public static String sha256Hex(String secret) {
    return HexFormat.of().formatHex(sha256(secret.getBytes(StandardCharsets.UTF_8)));
  }

  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
