package io.noderr.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.noderr.console.AbstractConsoleIT;
import io.noderr.gateway.agent.EmbeddedFleetCredential;
import io.noderr.registry.identity.TokenHash;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The fleet agent token is never accepted for a node with a proven identity: neither to enrol it
 * again nor to heartbeat for it (a whole batch is refused, nothing written). Nodes without one keep
 * working with it in the demo profile.
 */
class FleetTokenApiIT extends AbstractConsoleIT {

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired EmbeddedFleetCredential embeddedFleet;

  /** Once per class: once it has an identity, the fleet token cannot enrol ft-proven again. */
  @BeforeEach
  void aSimulatedNodeAndAnIdentifiedOne() throws Exception {
    if (jdbc.queryForObject("SELECT count(*) FROM nodes WHERE id = 'ft-proven'", Long.class) > 0) {
      return;
    }
    fleet("/api/v1/agent/enrollments", enrollment("ft-plain") + "," + enrollment("ft-proven"))
        .andExpect(status().isOk());
    jdbc.update(
        "INSERT INTO node_identities (node_id, key_kind, ak_public) VALUES ('ft-proven',"
            + " 'SOFTWARE', 'pk')");
  }

  @Test
  void aHeartbeatBatchNamingAnIdentifiedNodeIs403_andWritesNothing() throws Exception {
    fleet("/api/v1/agent/heartbeats", report("ft-plain") + "," + report("ft-proven"), "reports")
        .andExpect(status().isForbidden())
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "the fleet token is not accepted for nodes with a proven identity or outside"
                        + " tier ALL ([ft-proven]); they use their own session"));
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM nodes WHERE id IN ('ft-plain', 'ft-proven')"
                    + " AND last_heartbeat IS NOT NULL",
                Long.class))
        .isZero();

    fleet("/api/v1/agent/heartbeats", report("ft-plain"), "reports").andExpect(status().isOk());
  }

  @Test
  void theFleetTokenEnrolsTierAllOnly_andSpeaksForNoOtherTiersNodes() throws Exception {
    long nodes = jdbc.queryForObject("SELECT count(*) FROM nodes", Long.class);
    fleet(
            "/api/v1/agent/enrollments",
            enrollment("ft-all-2") + "," + enrollment("ft-oracle", "ORACLE"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail", startsWith("the fleet token enrols tier ALL nodes only")));
    assertThat(jdbc.queryForObject("SELECT count(*) FROM nodes", Long.class)).isEqualTo(nodes);

    // A GUARDIAN node the platform's own fleet enrolled: the fleet token cannot report or renew
    // for it; the embedded fleet's in-memory credential can.
    mvc.perform(
            post("/api/v1/agent/enrollments")
                .header("Authorization", "Bearer " + embeddedFleet.secret())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"nodes\": [" + enrollment("ft-guardian", "GUARDIAN") + "]}"))
        .andExpect(status().isOk());
    fleet("/api/v1/agent/heartbeats", report("ft-guardian"), "reports")
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail", containsString("outside tier ALL ([ft-guardian])")));
    fleet("/api/v1/agent/sessions", "\"ft-guardian\"", "nodeIds").andExpect(status().isForbidden());
    assertThat(
            jdbc.queryForObject(
                "SELECT last_heartbeat IS NULL FROM nodes WHERE id = 'ft-guardian'", Boolean.class))
        .isTrue();
  }

  @Test
  void anIdentifiedNodeCannotBeEnrolledAgainWithTheFleetToken() throws Exception {
    fleet("/api/v1/agent/enrollments", enrollment("ft-proven"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail", containsString("ft-proven")));
  }

  @Test
  void enrolment_issuesEachNodeItsOwnSession_storedHashed_andRenewalIssuesNewOnes()
      throws Exception {
    String answer =
        fleet("/api/v1/agent/enrollments", enrollment("ft-s1") + "," + enrollment("ft-s2"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.admitted.length()").value(2))
            .andExpect(jsonPath("$.sessions.length()").value(2))
            .andExpect(jsonPath("$.sessions[0].nodeId").value("ft-s1"))
            .andExpect(jsonPath("$.sessions[0].sessionToken").value(startsWith("nst_")))
            .andReturn()
            .getResponse()
            .getContentAsString();
    String token = com.jayway.jsonpath.JsonPath.read(answer, "$.sessions[0].sessionToken");
    assertThat(
            jdbc.queryForObject(
                "SELECT node_id FROM node_sessions WHERE token_hash = ?",
                String.class,
                TokenHash.sha256Hex(token)))
        .isEqualTo("ft-s1");

    fleet("/api/v1/agent/sessions", "\"ft-s1\", \"ft-unknown\"", "nodeIds")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sessions.length()").value(1))
        .andExpect(jsonPath("$.sessions[0].nodeId").value("ft-s1"))
        .andExpect(jsonPath("$.sessions[0].sessionToken").value(not(token)));
  }

  @Test
  void sessionRenewal_isRefusedForAnIdentifiedNode_andAbove500Nodes() throws Exception {
    fleet("/api/v1/agent/sessions", "\"ft-plain\", \"ft-proven\"", "nodeIds")
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail", containsString("ft-proven")));
    String tooMany = String.join(",", java.util.Collections.nCopies(501, "\"ft-plain\""));
    fleet("/api/v1/agent/sessions", tooMany, "nodeIds").andExpect(status().isBadRequest());
  }

  private ResultActions fleet(String path, String items) throws Exception {
    return fleet(path, items, "nodes");
  }

  private ResultActions fleet(String path, String items, String field) throws Exception {
    return mvc.perform(
        post(path)
            .header("Authorization", "Bearer " + agentToken())
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"" + field + "\": [" + items + "]}"));
  }

  private static String enrollment(String nodeId) {
    return enrollment(nodeId, "ALL");
  }

  private static String enrollment(String nodeId, String tier) {
    return """
        {"nodeId": "%s", "operator": "ft-op", "tier": "%s", "region": "eu-west"}"""
        .formatted(nodeId, tier);
  }

  private static String report(String nodeId) {
    return """
        {"nodeId": "%s", "version": "1.0.0", "health": "HEALTHY",
         "cpuPercent": 1, "memoryPercent": 2, "diskPercent": 3}"""
        .formatted(nodeId);
  }
}
