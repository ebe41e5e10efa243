package io.noderr.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.console.AbstractConsoleIT;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The roles each console operation states ({@link ApiRoles}, published as {@code x-roles} in {@code
 * /v3/api-docs} and in docs/api-reference.md) are the roles method security lets through. Every
 * console operation declares its roles and the OpenAPI document carries them; every operation
 * (reads as they are, writes sent so that nothing changes: an unknown id, or a body that passes
 * validation and that the service refuses after its role check) is called as each demo role: a role
 * not listed gets 403, a listed role gets past the gate (anything but 401/403, e.g. 404 for the
 * unknown id), a stranger gets 401; and the main tables are as they were.
 */
class ApiRolesIT extends AbstractConsoleIT {

  /** A demo login per role. */
  static final Map<String, String> USERS =
      Map.of("ADMIN", "admin", "SRE", "sre", "SIGNER", "signer1", "OPERATOR", "operator1");

  private static final String SIGNATURE =
      "{\"signer\": \"0x000000000000000000000000000000000000dead\", \"signature\": \"0x"
          + "ab".repeat(65)
          + "\"}";

  /**
   * How to call each operation so that it changes nothing, whoever calls it: "METHOD template" ->
   * the request (well-formed ids nothing has, bodies refused after the role check). Every GET must
   * be here; writes only where such a request exists.
   */
  static final Map<String, Probe> PROBES = new TreeMap<>();

  static {
    // Reads.
    probe("GET /api/v1/alerts");
    probe("GET /api/v1/alerts/silences");
    probe("GET /api/v1/alerts/{id}", "/api/v1/alerts/999999999");
    probe("GET /api/v1/applications");
    probe("GET /api/v1/applications/{id}", "/api/v1/applications/app-zzzzzzzzzz");
    probe("GET /api/v1/auto-deploy");
    probe("GET /api/v1/deployments/{id}", "/api/v1/deployments/rollout-ORACLE-9.9.99");
    probe("GET /api/v1/disputes");
    probe("GET /api/v1/disputes/{disputeId}", "/api/v1/disputes/dispute-none");
    probe(
        "GET /api/v1/disputes/{disputeId}/typed-data", "/api/v1/disputes/dispute-none/typed-data");
    probe("GET /api/v1/emergencies");
    probe("GET /api/v1/emergencies/{id}", "/api/v1/emergencies/emergency-999999999");
    probe("GET /api/v1/fleet/health");
    probe("GET /api/v1/governance");
    probe("GET /api/v1/governance/proposals");
    probe("GET /api/v1/governance/proposals/{proposalId}", "/api/v1/governance/proposals/1");
    probe(
        "GET /api/v1/governance/proposals/{proposalId}/ballot",
        "/api/v1/governance/proposals/1/ballot?voter=0x000000000000000000000000000000000000dead");
    probe("GET /api/v1/governance/stakes");
    probe("GET /api/v1/nodes");
    probe("GET /api/v1/nodes/{id}", "/api/v1/nodes/no-such-node");
    probe("GET /api/v1/operators/{operatorId}/logins", "/api/v1/operators/op-none/logins");
    probe("GET /api/v1/releases");
    probe("GET /api/v1/releases/published/{tier}", "/api/v1/releases/published/GUARDIAN");
    probe("GET /api/v1/releases/{id}", "/api/v1/releases/release-ORACLE-9.9.99");
    probe(
        "GET /api/v1/rewards/claims/{address}",
        "/api/v1/rewards/claims/0x000000000000000000000000000000000000dead");
    probe("GET /api/v1/rewards/epochs");
    probe("GET /api/v1/rewards/epochs/{epoch}", "/api/v1/rewards/epochs/999999");
    probe(
        "GET /api/v1/rewards/epochs/{epoch}/claim-call",
        "/api/v1/rewards/epochs/999999/claim-call");
    probe("GET /api/v1/rewards/epochs/{epoch}/nodes", "/api/v1/rewards/epochs/999999/nodes");
    probe("GET /api/v1/rewards/epochs/{epoch}/payouts", "/api/v1/rewards/epochs/999999/payouts");
    probe(
        "GET /api/v1/rewards/epochs/{epoch}/typed-data",
        "/api/v1/rewards/epochs/999999/typed-data");
    probe("GET /api/v1/simulator");
    probe("GET /api/v1/simulator/applied-updates");
    probe("GET /api/v1/tokens");
    probe("GET /api/v1/traces", "/api/v1/traces?node=no-such-node");
    probe("GET /api/v1/treasury");
    // Writes that change nothing: unknown targets, or bodies the service refuses.
    probe("POST /api/v1/alerts/{id}/ack", "/api/v1/alerts/999999999/ack");
    probe("POST /api/v1/alerts/silences/{id}/expire", "/api/v1/alerts/silences/999999999/expire");
    probe(
        "POST /api/v1/alerts/silences",
        "/api/v1/alerts/silences",
        "{\"matchers\": {\"node\": \"n-1\"}, \"duration\": \"PT0S\", \"reason\": \"roles probe\"}");
    probe("POST /api/v1/applications", "/api/v1/applications", "{}");
    probe("POST /api/v1/applications/{id}/approve", "/api/v1/applications/app-zzzzzzzzzz/approve");
    probe(
        "POST /api/v1/applications/{id}/install-token",
        "/api/v1/applications/app-zzzzzzzzzz/install-token");
    probe(
        "POST /api/v1/applications/{id}/reject",
        "/api/v1/applications/app-zzzzzzzzzz/reject",
        "{\"reason\": \"roles probe\"}");
    probe(
        "POST /api/v1/deployments",
        "/api/v1/deployments",
        "{\"version\": \"9.9.99-never-published\", \"tiers\": [\"GUARDIAN\"]}");
    probe(
        "POST /api/v1/deployments/{id}/{verb}",
        "/api/v1/deployments/rollout-ORACLE-9.9.99/pause",
        "{\"reason\": \"roles probe\"}");
    probe("POST /api/v1/disputes", "/api/v1/disputes", "{\"nodeId\": \"no-such-node\"}");
    probe(
        "POST /api/v1/emergencies",
        "/api/v1/emergencies",
        "{\"action\": \"NO_SUCH_ACTION\", \"reason\": \"roles probe\"}");
    probe("POST /api/v1/governance/proposals", "/api/v1/governance/proposals", "{}");
    probe("POST /api/v1/disputes/{disputeId}/answer", "/api/v1/disputes/dispute-none/answer", "{}");
    probe("POST /api/v1/disputes/{disputeId}/appeal", "/api/v1/disputes/dispute-none/appeal", "{}");
    probe("POST /api/v1/disputes/{disputeId}/votes", "/api/v1/disputes/dispute-none/votes", "{}");
    probe(
        "POST /api/v1/emergencies/{id}/signatures",
        "/api/v1/emergencies/emergency-999999999/signatures",
        SIGNATURE);
    probe(
        "POST /api/v1/governance/proposals/{proposalId}/ballots",
        "/api/v1/governance/proposals/1/ballots",
        "{}");
    probe("POST /api/v1/nodes/{id}/health-checks", "/api/v1/nodes/no-such-node/health-checks");
    probe(
        "POST /api/v1/operators/{operatorId}/logins",
        "/api/v1/operators/op-none/logins",
        "{\"username\": \"roles-probe\"}");
    probe(
        "POST /api/v1/operators/{operatorId}/logins/{username}/disable",
        "/api/v1/operators/op-none/logins/nobody/disable");
    probe(
        "POST /api/v1/releases",
        "/api/v1/releases",
        "{\"tier\": \"GUARDIAN\", \"version\": \"9.9.99\", \"imageDigest\": \"not-a-digest\"}");
    probe(
        "POST /api/v1/releases/{id}/declines",
        "/api/v1/releases/release-ORACLE-9.9.99/declines",
        "{\"signer\": \"0x000000000000000000000000000000000000dead\", \"reason\": \"roles probe\","
            + " \"signature\": \"0x"
            + "ab".repeat(65)
            + "\"}");
    probe(
        "POST /api/v1/releases/{id}/signatures",
        "/api/v1/releases/release-ORACLE-9.9.99/signatures",
        SIGNATURE);
    probe(
        "POST /api/v1/releases/{id}/withdraw",
        "/api/v1/releases/release-ORACLE-9.9.99/withdraw",
        "{\"reason\": \"roles probe\"}");
    probe(
        "POST /api/v1/rewards/epochs/{epoch}/signatures",
        "/api/v1/rewards/epochs/999999/signatures",
        SIGNATURE);
    probe("POST /api/v1/tokens", "/api/v1/tokens", "{}");
    probe("DELETE /api/v1/tokens/{id}", "/api/v1/tokens/999999999");
    probe("PUT /api/v1/auto-deploy/{tier}", "/api/v1/auto-deploy/NOPE", "{\"enabled\": false}");
    probe(
        "PUT /api/v1/simulator/release-faults",
        "/api/v1/simulator/release-faults",
        "{\"spec\": \"not a fault spec\"}");
  }

  /**
   * Operations no request can probe without changing something (none so far: a new one that only
   * creates goes here, with the reason).
   */
  static final Set<String> UNPROBED = Set.of();

  private static final AtomicInteger ADDRESSES = new AtomicInteger();

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired JdbcTemplate jdbc;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void everyConsoleOperationStatesItsRoles_andTheOpenApiDocumentCarriesThem() throws Exception {
    Map<String, List<String>> declared = declaredRoles();
    assertThat(declared).as("console operations").hasSizeGreaterThan(60);
    JsonNode paths = openApi().path("paths");
    List<String> problems = new ArrayList<>();
    declared.forEach(
        (operation, roles) -> {
          String[] parts = operation.split(" ", 2);
          JsonNode documented =
              paths.path(parts[1]).path(parts[0].toLowerCase(java.util.Locale.ROOT));
          if (documented.isMissingNode()) {
            problems.add(operation + " is not in /v3/api-docs");
            return;
          }
          List<String> published = new ArrayList<>();
          documented.path("x-roles").forEach(role -> published.add(role.asText()));
          if (!published.equals(roles)) {
            problems.add(operation + ": x-roles " + published + ", declared " + roles);
          }
          if (documented.path("summary").asText().isBlank()) {
            problems.add(operation + " has no summary");
          }
          if (documented.path("tags").size() != 1) {
            problems.add(operation + " has tags " + documented.path("tags"));
          }
        });
    assertThat(problems).isEmpty();
  }

  @Test
  void everyReadAndTheSafeWrites_letTheStatedRolesThrough_andRefuseTheOthers() throws Exception {
    Map<String, List<String>> declared = declaredRoles();
    Set<String> gets = new TreeSet<>();
    declared.keySet().stream().filter(o -> o.startsWith("GET ")).forEach(gets::add);
    assertThat(PROBES.keySet()).as("a probe for every GET").containsAll(gets);
    assertThat(declared.keySet())
        .as("probes and exclusions name operations that exist")
        .containsAll(PROBES.keySet())
        .containsAll(UNPROBED);
    Set<String> unaccounted = new TreeSet<>(declared.keySet());
    unaccounted.removeAll(PROBES.keySet());
    unaccounted.removeAll(UNPROBED);
    assertThat(unaccounted).as("operations neither probed nor excluded").isEmpty();

    Map<String, Long> before = counts();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Probe> entry : PROBES.entrySet()) {
      String operation = entry.getKey();
      Probe probe = entry.getValue();
      List<String> roles = declared.get(operation);
      boolean anonymous = roles.contains(ApiRoles.ANONYMOUS);
      int stranger = status(probe, null);
      if (anonymous ? stranger == 401 || stranger == 403 : stranger != 401) {
        problems.add(operation + " without a login: " + stranger);
      }
      for (Map.Entry<String, String> user : new TreeMap<>(USERS).entrySet()) {
        int status = status(probe, user.getValue());
        boolean allowed = anonymous || roles.contains(user.getKey());
        if (status >= 500) {
          problems.add(operation + " as " + user.getKey() + ": " + status);
        } else if (allowed && (status == 401 || status == 403)) {
          problems.add(operation + " as " + user.getKey() + " (listed): " + status);
        } else if (!allowed && status != 403) {
          problems.add(operation + " as " + user.getKey() + " (not listed): " + status);
        }
      }
    }
    assertThat(problems).as("x-roles against what the API does").isEmpty();
    assertThat(counts()).as("the probes changed nothing").isEqualTo(before);
  }

  /** What a probe getting through by mistake would create. */
  private static final List<String> TABLES =
      List.of(
          "alert_silences",
          "api_tokens",
          "auto_deploy_policies",
          "emergencies",
          "governance_proposals",
          "node_applications",
          "operator_logins",
          "release_requests",
          "rollouts",
          "slashing_disputes");

  private Map<String, Long> counts() {
    Map<String, Long> counts = new TreeMap<>();
    for (String table : TABLES) {
      counts.put(table, jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
    }
    return counts;
  }

  /** "METHOD /path" of every console operation -> its declared roles, from Spring's mapping. */
  private Map<String, List<String>> declaredRoles() {
    Map<String, List<String>> declared = new TreeMap<>();
    List<String> missing = new ArrayList<>();
    mappings
        .getHandlerMethods()
        .forEach(
            (info, handler) -> {
              if (!isConsoleApi(handler)) {
                return;
              }
              ApiRoles roles = handler.getMethodAnnotation(ApiRoles.class);
              for (String path : info.getPatternValues()) {
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                  String operation = method.name() + " " + path;
                  if (roles == null) {
                    missing.add(operation);
                  } else {
                    declared.put(operation, List.of(roles.value()));
                  }
                }
              }
            });
    assertThat(missing).as("console operations without @ApiRoles").isEmpty();
    return declared;
  }

  private static boolean isConsoleApi(HandlerMethod handler) {
    return handler.getBeanType().getPackageName().equals(ApiRoles.class.getPackageName());
  }

  private JsonNode openApi() throws Exception {
    String body =
        mvc.perform(get("/v3/api-docs").with(httpBasic("admin", PASSWORD)))
            .andReturn()
            .getResponse()
            .getContentAsString();
    return json.readTree(body);
  }

  private int status(Probe probe, String user) throws Exception {
    MockHttpServletRequestBuilder request =
        MockMvcRequestBuilders.request(probe.method(), URI.create(probe.path()));
    // Its own address each: the public endpoint's per-address rate must not refuse a probe.
    int n = ADDRESSES.incrementAndGet();
    request.with(
        r -> {
          r.setRemoteAddr("10.77." + (n / 250) + "." + (n % 250 + 1));
          return r;
        });
    if (user != null) {
      request.with(httpBasic(user, PASSWORD));
    }
    if (probe.body() != null) {
      request.contentType(MediaType.APPLICATION_JSON).content(probe.body());
    } else if (probe.method() != HttpMethod.GET) {
      request.header("X-Requested-By", "roles-probe");
    }
    return mvc.perform(request).andReturn().getResponse().getStatus();
  }

  record Probe(HttpMethod method, String path, String body) {}

  private static void probe(String operation) {
    probe(operation, operation.split(" ", 2)[1], null);
  }

  private static void probe(String operation, String path) {
    probe(operation, path, null);
  }

  private static void probe(String operation, String path, String body) {
    PROBES.put(operation, new Probe(HttpMethod.valueOf(operation.split(" ", 2)[0]), path, body));
  }
}
