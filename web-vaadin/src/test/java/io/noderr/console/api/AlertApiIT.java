package io.noderr.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.noderr.console.AbstractConsoleIT;
import io.noderr.registry.alert.AlertRow;
import io.noderr.registry.alert.AlertSilences;
import io.noderr.registry.alert.Alerts;
import io.noderr.registry.alert.Finding;
import io.noderr.registry.alert.Severity;
import io.noderr.registry.audit.AuditLog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code /api/v1/alerts}: SREs and admins read, acknowledge (with an owner, audited) and silence
 * (bounded, audited); other roles are refused; bad input is a 400 that says why and changes
 * nothing.
 */
class AlertApiIT extends AbstractConsoleIT {

  @Autowired MockMvc mvc;
  @Autowired Alerts alerts;
  @Autowired AlertSilences silences;
  @Autowired AuditLog audit;
  @Autowired JdbcTemplate jdbc;

  private AlertRow offline;
  private AlertRow outage;

  @BeforeEach
  void twoAlerts() {
    jdbc.execute("TRUNCATE alert_deliveries, alerts, alert_silences RESTART IDENTITY");
    offline = alerts.open(finding("NodeOffline", "n-1", Severity.WARNING), Instant.now(), null);
    outage = alerts.open(finding("RegionOutage", "n-2", Severity.CRITICAL), Instant.now(), null);
  }

  @Test
  void anSre_listsAndFilters_andAcknowledgesWithAnOwner_audited() throws Exception {
    mvc.perform(get("/api/v1/alerts?state=FIRING").with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(2));
    mvc.perform(get("/api/v1/alerts?severity=critical").with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].rule").value("RegionOutage"))
        .andExpect(jsonPath("$[0].runbook").value("docs/alerts.md#regionoutage"));

    ack("sre", offline.id(), "{\"owner\": \"alice\", \"note\": \"replacing the disk\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.ackedBy").value("alice"))
        .andExpect(jsonPath("$.ackNote").value("replacing the disk"));
    ack("admin", outage.id(), "")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.ackedBy").value("admin"));

    assertThat(audit.recentFor("alert-" + offline.id(), 1))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.actor()).isEqualTo("sre");
              assertThat(e.action()).isEqualTo("alert.acknowledged");
              assertThat(e.detail()).isEqualTo("owner alice: replacing the disk");
            });
    mvc.perform(get("/api/v1/alerts/" + offline.id()).with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.alert.ackedBy").value("alice"))
        .andExpect(jsonPath("$.deliveries.length()").value(0));
  }

  @Test
  void silences_areBounded_andExpireOnce() throws Exception {
    silence(
            "sre",
            "{\"matchers\": {\"node\": \"n-1\"}, \"duration\": \"PT2H\", \"reason\": \"disk swap\"}")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.matchers.node").value("n-1"))
        .andExpect(jsonPath("$.createdBy").value("sre"));
    long id = silences.recent(1).getFirst().id();
    mvc.perform(get("/api/v1/alerts/silences").with(httpBasic("admin", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].reason").value("disk swap"));

    mvc.perform(expire(id))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.expiredReason").value("expired by admin"));
    mvc.perform(expire(id)).andExpect(status().isConflict());
    mvc.perform(expire(999)).andExpect(status().isNotFound());
    assertThat(audit.recentFor("silence-" + id, 5))
        .extracting(e -> e.action())
        .containsExactly("alert.silence-expired", "alert.silence-created");
  }

  @Test
  void badInput_isA400ThatSaysWhy_andChangesNothing() throws Exception {
    mvc.perform(get("/api/v1/alerts?severity=LOUD").with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath(
                "$.detail", containsString("severity must be one of INFO, WARNING, CRITICAL")));
    mvc.perform(get("/api/v1/alerts?limit=0").with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("limit must be between 1 and 500")));
    ack("sre", offline.id(), "{\"note\": \"" + "x".repeat(501) + "\"}")
        .andExpect(status().isBadRequest());
    ack("sre", 999, "{}").andExpect(status().isNotFound());
    silence("sre", "{\"matchers\": {}, \"duration\": \"PT1H\", \"reason\": \"r\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("matchers: give 1 to 10")));
    silence(
            "sre",
            "{\"matchers\": {\"node\": \"n-1\"}, \"duration\": \"PT48H\", \"reason\": \"r\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("duration must be at most PT24H")));
    silence(
            "sre",
            "{\"matchers\": {\"node\": \"n-1\"}, \"duration\": \"-PT1H\", \"reason\": \"r\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("duration must be positive")));
    silence(
            "sre",
            "{\"matchers\": {\"Node Id\": \"n-1\"}, \"duration\": \"PT1H\", \"reason\": \"r\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("label 'Node Id'")));
    silence("sre", "{\"matchers\": {\"node\": \"n-1\"}, \"duration\": \"PT1H\", \"reason\": \" \"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("reason: say why")));
    silence("sre", "{\"matchers\": {\"node\": \"n-1\"}, \"duration\": \"soon\", \"reason\": \"r\"}")
        .andExpect(status().isBadRequest());

    alerts.resolve(offline.id(), Instant.now());
    ack("sre", offline.id(), "{}")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail", containsString("is RESOLVED, not firing")));
    assertThat(silences.recent(10)).isEmpty();
    assertThat(alerts.find(outage.id()).orElseThrow().acknowledged()).isFalse();
  }

  @Test
  void onlySresAndAdmins_acknowledgeOrSilence() throws Exception {
    mvc.perform(get("/api/v1/alerts").with(httpBasic("signer1", PASSWORD)))
        .andExpect(status().isForbidden());
    ack("signer1", offline.id(), "{}").andExpect(status().isForbidden());
    silence(
            "signer1",
            "{\"matchers\": {\"node\": \"n-1\"}, \"duration\": \"PT1H\", \"reason\": \"r\"}")
        .andExpect(status().isForbidden());
    mvc.perform(post("/api/v1/alerts/" + offline.id() + "/ack").header("X-Requested-By", "test"))
        .andExpect(status().isUnauthorized());

    assertThat(alerts.find(offline.id()).orElseThrow().acknowledged()).isFalse();
    assertThat(silences.recent(10)).isEmpty();
  }

  /** A body-less POST carries X-Requested-By (the API's CSRF defence asks for it). */
  private RequestBuilder expire(long id) {
    return post("/api/v1/alerts/silences/" + id + "/expire")
        .with(httpBasic("admin", PASSWORD))
        .header("X-Requested-By", "test");
  }

  private ResultActions ack(String user, long id, String body) throws Exception {
    return mvc.perform(
        post("/api/v1/alerts/" + id + "/ack")
            .with(httpBasic(user, PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  private ResultActions silence(String user, String body) throws Exception {
    return mvc.perform(
        post("/api/v1/alerts/silences")
            .with(httpBasic(user, PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  private static Finding finding(String rule, String node, Severity severity) {
    return new Finding(
        rule,
        rule + "/node=" + node,
        severity,
        node + " is silent",
        Map.of("node", node),
        List.of(node),
        List.of(),
        "docs/alerts.md#" + rule.toLowerCase());
  }
}
