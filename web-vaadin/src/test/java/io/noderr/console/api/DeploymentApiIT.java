package io.noderr.console.api;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.noderr.console.AbstractConsoleIT;
import io.noderr.registry.Tier;
import io.noderr.registry.rollout.RolloutRow;
import io.noderr.registry.rollout.Rollouts;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code POST /api/v1/deployments} with the strategy fields the console's wizard also sends: a bad
 * value is a 400 whose detail names the field, and no deployment starts.
 */
class DeploymentApiIT extends AbstractConsoleIT {

  @Autowired MockMvc mvc;
  @Autowired Rollouts rollouts;
  @Autowired JdbcTemplate jdbc;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          limit above 100    | "maxFailurePercentByType": {"UNHEALTHY": 101}     | maxFailurePercentByType[UNHEALTHY] must be less than or equal to 100
          unknown type       | "maxFailurePercentByType": {"GREMLINS": 5}        | maxFailurePercentByType: 'GREMLINS' is not a failure type (one of DIGEST_MISMATCH
          window, no days    | "maintenanceWindows": ["02:00-05:00 UTC"]          | maintenanceWindows line 1 ('02:00-05:00 UTC'): it has no days
          window, bad zone   | "maintenanceWindows": ["daily 02:00-05:00", "Sat 01:00-02:00 Moon/Base"] | maintenanceWindows line 2 ('Sat 01:00-02:00 Moon/Base'): 'Moon/Base' is not a time zone
          null window        | "maintenanceWindows": [null]                       | maintenanceWindows[0] must not be null
          deadline zero      | "progressDeadlineMinutes": 0                       | progressDeadlineMinutes must be greater than or equal to 1
          deadline too long  | "progressDeadlineMinutes": 20000                   | progressDeadlineMinutes must be less than or equal to 10080
          ramp below 1       | "ramp": 0.5                                        | ramp must be greater than or equal to 1
          windows not a list | "maintenanceWindows": {"a": 1}                     | not valid JSON of the expected shape
          """)
  void aBadStrategyField_isA400NamingIt_andNothingStarts(String name, String field, String detail)
      throws Exception {
    String body =
        """
        {"version": "7.7.7", "tiers": ["ORACLE"], "imageDigest": "sha256:%s", %s}
        """
            .formatted("ab".repeat(32), field);

    mvc.perform(
            post("/api/v1/deployments")
                .with(httpBasic("admin", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString(detail)));
    mvc.perform(get("/api/v1/deployments/rollout-ORACLE-7.7.7").with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isNotFound());
  }

  @Test
  void forceLocks_goesWithRetryOnly() throws Exception {
    mvc.perform(
            post("/api/v1/deployments/rollout-ORACLE-7.7.7/pause")
                .with(httpBasic("admin", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\": \"stuck\", \"forceLocks\": true}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("forceLocks goes with retry only")));
  }

  @Test
  void aReleaseTheSignersDidNotPublishForEveryTier_isA409NamingBoth_andNothingStarts()
      throws Exception {
    String signed = "sha256:" + "5a".repeat(32);
    String other = "sha256:" + "0b".repeat(32);
    published(Tier.ORACLE, "8.1.0", signed);

    deploy("{\"version\": \"8.1.0\", \"tiers\": [\"ORACLE\"], \"imageDigest\": \"" + other + "\"}")
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath(
                "$.detail",
                containsString(
                    "the beacon publishes 8.1.0 ("
                        + signed
                        + ") for tier ORACLE, not 8.1.0 ("
                        + other
                        + ")")));
    deploy("{\"version\": \"8.1.1\", \"tiers\": [\"ORACLE\"]}")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail", containsString("not 8.1.1")));
    deploy("{\"version\": \"8.1.0\", \"tiers\": [\"ORACLE\", \"GUARDIAN\"]}")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail", containsString("for tier GUARDIAN")));
    mvc.perform(
            post("/api/v1/rollbacks")
                .with(httpBasic("admin", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"tier\": \"ORACLE\", \"toVersion\": \"8.0.0\", \"reason\": \"bad\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail", containsString("never published 8.0.0")));
    mvc.perform(get("/api/v1/deployments/rollout-ORACLE-8.1.0").with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isNotFound());
    mvc.perform(get("/api/v1/deployments/rollout-ORACLE-8.1.1").with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isNotFound());
  }

  @Test
  void aDeploymentWhoseWorkflowIsGone_answersFromTheReadModel_insteadOf404() throws Exception {
    try {
      answersFromTheReadModel();
    } finally {
      jdbc.update(
          "DELETE FROM rollouts WHERE id IN (?, ?, ?)",
          "rollout-GUARDIAN-6.0.0",
          "rollout-GUARDIAN-6.0.1",
          "rollout-GUARDIAN-5.9.0");
    }
  }

  private void answersFromTheReadModel() throws Exception {
    rollouts.planned("rollout-GUARDIAN-6.0.0", "6.0.0", List.of(Tier.GUARDIAN));
    rollouts.apply(row("rollout-GUARDIAN-6.0.0", "6.0.0", "PAUSED"), 5);
    rollouts.planned("rollout-GUARDIAN-6.0.1", "6.0.1", List.of(Tier.GUARDIAN));
    rollouts.apply(row("rollout-GUARDIAN-6.0.1", "6.0.1", "RESUMING"), 5);
    rollouts.planned("rollout-GUARDIAN-5.9.0", "5.9.0", List.of(Tier.GUARDIAN));
    rollouts.apply(row("rollout-GUARDIAN-5.9.0", "5.9.0", "SUCCEEDED"), 9);

    mvc.perform(get("/api/v1/deployments/rollout-GUARDIAN-6.0.0").with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("LOST"))
        .andExpect(jsonPath("$.stage").value(2))
        .andExpect(jsonPath("$.total").value(8))
        .andExpect(jsonPath("$.reason", containsString("last recorded as PAUSED")));
    mvc.perform(get("/api/v1/deployments/rollout-GUARDIAN-6.0.1").with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("RESUMING"))
        .andExpect(jsonPath("$.reason", containsString("being started again")));
    mvc.perform(get("/api/v1/deployments/rollout-GUARDIAN-5.9.0").with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("SUCCEEDED"));
    mvc.perform(get("/api/v1/deployments/rollout-GUARDIAN-9.9.9").with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isNotFound());
  }

  private static RolloutRow row(String id, String version, String status) {
    return new RolloutRow(id, version, List.of(), status, 2, 3, 8, 3, 0, 0, null, null);
  }

  private ResultActions deploy(String body) throws Exception {
    return mvc.perform(
        post("/api/v1/deployments")
            .with(httpBasic("admin", PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }
}
