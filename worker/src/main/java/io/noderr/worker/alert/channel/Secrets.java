package io.noderr.worker.alert.channel;

/**
 * Keeps channel secrets out of what is logged and stored. A webhook URL is a credential (anyone
 * holding it may post), so is an SMTP password; exception messages from HTTP and mail libraries may
 * quote either.
 */
final class Secrets {

  static final String MASK = "***";

  private Secrets() {}

  /** {@code text} with every occurrence of each non-empty secret replaced by {@link #MASK}. */
  static String scrub(String text, String... secrets) {
    if (text == null) {
      return "";
    }
    String clean = text;
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        clean = clean.replace(secret, MASK);
      }
    }
    return clean;
  }
}
