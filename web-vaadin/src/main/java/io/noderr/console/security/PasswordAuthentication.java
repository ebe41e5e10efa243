package io.noderr.console.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password logins (HTTP Basic on the API, the console's login form): throttled by {@link
 * LoginThrottle} before anything else, then answered from a short-lived cache of recent successes,
 * and only then checked with bcrypt.
 *
 * <p>Why the cache is safe: its key is an HMAC-SHA256 of user name and password under a random key
 * that exists only in this process's memory, so it holds no password, and a dump of it cannot be
 * attacked offline faster than bcrypt without that key. A hit needs exactly the credentials that
 * passed bcrypt within the last {@link #TTL_NANOS}; users and roles come from configuration and
 * change only with a restart, which empties the cache. Failures are never cached (each is counted
 * by the throttle). Without it every API call paid a bcrypt (~60-100 ms of CPU on 2 cores).
 */
class PasswordAuthentication implements AuthenticationProvider {

  static final long TTL_NANOS = 5 * 60 * 1_000_000_000L;

  /** Above this many cached logins, expired ones are dropped, then the cache starts over. */
  private static final int MAX_CACHED = 10_000;

  private final AuthenticationProvider bcrypt;
  private final LoginThrottle throttle;
  private final LongSupplier nanoTime;
  private final SecretKeySpec cacheKey;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  PasswordAuthentication(
      AuthenticationProvider bcrypt, LoginThrottle throttle, LongSupplier nanoTime) {
    this.bcrypt = bcrypt;
    this.throttle = throttle;
    this.nanoTime = nanoTime;
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.cacheKey = new SecretKeySpec(key, "HmacSHA256");
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  @Override
  public Authentication authenticate(Authentication attempt) throws AuthenticationException {
    String user = attempt.getName();
    String address = address(attempt);
    long wait = throttle.retryAfterSeconds(address, user);
    if (wait > 0) {
      throw new LoginThrottledException(wait);
    }
    Object password = attempt.getCredentials();
    if (!(password instanceof String text)) {
      throw new BadCredentialsException("bad credentials");
    }
    String key = cacheKey(user, text);
    long now = nanoTime.getAsLong();
    Cached hit = cache.get(key);
    if (hit != null && now - hit.at() < TTL_NANOS) {
      return hit.authentication();
    }
    Authentication result;
    try {
      result = bcrypt.authenticate(attempt);
    } catch (BadCredentialsException e) {
      throttle.failed(address, user);
      throw e;
    }
    throttle.succeeded(user);
    if (cache.size() >= MAX_CACHED) {
      cache.values().removeIf(c -> now - c.at() >= TTL_NANOS);
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
    }
    // What is cached carries no credentials (they are erased from the returned token anyway).
    Authentication cached =
        UsernamePasswordAuthenticationToken.authenticated(
            result.getPrincipal(), null, result.getAuthorities());
    cache.put(key, new Cached(cached, now));
    return cached;
  }

  /**
   * Drops {@code username}'s cached logins, so a login disabled now stops working on its next
   * request instead of when its cache entry expires.
   */
  @EventListener
  void forget(LoginDisabled disabled) {
    forget(disabled.username());
  }

  void forget(String username) {
    cache.values().removeIf(c -> c.authentication().getName().equals(username));
  }

  private String cacheKey(String user, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(cacheKey);
      // Length-prefixed, so no other split of the same bytes into user and password collides.
      byte[] name = user.getBytes(StandardCharsets.UTF_8);
      mac.update(ByteBuffer.allocate(4).putInt(name.length).array());
      mac.update(name);
      return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String address(Authentication attempt) {
    return attempt.getDetails() instanceof WebAuthenticationDetails web
            && web.getRemoteAddress() != null
        ? web.getRemoteAddress()
        : "unknown";
  }

  private record Cached(Authentication authentication, long at) {}
}
