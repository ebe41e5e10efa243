package io.noderr.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.noderr.console.AbstractConsoleIT;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code POST /api/v1/agent/telemetry} through the real node API chain: a node's own session
 * reports for that node only (a batch naming another node is refused whole and nothing of it is
 * stored), reports are validated, and accepted ones reach PostgreSQL through the ingest queue.
 */
class TelemetryApiIT extends AbstractConsoleIT {

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;

  private String sessionOfA;

  @BeforeEach
  void twoNodesWithTheirOwnSessions() throws Exception {
    String answer =
        mvc.perform(
                post("/api/v1/agent/enrollments")
                    .header("Authorization", "Bearer " + agentToken())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        """
                        {"nodes": [
                          {"nodeId": "tm-a", "operator": "tm-op", "tier": "ALL", "region": "eu"},
                          {"nodeId": "tm-b", "operator": "tm-op", "tier": "ALL", "region": "eu"}
                        ]}"""))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    sessionOfA = JsonPath.read(answer, "$.sessions[0].sessionToken");
    jdbc.update("DELETE FROM telemetry_samples WHERE node_id IN ('tm-a', 'tm-b')");
  }

  @Test
  void aNodeReportsForItself_andTheReportIsStoredWithItsTier() throws Exception {
    report(sessionOfA, report("tm-a", 3))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.accepted").value(1));

    await().atMost(Duration.ofSeconds(10)).until(() -> samples("tm-a"), n -> n == 1);
    assertThat(
            jdbc.queryForMap(
                "SELECT tier, errors, errors_by_type->>'timeout' AS timeouts, peers"
                    + " FROM telemetry_samples WHERE node_id = 'tm-a'"))
        .containsEntry("tier", "ALL")
        .containsEntry("errors", 3)
        .containsEntry("timeouts", "3")
        .containsEntry("peers", 12);
  }

  @Test
  void aBatchNamingAnotherNode_isRefusedWhole_andStoresNothing() throws Exception {
    report(sessionOfA, report("tm-a", 0) + "," + report("tm-b", 0))
        .andExpect(status().isForbidden());
    report(sessionOfA, report("tm-b", 0)).andExpect(status().isForbidden());

    Thread.sleep(1_500); // a full flush of the ingest queue
    assertThat(samples("tm-a")).isZero();
    assertThat(samples("tm-b")).isZero();
  }

  @Test
  void invalidReports_areA400NamingTheField() throws Exception {
    report(sessionOfA, report("tm-a", 0).replace("\"cpuPercent\": 10", "\"cpuPercent\": 140"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("cpuPercent")));
    report(sessionOfA, report("tm-a", 0).replace("\"errors\": 0,", ""))
        .andExpect(status().isBadRequest());
    report(sessionOfA, "").andExpect(status().isBadRequest());
  }

  @Test
  void aReportResentAfterATimeout_isStoredOnce_atTheAgentsTime() throws Exception {
    Instant collected = Instant.now().minusSeconds(25).truncatedTo(ChronoUnit.MILLIS);
    String timed =
        report("tm-a", 2)
            .replace(
                "{\"nodeId\": \"tm-a\",", "{\"nodeId\": \"tm-a\", \"at\": \"" + collected + "\",");

    report(sessionOfA, timed).andExpect(status().isAccepted());
    // The agent never saw the 202 (a timeout): it sends the same report again.
    report(sessionOfA, timed).andExpect(status().isAccepted());

    Thread.sleep(1_500); // a full flush of the ingest queue
    assertThat(samples("tm-a")).isOne();
    assertThat(
            jdbc.queryForObject(
                "SELECT at FROM telemetry_samples WHERE node_id = 'tm-a'", Instant.class))
        .isEqualTo(collected);
  }

  @Test
  void aReportTimedFarFromThePlatformsClock_isA400() throws Exception {
    for (Instant at :
        new Instant[] {Instant.now().plusSeconds(600), Instant.now().minus(Duration.ofHours(2))}) {
      report(
              sessionOfA,
              report("tm-a", 0)
                  .replace(
                      "{\"nodeId\": \"tm-a\",", "{\"nodeId\": \"tm-a\", \"at\": \"" + at + "\","))
          .andExpect(status().isBadRequest())
          .andExpect(
              jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("reports[0].at: ")));
    }
  }

  private long samples(String nodeId) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM telemetry_samples WHERE node_id = ?", Long.class, nodeId);
  }

  private ResultActions report(String session, String reports) throws Exception {
    return mvc.perform(
        post("/api/v1/agent/telemetry")
            .header("Authorization", "Bearer " + session)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"reports\": [" + reports + "]}"));
  }

  private static String report(String nodeId, int errors) {
    return """
        {"nodeId": "%s", "version": "1.0.0", "health": "HEALTHY", "cpuPercent": 10,
         "memoryPercent": 20, "diskPercent": 30, "platformRttMs": 4.5,
         "peerRttMs": {"tm-b": 7.5}, "errors": %d, "errorsByType": %s, "requests": 100,
         "latencyP95Ms": 80, "blockLag": 0, "peers": 12, "missedDuties": 0, "trades": 1,
         "orders": 2}"""
        .formatted(nodeId, errors, errors == 0 ? "{}" : "{\"timeout\": " + errors + "}");
  }
}
