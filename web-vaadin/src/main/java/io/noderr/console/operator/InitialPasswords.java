package io.noderr.console.operator;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * One-time initial passwords: 144 random bits, 24 URL-safe characters (under bcrypt's 72 bytes).
 */
final class InitialPasswords {

  private static final SecureRandom RANDOM = new SecureRandom();

  private InitialPasswords() {}

  static String generate() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
