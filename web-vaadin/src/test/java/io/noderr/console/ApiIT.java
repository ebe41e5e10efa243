package io.noderr.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.activities.TaskQueues;
import io.noderr.gateway.agent.EmbeddedFleetCredential;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The REST API through the real security chains, controllers, services and PostgreSQL: node list
 * and its parameters, roles, health checks (Temporal test server), the agent API and its
 * validation, and the OpenAPI document.
 */
class ApiIT extends AbstractConsoleIT {

  /** Every node this class seeds has this operator prefix, so {@code q=apiseed-} finds them. */
  private static final String OPERATOR_PREFIX = "apiseed-";

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired WorkflowClient temporal;
  @Autowired ObjectMapper json;
  @Autowired EmbeddedFleetCredential embeddedFleet;

  /** Seeds four nodes through the agent API (idempotent, so before each test). */
  @BeforeEach
  void seed() throws Exception {
    agent(
            "/api/v1/agent/enrollments",
            """
            {"nodes": [
              {"nodeId": "api-oracle-1", "operator": "apiseed-acme", "tier": "ORACLE",
               "region": "eu-west", "labels": {"rack": "r1"}},
              {"nodeId": "api-oracle-2", "operator": "apiseed-globex", "tier": "ORACLE",
               "region": "us-east"},
              {"nodeId": "api-guardian-1", "operator": "apiseed-acme", "tier": "GUARDIAN",
               "region": "ap-south"},
              {"nodeId": "api-all-1", "operator": "apiseed-initech", "tier": "ALL",
               "region": "eu-west"}
            ]}
            """)
        .andExpect(status().isOk());
    agent(
            "/api/v1/agent/heartbeats",
            """
            {"reports": [
              %s, %s, %s
            ]}
            """
                .formatted(
                    report("api-oracle-1", "9.1.0", "HEALTHY", 10),
                    report("api-oracle-2", "9.2.0", "HEALTHY", 20),
                    report("api-guardian-1", "9.1.0", "UNHEALTHY", 30)))
        .andExpect(status().isOk());
    // A status no agent call produces (a security decision); the agent API cannot set it.
    jdbc.update("UPDATE nodes SET status = 'QUARANTINED' WHERE id = 'api-all-1'");
  }

  // ---------------------------------------------------------------- GET /api/v1/nodes

  @Test
  void listAnswersAPageOfNodes() throws Exception {
    mvc.perform(get("/api/v1/nodes").param("q", OPERATOR_PREFIX).with(admin()))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.total").value(4))
        .andExpect(jsonPath("$.page").value(0))
        .andExpect(jsonPath("$.size").value(50))
        .andExpect(jsonPath("$.items.length()").value(4))
        // sorted by id by default
        .andExpect(jsonPath("$.items[0].id").value("api-all-1"))
        .andExpect(jsonPath("$.items[1].id").value("api-guardian-1"))
        .andExpect(jsonPath("$.items[2].id").value("api-oracle-1"))
        .andExpect(jsonPath("$.items[3].id").value("api-oracle-2"))
        .andExpect(jsonPath("$.items[2].operator").value("apiseed-acme"))
        .andExpect(jsonPath("$.items[2].tier").value("ORACLE"))
        .andExpect(jsonPath("$.items[2].region").value("eu-west"))
        .andExpect(jsonPath("$.items[2].status").value("ACTIVE"))
        .andExpect(jsonPath("$.items[2].version").value("9.1.0"))
        .andExpect(jsonPath("$.items[2].health").value("HEALTHY"))
        .andExpect(jsonPath("$.items[2].attestation").value("UNATTESTED"))
        .andExpect(jsonPath("$.items[2].lastSeen", notNullValue()))
        .andExpect(jsonPath("$.items[0].status").value("QUARANTINED"))
        .andExpect(jsonPath("$.items[0].version", nullValue()))
        .andExpect(jsonPath("$.items[0].lastSeen", nullValue()));

    JsonNode page = read(mvc.perform(get("/api/v1/nodes").param("q", OPERATOR_PREFIX).with(sre())));
    Instant lastSeen = Instant.parse(page.at("/items/2/lastSeen").asText());
    assertThat(lastSeen).isBetween(Instant.now().minus(Duration.ofMinutes(5)), Instant.now());
  }

  @Test
  void listPagesAndSorts() throws Exception {
    mvc.perform(
            get("/api/v1/nodes")
                .param("q", OPERATOR_PREFIX)
                .param("size", "2")
                .param("page", "1")
                .with(admin()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(4))
        .andExpect(jsonPath("$.page").value(1))
        .andExpect(jsonPath("$.size").value(2))
        .andExpect(jsonPath("$.items[*].id", is(List.of("api-oracle-1", "api-oracle-2"))));

    mvc.perform(
            get("/api/v1/nodes")
                .param("q", OPERATOR_PREFIX)
                .param("sort", "region")
                .param("order", "desc")
                .with(admin()))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath(
                "$.items[*].region", is(List.of("us-east", "eu-west", "eu-west", "ap-south"))));

    // lastSeen (the JSON name) sorts too; never-seen nodes come first ascending.
    mvc.perform(
            get("/api/v1/nodes")
                .param("q", OPERATOR_PREFIX)
                .param("sort", "lastSeen")
                .param("order", "ASC")
                .with(admin()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].id").value("api-all-1"));

    // A page past the end is empty, not an error.
    mvc.perform(get("/api/v1/nodes").param("q", OPERATOR_PREFIX).param("page", "9").with(admin()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(4))
        .andExpect(jsonPath("$.items.length()").value(0));
  }

  @Test
  void listFilters() throws Exception {
    // tier, case-insensitive
    mvc.perform(
            get("/api/v1/nodes").param("q", OPERATOR_PREFIX).param("tier", "oracle").with(admin()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(2))
        .andExpect(jsonPath("$.items[*].id", is(List.of("api-oracle-1", "api-oracle-2"))));
    mvc.perform(get("/api/v1/nodes").param("tier", "ORACLE").param("size", "500").with(admin()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[*].tier", everyItem(is("ORACLE"))))
        .andExpect(jsonPath("$.items[*].id", hasItem("api-oracle-2")));
    // status
    mvc.perform(
            get("/api/v1/nodes")
                .param("q", OPERATOR_PREFIX)
                .param("status", "quarantined")
                .with(admin()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.items[0].id").value("api-all-1"));
    // version, exact
    mvc.perform(get("/api/v1/nodes").param("version", "9.2.0").with(admin()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.items[0].id").value("api-oracle-2"));
    mvc.perform(
            get("/api/v1/nodes").param("q", OPERATOR_PREFIX).param("version", "9.1").with(admin()))
        .andExpect(jsonPath("$.total").value(0));
    // filters combine
    mvc.perform(
            get("/api/v1/nodes")
                .param("q", OPERATOR_PREFIX)
                .param("tier", "GUARDIAN")
                .param("status", "ACTIVE")
                .param("version", "9.1.0")
                .with(admin()))
        .andExpect(jsonPath("$.items[*].id", is(List.of("api-guardian-1"))));
    // q: operator, id and region, case-insensitive
    mvc.perform(get("/api/v1/nodes").param("q", "SEED-GLOBEX").with(admin()))
        .andExpect(jsonPath("$.items[*].id", is(List.of("api-oracle-2"))));
    mvc.perform(get("/api/v1/nodes").param("q", "api-guardian").with(admin()))
        .andExpect(jsonPath("$.items[*].id", is(List.of("api-guardian-1"))));
    mvc.perform(
            get("/api/v1/nodes")
                .param("q", "eu-west")
                .param("tier", "ALL")
                .param("status", "QUARANTINED")
                .with(admin()))
        .andExpect(jsonPath("$.items[*].id", hasItem("api-all-1")));
    // q is text, not a LIKE pattern
    mvc.perform(get("/api/v1/nodes").param("q", "%").with(admin()))
        .andExpect(jsonPath("$.total").value(0));
    mvc.perform(get("/api/v1/nodes").param("q", "api_oracle").with(admin()))
        .andExpect(jsonPath("$.total").value(0));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          tier=gold   | tier must be one of [all, oracle, guardian], got 'gold'
          status=bogus| status must be one of [pending, active, degraded, quarantined, retired]
          size=0      | size must be a whole number from 1 to 500
          size=501    | size must be a whole number from 1 to 500
          page=-1     | page must be a whole number from 0 to 1000000
          page=abc    | page must be a whole number from 0 to 1000000
          page=1.5    | page must be a whole number from 0 to 1000000
          sort=nope   | sort must be one of [id, operator, tier, region, status, version, last_seen]
          order=up    | order must be asc or desc, got 'up'
          """)
  void badListParametersAreRefusedWithAReadableDetail(String parameter, String detail)
      throws Exception {
    String[] nameValue = parameter.split("=", 2);
    mvc.perform(get("/api/v1/nodes").param(nameValue[0], nameValue[1]).with(admin()))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.detail", containsString(detail)));
  }

  // ---------------------------------------------------------------- authentication and roles

  @Test
  void withoutCredentialsTheApiAnswers401WithAProblem() throws Exception {
    for (String path : List.of("/api/v1/nodes", "/api/v1/fleet/health", "/api/v1/nodes/x")) {
      expectUnauthorized(mvc.perform(get(path)));
    }
    expectUnauthorized(
        mvc.perform(
            post("/api/v1/nodes/api-oracle-1/health-checks").header("X-Requested-By", "api-it")));
  }

  @Test
  void aWrongPasswordOrUnknownUserIs401() throws Exception {
    expectUnauthorized(mvc.perform(get("/api/v1/nodes").with(httpBasic("admin", "wrong"))));
    expectUnauthorized(mvc.perform(get("/api/v1/nodes").with(httpBasic("nobody", PASSWORD))));
    expectUnauthorized(
        mvc.perform(get("/api/v1/nodes").header(HttpHeaders.AUTHORIZATION, "Basic !!!")));
  }

  @Test
  void aSignerMayNotReadNodes() throws Exception {
    expectForbidden(mvc.perform(get("/api/v1/nodes").with(signer())));
    expectForbidden(mvc.perform(get("/api/v1/nodes/api-oracle-1").with(signer())));
  }

  @Test
  void everyPersonMayReadFleetHealth() throws Exception {
    for (var login : List.of(signer(), sre(), admin())) {
      mvc.perform(get("/api/v1/fleet/health").with(login))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.total", notNullValue()))
          .andExpect(jsonPath("$.byTier.ORACLE", notNullValue()))
          .andExpect(jsonPath("$.byStatus.QUARANTINED", notNullValue()))
          .andExpect(jsonPath("$.byVersion['9.2.0']", notNullValue()))
          .andExpect(jsonPath("$.byTierAndStatus.ALL.QUARANTINED", notNullValue()));
    }
    JsonNode health = read(mvc.perform(get("/api/v1/fleet/health").with(signer())));
    assertThat(health.get("total").asLong())
        .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM nodes", Long.class));
  }

  @Test
  void theFleetTokenMeansNothingToTheConsoleApi() throws Exception {
    // The fleet token is the node gateway's credential; the console API does not know it at all.
    expectUnauthorized(
        mvc.perform(
            get("/api/v1/nodes").header(HttpHeaders.AUTHORIZATION, "Bearer " + agentToken())));
    expectUnauthorized(
        mvc.perform(get("/api/v1/nodes").header(HttpHeaders.AUTHORIZATION, bearer())));
  }

  // ---------------------------------------------------------------- GET /api/v1/nodes/{id}

  @Test
  void nodeDetails() throws Exception {
    mvc.perform(get("/api/v1/nodes/api-oracle-1").with(sre()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.node.id").value("api-oracle-1"))
        .andExpect(jsonPath("$.node.operatorId").value("apiseed-acme"))
        .andExpect(jsonPath("$.node.tier").value("ORACLE"))
        .andExpect(jsonPath("$.node.region").value("eu-west"))
        .andExpect(jsonPath("$.node.version").value("9.1.0"))
        .andExpect(jsonPath("$.operatorName").value("apiseed-acme"))
        .andExpect(jsonPath("$.recentAudit[*].action", hasItem("node.enrolled")))
        .andExpect(jsonPath("$.recentWorkflows", notNullValue()));
  }

  @Test
  void anUnknownNodeIs404() throws Exception {
    mvc.perform(get("/api/v1/nodes/no-such-node").with(admin()))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(404))
        .andExpect(jsonPath("$.detail").value("no node with id 'no-such-node'"));
  }

  // ---------------------------------------------------------------- POST .../health-checks

  @Test
  void anAdminStartsAHealthCheck() throws Exception {
    MvcResult result =
        mvc.perform(
                post("/api/v1/nodes/api-oracle-1/health-checks")
                    .header("X-Requested-By", "api-it")
                    .with(admin()))
            .andExpect(status().isAccepted())
            .andExpect(jsonPath("$.workflowId", startsWith("health-check-api-oracle-1-")))
            .andReturn();
    String workflowId =
        json.readTree(result.getResponse().getContentAsString()).get("workflowId").asText();

    Map<String, Object> run =
        jdbc.queryForMap("SELECT * FROM workflow_runs WHERE workflow_id = ?", workflowId);
    assertThat(run)
        .containsEntry("workflow_type", "NodeHealthCheckWorkflow")
        .containsEntry("subject", "api-oracle-1")
        .containsEntry("status", "RUNNING")
        .containsEntry("started_by", "admin");
    assertThat(
            jdbc.queryForList(
                "SELECT actor || ' ' || action || ' ' || subject FROM audit_log"
                    + " WHERE workflow_id = ?",
                String.class,
                workflowId))
        .containsExactly("admin node.health-check-requested api-oracle-1");

    // The workflow exists in Temporal, on the platform queue.
    var execution =
        temporal
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(temporal.getOptions().getNamespace())
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                    .build());
    assertThat(execution.getWorkflowExecutionInfo().getType().getName())
        .isEqualTo("NodeHealthCheckWorkflow");
    assertThat(execution.getWorkflowExecutionInfo().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(execution.getExecutionConfig().getTaskQueue().getName())
        .isEqualTo(TaskQueues.PLATFORM);

    // The node's details list it.
    mvc.perform(get("/api/v1/nodes/api-oracle-1").with(admin()))
        .andExpect(jsonPath("$.recentWorkflows[*].run.workflowId", hasItem(workflowId)))
        .andExpect(jsonPath("$.recentAudit[*].workflowId", hasItem(workflowId)));
  }

  @Test
  void onlyAdminsStartHealthChecks() throws Exception {
    long runs = workflowRuns();
    expectForbidden(
        mvc.perform(
            post("/api/v1/nodes/api-oracle-1/health-checks")
                .header("X-Requested-By", "api-it")
                .with(sre())));
    expectForbidden(
        mvc.perform(
            post("/api/v1/nodes/api-oracle-1/health-checks")
                .header("X-Requested-By", "api-it")
                .with(signer())));
    expectUnauthorized(
        mvc.perform(
            post("/api/v1/nodes/api-oracle-1/health-checks")
                .header("X-Requested-By", "api-it")
                .header(HttpHeaders.AUTHORIZATION, bearer())));
    assertThat(workflowRuns()).isEqualTo(runs);
  }

  @Test
  void aHealthCheckOfAnUnknownNodeIs404() throws Exception {
    long runs = workflowRuns();
    mvc.perform(
            post("/api/v1/nodes/no-such-node/health-checks")
                .header("X-Requested-By", "api-it")
                .with(admin()))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("no node with id 'no-such-node'"));
    assertThat(workflowRuns()).isEqualTo(runs);
  }

  // ---------------------------------------------------------------- agent API: authentication

  @Test
  void theAgentApiWantsTheAgentToken() throws Exception {
    String body = enrollment("api-intruder-1", "ORACLE");
    long nodes = nodeCount();
    for (String path : List.of("/api/v1/agent/enrollments", "/api/v1/agent/heartbeats")) {
      expectNodeUnauthorized(
          mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body)));
      expectNodeUnauthorized(
          mvc.perform(
              post(path)
                  .header(HttpHeaders.AUTHORIZATION, "Bearer " + "0".repeat(64))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(body)));
      expectNodeUnauthorized(
          mvc.perform(
              post(path)
                  .header(HttpHeaders.AUTHORIZATION, "Bearer ")
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(body)));
      // The token, but not as a bearer token.
      expectNodeUnauthorized(
          mvc.perform(
              post(path)
                  .header(HttpHeaders.AUTHORIZATION, embeddedFleet.secret())
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(body)));
      // A person, even an admin, is not an agent.
      int status =
          mvc.perform(
                  post(path).with(admin()).contentType(MediaType.APPLICATION_JSON).content(body))
              .andReturn()
              .getResponse()
              .getStatus();
      assertThat(status).as("admin on " + path).isIn(401, 403);
    }
    assertThat(nodeCount()).isEqualTo(nodes);
    mvc.perform(get("/api/v1/nodes/api-intruder-1").with(admin())).andExpect(status().isNotFound());
  }

  // ---------------------------------------------------------------- beacon reads

  @Test
  void nodesReadTheBeaconAtTheGateway_peopleReadPublishedReleasesAtTheConsole() throws Exception {
    int forNodes =
        mvc.perform(get("/api/v1/beacon/ORACLE").header(HttpHeaders.AUTHORIZATION, bearer()))
            .andReturn()
            .getResponse()
            .getStatus();
    assertThat(forNodes).isIn(200, 404);
    // A person's password means nothing on the node API, and the reverse holds too.
    expectNodeUnauthorized(mvc.perform(get("/api/v1/beacon/ORACLE").with(admin())));
    int forPeople =
        mvc.perform(get("/api/v1/releases/published/ORACLE").with(sre()))
            .andReturn()
            .getResponse()
            .getStatus();
    assertThat(forPeople).isEqualTo(forNodes);
    // Anonymous callers read neither.
    expectNodeUnauthorized(mvc.perform(get("/api/v1/beacon/ORACLE")));
    expectUnauthorized(mvc.perform(get("/api/v1/releases/published/ORACLE")));
    mvc.perform(get("/api/v1/beacon/NOPE").header(HttpHeaders.AUTHORIZATION, bearer()))
        .andExpect(status().isBadRequest());
    mvc.perform(get("/api/v1/releases/published/NOPE").with(sre()))
        .andExpect(status().isBadRequest());
  }

  // ---------------------------------------------------------------- agent API: enrollments

  @Test
  void enrollmentAdmitsNewNodesOnce() throws Exception {
    String id = "api-new-" + UUID.randomUUID().toString().substring(0, 8);
    long nodes = nodeCount();
    agent("/api/v1/agent/enrollments", enrollment(id, "GUARDIAN"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.admitted", is(List.of(id))));
    agent("/api/v1/agent/enrollments", enrollment(id, "ORACLE"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.admitted", is(List.of())));
    assertThat(nodeCount()).isEqualTo(nodes + 1);
    // Re-enrolling keeps the node's tier.
    mvc.perform(get("/api/v1/nodes/" + id).with(admin()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.node.tier").value("GUARDIAN"))
        .andExpect(jsonPath("$.node.status").value("ACTIVE"))
        .andExpect(jsonPath("$.node.labels", notNullValue()))
        .andExpect(jsonPath("$.recentAudit[0].action").value("node.enrolled"))
        .andExpect(jsonPath("$.recentAudit[0].actor").value("agent"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          bad tier           | {"nodeId": "%s", "operator": "op-a", "tier": "GOLD", "region": "eu"}      | tier must be ALL, ORACLE or GUARDIAN
          lower-case tier    | {"nodeId": "%s", "operator": "op-a", "tier": "oracle", "region": "eu"}    | tier must be ALL, ORACLE or GUARDIAN
          upper-case id      | {"nodeId": "Node-%s", "operator": "op-a", "tier": "ORACLE", "region": "eu"} | nodeId must be 1-63 lower-case
          id with a space    | {"nodeId": "node %s", "operator": "op-a", "tier": "ORACLE", "region": "eu"} | nodeId must be 1-63 lower-case
          id too long        | {"nodeId": "%s-0123456789012345678901234567890123456789012345678901234567890123", "operator": "op-a", "tier": "ORACLE", "region": "eu"} | nodeId must be 1-63 lower-case
          bad operator       | {"nodeId": "%s", "operator": "Op A", "tier": "ORACLE", "region": "eu"}    | operator must be 1-63 lower-case
          no region          | {"nodeId": "%s", "operator": "op-a", "tier": "ORACLE"}                    | region must not be null
          bad region         | {"nodeId": "%s", "operator": "op-a", "tier": "ORACLE", "region": "EU West"} | region must be 1-32 lower-case
          label value too long | {"nodeId": "%s", "operator": "op-a", "tier": "ORACLE", "region": "eu", "labels": {"k": "%s"}} | labels
          null label value   | {"nodeId": "%s", "operator": "op-a", "tier": "ORACLE", "region": "eu", "labels": {"k": null}} | nodes[1].labels[k] must not be null
          null entry         | null                                                                       | nodes[1] must not be null
          """)
  void anInvalidEnrollmentWritesNothing(String name, String badNode, String detail)
      throws Exception {
    String valid = "api-valid-" + UUID.randomUUID().toString().substring(0, 8);
    String invalid = "api-invalid-" + UUID.randomUUID().toString().substring(0, 8);
    String body =
        """
        {"nodes": [
          {"nodeId": "%s", "operator": "apitest-valid", "tier": "ORACLE", "region": "eu"},
          %s
        ]}
        """
            .formatted(valid, badNode.formatted(invalid, "x".repeat(129)));
    assertEnrollmentRefused(body, detail);
    mvc.perform(get("/api/v1/nodes/" + valid).with(admin())).andExpect(status().isNotFound());
  }

  @Test
  void anEmptyOrMissingNodeListIsRefused() throws Exception {
    assertEnrollmentRefused("{\"nodes\": []}", "nodes must not be empty");
    assertEnrollmentRefused("{}", "nodes must not be empty");
  }

  @Test
  void moreThan1000NodesAreRefused() throws Exception {
    String prefix = "api-bulk-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    String nodes =
        IntStream.range(0, 1001)
            .mapToObj(
                i ->
                    "{\"nodeId\": \"%s%d\", \"operator\": \"apitest-bulk\", \"tier\": \"ALL\", \"region\": \"eu\"}"
                        .formatted(prefix, i))
            .collect(Collectors.joining(","));
    assertEnrollmentRefused("{\"nodes\": [" + nodes + "]}", "at most 1000 nodes per request");
    mvc.perform(get("/api/v1/nodes").param("q", prefix).with(admin()))
        .andExpect(jsonPath("$.total").value(0));
  }

  @Test
  void moreThan32LabelsAreRefused() throws Exception {
    String labels =
        IntStream.range(0, 33)
            .mapToObj(i -> "\"k%d\": \"v\"".formatted(i))
            .collect(Collectors.joining(","));
    assertEnrollmentRefused(
        """
        {"nodes": [{"nodeId": "api-labels-1", "operator": "apitest-l", "tier": "ALL",
                    "region": "eu", "labels": {%s}}]}
        """
            .formatted(labels),
        "at most 32 labels");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"nodes\": [",
        "not json",
        "{\"nodes\": \"api-x\"}",
        "{\"nodes\": [{\"nodeId\": 1, \"operator\": [], \"tier\": {}}]}",
        "[]"
      })
  void malformedJsonIs400(String body) throws Exception {
    assertEnrollmentRefused(body, "the request body is not valid JSON of the expected shape");
  }

  @Test
  void aBodyThatIsNotJsonIsRefused() throws Exception {
    long nodes = nodeCount();
    int status =
        mvc.perform(
                post("/api/v1/agent/enrollments")
                    .header(HttpHeaders.AUTHORIZATION, bearer())
                    // Past the CSRF check (CsrfApiIT), a body that is not JSON is 415.
                    .header("X-Requested-By", "api-it")
                    .contentType(MediaType.TEXT_PLAIN)
                    .content(enrollment("api-text-1", "ALL")))
            .andReturn()
            .getResponse()
            .getStatus();
    assertThat(status).isEqualTo(415);
    assertThat(nodeCount()).isEqualTo(nodes);
  }

  // ---------------------------------------------------------------- agent API: heartbeats

  @Test
  void aHeartbeatUpdatesTheNode() throws Exception {
    String id = "api-hb-" + UUID.randomUUID().toString().substring(0, 8);
    agent("/api/v1/agent/enrollments", enrollment(id, "ORACLE")).andExpect(status().isOk());
    mvc.perform(get("/api/v1/nodes/" + id).with(admin()))
        .andExpect(jsonPath("$.node.version", nullValue()))
        .andExpect(jsonPath("$.node.lastHeartbeat", nullValue()));

    Instant before = Instant.now().minusSeconds(1);
    String digest = "sha256:" + "ab".repeat(32);
    agent(
            "/api/v1/agent/heartbeats",
            """
            {"reports": [{"nodeId": "%s", "version": "3.4.5", "imageDigest": "%s",
                          "health": "HEALTHY", "cpuPercent": 12.5, "memoryPercent": 40,
                          "diskPercent": 100}]}
            """
                .formatted(id, digest))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accepted").value(1))
        .andExpect(jsonPath("$.recovered", is(List.of())))
        .andExpect(jsonPath("$.unknown", is(List.of())));

    JsonNode node = read(mvc.perform(get("/api/v1/nodes/" + id).with(admin()))).get("node");
    assertThat(node.get("version").asText()).isEqualTo("3.4.5");
    assertThat(node.get("imageDigest").asText()).isEqualTo(digest);
    assertThat(node.get("health").asText()).isEqualTo("HEALTHY");
    assertThat(node.get("cpuPercent").asDouble()).isEqualTo(12.5);
    assertThat(node.get("diskPercent").asDouble()).isEqualTo(100.0);
    assertThat(Instant.parse(node.get("lastHeartbeat").asText()))
        .isBetween(before, Instant.now().plusSeconds(1));

    mvc.perform(get("/api/v1/nodes").param("q", id).with(admin()))
        .andExpect(jsonPath("$.items[0].version").value("3.4.5"))
        .andExpect(jsonPath("$.items[0].lastSeen", notNullValue()));
  }

  @Test
  void aHeartbeatBringsADegradedNodeBack() throws Exception {
    String id = "api-degraded-" + UUID.randomUUID().toString().substring(0, 8);
    agent("/api/v1/agent/enrollments", enrollment(id, "ALL")).andExpect(status().isOk());
    jdbc.update("UPDATE nodes SET status = 'DEGRADED' WHERE id = ?", id);
    agent("/api/v1/agent/heartbeats", "{\"reports\": [" + report(id, "1.0.0", "HEALTHY", 1) + "]}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.recovered", is(List.of(id))));
    mvc.perform(get("/api/v1/nodes/" + id).with(admin()))
        .andExpect(jsonPath("$.node.status").value("ACTIVE"))
        .andExpect(jsonPath("$.recentAudit[*].action", hasItem("node.recovered")));
  }

  @Test
  void unknownNodesAreReportedAndNotCreated() throws Exception {
    long nodes = nodeCount();
    agent(
            "/api/v1/agent/heartbeats",
            "{\"reports\": [%s, %s, %s]}"
                .formatted(
                    report("api-ghost-1", "1.0.0", "HEALTHY", 1),
                    report("api-oracle-2", "9.2.0", "HEALTHY", 1),
                    report("api-ghost-2", "1.0.0", "UNHEALTHY", 1)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accepted").value(1))
        .andExpect(jsonPath("$.unknown", is(List.of("api-ghost-1", "api-ghost-2"))));
    assertThat(nodeCount()).isEqualTo(nodes);
    mvc.perform(get("/api/v1/nodes/api-ghost-1").with(admin())).andExpect(status().isNotFound());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          bad health      | "health": "FINE", "cpuPercent": 1           | health must be HEALTHY or UNHEALTHY
          no health       | "cpuPercent": 1                             | health must not be null
          cpu over 100    | "health": "HEALTHY", "cpuPercent": 101      | cpuPercent must be less than or equal to 100
          negative memory | "health": "HEALTHY", "memoryPercent": -0.5  | memoryPercent must be greater than or equal to 0
          disk over 100   | "health": "HEALTHY", "diskPercent": 100.01  | diskPercent must be less than or equal to 100
          bad digest      | "health": "HEALTHY", "imageDigest": "sha256:xyz" | imageDigest must be sha256:<64 hex digits>
          cpu NaN         | "health": "HEALTHY", "cpuPercent": "NaN"    | cpuPercent must be
          cpu Infinity    | "health": "HEALTHY", "cpuPercent": "Infinity" | cpuPercent must be less than or equal to 100
          """)
  void anInvalidHeartbeatStoresNothing(String name, String fields, String detail) throws Exception {
    Map<String, Object> before =
        jdbc.queryForMap(
            "SELECT version, last_heartbeat, cpu_percent FROM nodes WHERE id = 'api-oracle-2'");
    agent(
            "/api/v1/agent/heartbeats",
            """
            {"reports": [%s, {"nodeId": "api-oracle-2", "version": "6.6.6", %s}]}
            """
                .formatted(report("api-oracle-2", "6.6.6", "HEALTHY", 99), fields))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail", containsString(detail)));
    assertThat(
            jdbc.queryForMap(
                "SELECT version, last_heartbeat, cpu_percent FROM nodes WHERE id = 'api-oracle-2'"))
        .isEqualTo(before);
  }

  @Test
  void aHeartbeatWithoutVersionOrLoadIsRefused_soNothingIsErasedOrZeroed() throws Exception {
    agent(
            "/api/v1/agent/heartbeats",
            """
            {"reports": [{"nodeId": "api-oracle-2", "health": "HEALTHY"}]}
            """)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("version must not be blank")))
        .andExpect(jsonPath("$.detail", containsString("cpuPercent must not be null")))
        .andExpect(jsonPath("$.detail", containsString("memoryPercent must not be null")))
        .andExpect(jsonPath("$.detail", containsString("diskPercent must not be null")));
  }

  @Test
  void anEmptyOrTooLargeHeartbeatBatchIsRefused() throws Exception {
    agent("/api/v1/agent/heartbeats", "{\"reports\": []}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("reports must not be empty")));
    String reports =
        IntStream.range(0, 1001)
            .mapToObj(i -> report("api-oracle-1", "9.1.0", "HEALTHY", 1))
            .collect(Collectors.joining(","));
    agent("/api/v1/agent/heartbeats", "{\"reports\": [" + reports + "]}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("at most 1000 reports per request")));
    agent("/api/v1/agent/heartbeats", "{\"reports\": [null]}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("reports[0] must not be null"));
    agent("/api/v1/agent/heartbeats", "{\"reports\": [{]}")
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.detail").value("the request body is not valid JSON of the expected shape"));
  }

  // ---------------------------------------------------------------- OpenAPI

  @Test
  void theOpenApiDocumentIsServedToAuthenticatedCallers() throws Exception {
    mvc.perform(get("/v3/api-docs").with(signer()))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.openapi", startsWith("3.")))
        .andExpect(jsonPath("$.paths['/api/v1/nodes'].get", notNullValue()))
        .andExpect(jsonPath("$.paths['/api/v1/nodes/{id}'].get", notNullValue()))
        .andExpect(jsonPath("$.paths['/api/v1/nodes/{id}/health-checks'].post", notNullValue()))
        .andExpect(jsonPath("$.paths['/api/v1/fleet/health'].get", notNullValue()))
        .andExpect(jsonPath("$.paths['/api/v1/agent/enrollments'].post", notNullValue()))
        .andExpect(jsonPath("$.paths['/api/v1/agent/heartbeats'].post", notNullValue()));
    expectUnauthorized(mvc.perform(get("/v3/api-docs")));
  }

  // ---------------------------------------------------------------- helpers

  private void assertEnrollmentRefused(String body, String detail) throws Exception {
    long nodes = nodeCount();
    long operators = jdbc.queryForObject("SELECT count(*) FROM operators", Long.class);
    long audit = jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class);
    agent("/api/v1/agent/enrollments", body)
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.detail", containsString(detail)));
    assertThat(nodeCount()).isEqualTo(nodes);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM operators", Long.class))
        .isEqualTo(operators);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class)).isEqualTo(audit);
  }

  private void expectUnauthorized(ResultActions result) throws Exception {
    result
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Basic")))
        .andExpect(jsonPath("$.status").value(401))
        .andExpect(jsonPath("$.title").value("Unauthorized"))
        .andExpect(jsonPath("$.detail").value("authentication required"));
  }

  /** The node gateway's API asks for a bearer node credential, not a password. */
  private void expectNodeUnauthorized(ResultActions result) throws Exception {
    result
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
        .andExpect(jsonPath("$.detail").value("authentication required"));
  }

  private void expectForbidden(ResultActions result) throws Exception {
    result
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(403))
        .andExpect(jsonPath("$.detail").value("your role may not do this"));
  }

  private ResultActions agent(String path, String body) throws Exception {
    MockHttpServletRequestBuilder request =
        post(path)
            .header(HttpHeaders.AUTHORIZATION, bearer())
            .contentType(MediaType.APPLICATION_JSON)
            .content(body);
    return mvc.perform(request);
  }

  private JsonNode read(ResultActions result) throws Exception {
    return json.readTree(
        result.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
  }

  private long nodeCount() {
    return jdbc.queryForObject("SELECT count(*) FROM nodes", Long.class);
  }

  private long workflowRuns() {
    return jdbc.queryForObject("SELECT count(*) FROM workflow_runs", Long.class);
  }

  /**
   * The platform's own fleet credential, as the seeded nodes are of every tier (the fleet token
   * enrols tier ALL only: FleetTokenApiIT).
   */
  private String bearer() {
    return "Bearer " + embeddedFleet.secret();
  }

  private static String enrollment(String nodeId, String tier) {
    return """
        {"nodes": [{"nodeId": "%s", "operator": "apitest-single", "tier": "%s", "region": "eu"}]}
        """
        .formatted(nodeId, tier);
  }

  private static String report(String nodeId, String version, String health, double cpu) {
    return """
        {"nodeId": "%s", "version": "%s", "health": "%s", "cpuPercent": %s,
         "memoryPercent": 50, "diskPercent": 60}
        """
        .formatted(nodeId, version, health, cpu);
  }

  private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
    return httpBasic("admin", PASSWORD);
  }

  private static org.springframework.test.web.servlet.request.RequestPostProcessor sre() {
    return httpBasic("sre", PASSWORD);
  }

  private static org.springframework.test.web.servlet.request.RequestPostProcessor signer() {
    return httpBasic("signer1", PASSWORD);
  }
}
