package io.noderr.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import io.noderr.registry.audit.AuditLog;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The cache in front of bcrypt and the throttle in front of both. */
class PasswordAuthenticationTest {

  private final AtomicInteger bcryptCalls = new AtomicInteger();
  private final AtomicLong nanos = new AtomicLong();

  /** Stands in for bcrypt: "alice" / "right" only. */
  private final AuthenticationProvider bcrypt =
      new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication attempt) {
          bcryptCalls.incrementAndGet();
          if (attempt.getName().equals("alice") && "right".equals(attempt.getCredentials())) {
            return UsernamePasswordAuthenticationToken.authenticated(
                "alice", "right", List.of(new SimpleGrantedAuthority("ROLE_SRE")));
          }
          throw new BadCredentialsException("bad credentials");
        }

        @Override
        public boolean supports(Class<?> authentication) {
          return true;
        }
      };

  private final LoginThrottle throttle = new LoginThrottle(mock(AuditLog.class), nanos::get);
  private final PasswordAuthentication passwords =
      new PasswordAuthentication(bcrypt, throttle, nanos::get);

  @Test
  void aRepeatedGoodLoginPaysBcryptOncePerFiveMinutes_andCarriesNoPassword() {
    for (int i = 0; i < 100; i++) {
      Authentication result = passwords.authenticate(login("alice", "right"));
      assertThat(result.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_SRE");
      assertThat(result.getCredentials()).isNull();
    }
    assertThat(bcryptCalls).hasValue(1);
    nanos.addAndGet(PasswordAuthentication.TTL_NANOS);
    passwords.authenticate(login("alice", "right"));
    assertThat(bcryptCalls).hasValue(2);
  }

  @Test
  void aWrongPasswordIsNeverAnsweredFromTheCache_andLocksAfterFiveFailures() {
    passwords.authenticate(login("alice", "right"));
    for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_USER + 1; i++) {
      assertThatThrownBy(() -> passwords.authenticate(login("alice", "wrong")))
          .isInstanceOf(BadCredentialsException.class);
    }
    int calls = bcryptCalls.get();
    assertThatThrownBy(() -> passwords.authenticate(login("alice", "right")))
        .isInstanceOfSatisfying(
            LoginThrottledException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
    assertThat(bcryptCalls).as("a locked login costs no bcrypt").hasValue(calls);
  }

  private static UsernamePasswordAuthenticationToken login(String user, String password) {
    return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
  }
}
