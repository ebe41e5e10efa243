package io.noderr.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.noderr.console.AbstractConsoleIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Basic auth failure back-off through the real chain: 401s, then 429 with Retry-After for that user
 * (from any address) and an audited lock-out; other users are not affected.
 */
class LoginThrottleApiIT extends AbstractConsoleIT {

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;

  @Test
  void repeatedWrongPasswordsLockTheUserOut_with429AndRetryAfter_andAnAuditEntry()
      throws Exception {
    String user = "throttle-probe";
    for (int i = 0; i <= LoginThrottle.FREE_FAILURES_PER_USER; i++) {
      login(user, "guess-" + i, "10.77.0.1").andExpect(status().isUnauthorized());
    }
    login(user, "guess-x", "10.77.0.2")
        .andExpect(status().isTooManyRequests())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(jsonPath("$.detail").value("too many failed logins; retry in 1 s"));
    assertThat(
            jdbc.queryForList(
                "SELECT detail FROM audit_log WHERE action = 'auth.lockout' AND subject = ?",
                String.class,
                "user:" + user))
        .containsExactly("6 failed logins; next attempt in 1 s");

    login("sre", PASSWORD, "10.77.0.1").andExpect(status().isOk());
  }

  @Test
  void aGoodLoginIsServedWithoutBcryptAfterTheFirst_andAWrongOneStillFails() throws Exception {
    login("sre", PASSWORD, "10.77.1.1").andExpect(status().isOk());
    long started = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      login("sre", PASSWORD, "10.77.1.1").andExpect(status().isOk());
    }
    long perCallMicros = (System.nanoTime() - started) / 20 / 1000;
    System.out.println("Basic auth, cached: " + perCallMicros + " us per GET /api/v1/fleet/health");
    login("sre", PASSWORD + "x", "10.77.1.1").andExpect(status().isUnauthorized());
  }

  private ResultActions login(String user, String password, String address) throws Exception {
    return mvc.perform(
        get("/api/v1/fleet/health")
            .with(httpBasic(user, password))
            .with(
                request -> {
                  request.setRemoteAddr(address);
                  return request;
                }));
  }
}
