package io.noderr.http;

import io.noderr.registry.identity.TokenHash;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Bearer secrets the platform hands out (install tokens, node session tokens, API tokens, the
 * embedded fleet's credential): 256 random bits, URL-safe, behind a prefix that tells people and
 * secret scanners what leaked. The platform keeps only {@link #sha256Hex} of a secret.
 */
public final class Secrets {

  /** Prefix of install tokens. */
  public static final String INSTALL_TOKEN = "nit_";

  /** Prefix of node session tokens. */
  public static final String NODE_SESSION = "nst_";

  /** Prefix of the API tokens people create for themselves and their automation. */
  public static final String API_TOKEN = "nat_";

  /** Prefix of the embedded fleet's in-memory credential (never leaves the platform's process). */
  public static final String EMBEDDED_FLEET = "nef_";

  private static final String BEARER = "Bearer ";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  public static String generate(String prefix) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The secret an {@code Authorization: Bearer <secret>} header presents, if it is one. */
  public static Optional<String> bearer(String authorizationHeader) {
    return authorizationHeader != null && authorizationHeader.startsWith(BEARER)
        ? Optional.of(authorizationHeader.substring(BEARER.length()).strip())
        : Optional.empty();
  }

  /** Cheap shape check before any lookup: a secret of another shape cannot be one of ours. */
  public static boolean hasShape(String prefix, String secret) {
    return secret != null
        && secret.length() == prefix.length() + 43
        && secret.startsWith(prefix)
        && secret.substring(prefix.length()).matches("[A-Za-z0-9_-]{43}");
  }

  /** Lowercase hex SHA-256 of the secret as presented (the registry's {@link TokenHash}). */
  public static String sha256Hex(String secret) {
    return TokenHash.sha256Hex(secret);
  }

  public static byte[] sha256(byte[] bytes) {
    return TokenHash.sha256(bytes);
  }
}
