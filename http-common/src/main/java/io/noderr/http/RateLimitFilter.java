package io.noderr.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-address token buckets for the endpoints anyone can call (applications, the auth API): a burst
 * of one minute's allowance, refilled continuously. Over the limit the caller gets 429 with
 * Retry-After and nothing else happens.
 */
public class RateLimitFilter extends OncePerRequestFilter {

  /** Above this many tracked addresses, idle buckets are dropped (bounded memory under a flood). */
  private static final int MAX_TRACKED = 100_000;

  private static final long NANOS_PER_MINUTE = 60_000_000_000L;

  /** Requests whose method and path start with {@code pathPrefix} share a limit per address. */
  public record Rule(String method, String pathPrefix, int perMinute) {}

  private final List<Rule> rules;
  private final ObjectMapper json;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimitFilter(List<Rule> rules, ObjectMapper json, LongSupplier nanoTime) {
    this.rules = List.copyOf(rules);
    this.json = json;
    this.nanoTime = nanoTime;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Rule rule = ruleFor(request);
    if (rule != null) {
      long now = nanoTime.getAsLong();
      if (buckets.size() > MAX_TRACKED) {
        buckets.values().removeIf(bucket -> bucket.idleSince(now) > NANOS_PER_MINUTE);
      }
      String key = rule.pathPrefix() + " " + request.getRemoteAddr();
      Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(rule.perMinute(), now));
      long waitNanos = bucket.take(now);
      if (waitNanos > 0) {
        refuse(response, waitNanos);
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private Rule ruleFor(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    for (Rule rule : rules) {
      if (rule.method().equalsIgnoreCase(request.getMethod())
          && path.startsWith(rule.pathPrefix())) {
        return rule;
      }
    }
    return null;
  }

  private void refuse(HttpServletResponse response, long waitNanos) throws IOException {
    long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    response.setHeader("Retry-After", Long.toString(seconds));
    Problems.write(
        response, json, 429, "too many requests from this address; retry in " + seconds + " s");
  }

  /** A token bucket holding at most one minute's allowance. */
  private static final class Bucket {
    private final int perMinute;
    private double tokens;
    private long lastNanos;

    Bucket(int perMinute, long now) {
      this.perMinute = perMinute;
      this.tokens = perMinute;
      this.lastNanos = now;
    }

    /** Takes a token; returns 0 when granted, else how long until one is available. */
    synchronized long take(long now) {
      tokens =
          Math.min(perMinute, tokens + (now - lastNanos) * (double) perMinute / NANOS_PER_MINUTE);
      lastNanos = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) ((1 - tokens) * NANOS_PER_MINUTE / perMinute);
    }

    synchronized long idleSince(long now) {
      return now - lastNanos;
    }
  }
}
