package io.noderr.console.security;

import org.springframework.security.core.AuthenticationException;

/** Too many failed logins for this user or address: answered 429 with Retry-After. */
class LoginThrottledException extends AuthenticationException {

  private final long retryAfterSeconds;

  LoginThrottledException(long retryAfterSeconds) {
    super("too many failed logins; retry in " + retryAfterSeconds + " s");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
