package io.noderr.console.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.console.AbstractConsoleIT;
import io.noderr.console.StandInFleet;
import io.noderr.http.Secrets;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriUtils;

/**
 * A bounded fuzz of the whole REST API: generated bad requests (wrong types, huge and control-
 * character strings, bad JSON, missing fields, bad path and query values, wrong content types)
 * against every endpoint Spring maps under {@code /api}, as every kind of caller (anonymous, each
 * demo role, an API token, the fleet token, bad credentials). Nothing may answer 5xx or show a
 * stack trace, and a refused request (4xx) must leave the registry as it was (row counts of the
 * main tables and of the audit log, apart from the audit entries a refusal is meant to leave).
 *
 * <p>Bounded: {@code -Dnoderr.fuzz.tries} requests (default 4000) or {@code -Dnoderr.fuzz.seconds}
 * (default 100), whichever ends first. The seed is printed; {@code -Dnoderr.fuzz.seed} replays a
 * run. Seeded generation rather than jqwik: jqwik's engine does not run inside the shared Spring
 * test context, and a second context is what the console tests avoid.
 */
class ApiFuzzIT extends AbstractConsoleIT {

  private static final int TRIES = Integer.getInteger("noderr.fuzz.tries", 4000);
  private static final long SECONDS = Long.getLong("noderr.fuzz.seconds", 100);
  private static final long SEED = Long.getLong("noderr.fuzz.seed", System.nanoTime());

  /** Tables a refused request must not touch. */
  private static final List<String> TABLES =
      List.of(
          "node_applications",
          "operators",
          "nodes",
          "node_identities",
          "node_sessions",
          "install_tokens",
          "pending_registrations",
          "release_requests",
          "rollouts",
          "rollout_targets",
          "workflow_runs",
          "api_tokens",
          "operator_logins",
          "slashing_disputes",
          "reward_exclusions");

  /**
   * Audit entries a refusal leaves on purpose: probes of the public endpoints, refused node auth
   * steps, login lock-outs. Everything else in the audit log must stay put.
   */
  private static final String AUDIT_OF_STATE =
      "SELECT count(*) FROM audit_log WHERE action NOT IN ('api.malformed-request',"
          + " 'auth.lockout') AND action NOT LIKE '%-refused'";

  private static final Pattern STACK_TRACE =
      Pattern.compile("Exception|\\tat |\\.java:\\d+|java\\.lang\\.|at [a-z]+\\.[a-z]+\\.");

  private static final List<String> FIELDS =
      List.of(
          "name",
          "roles",
          "expiresInDays",
          "reason",
          "tier",
          "tiers",
          "version",
          "imageDigest",
          "image",
          "preset",
          "steps",
          "nodes",
          "reports",
          "nodeId",
          "operator",
          "operatorName",
          "contact",
          "region",
          "signingAddress",
          "spec",
          "signer",
          "signature",
          "nonce",
          "token",
          "installToken",
          "quote",
          "labels",
          "health",
          "cpuPercent",
          "forceLocks",
          "toVersion",
          "deadline",
          "deadlineHours",
          "maxFailurePercentByType",
          "maintenanceWindows");

  private static final List<String> PATH_VALUES =
      List.of(
          "x",
          "..",
          "%2e%2e",
          "%00",
          "%0a",
          "%7f",
          "%c2%85",
          "%ff",
          "%F0%9F%92%A9",
          "1",
          "-1",
          "0",
          "99999999999999999999",
          "app-0123456789",
          "app-ZZZ",
          "rollout-ORACLE-1.0.0",
          "release-ALL-1.0.0",
          "release-ALL-" + "9".repeat(70),
          "ORACLE",
          "all",
          "pause",
          "fly",
          "a".repeat(3000),
          "%20",
          "null");

  private static final List<String> QUERY_NAMES =
      List.of("page", "size", "q", "tier", "status", "sort", "order", "version", "x");

  private final List<String> problems = new ArrayList<>();
  private final Map<Integer, Integer> statuses = new TreeMap<>();

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired StandInFleet fleet;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  private String faultsBefore;

  @AfterEach
  void putTheStandInFleetBack() {
    // An admin's fuzzed PUT may be a valid spec (200): the other tests expect their own.
    if (faultsBefore != null) {
      fleet.applyReleaseFaults(faultsBefore);
    }
  }

  @Test
  void badRequestsToEveryEndpointAsEveryCaller_neverFail_leakNoTrace_andChangeNothing()
      throws Exception {
    faultsBefore = fleet.releaseFaults();
    List<Endpoint> endpoints = endpoints();
    assertThat(endpoints).as("endpoints under /api").hasSizeGreaterThan(25);
    List<Caller> callers = callers();
    System.out.println("API fuzz: seed " + SEED + " (replay with -Dnoderr.fuzz.seed=" + SEED + ")");
    Random random = new Random(SEED);
    long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
    long started = System.nanoTime();

    Map<String, Long> counts = counts();
    int sent = 0;
    for (; sent < TRIES && System.nanoTime() < deadline; sent++) {
      // Every endpoint with every caller first, then at random.
      int combos = endpoints.size() * callers.size();
      Endpoint endpoint =
          sent < combos
              ? endpoints.get(sent % endpoints.size())
              : endpoints.get(random.nextInt(endpoints.size()));
      Caller caller =
          sent < combos
              ? callers.get(sent / endpoints.size())
              : callers.get(random.nextInt(callers.size()));
      MockHttpServletRequestBuilder request = request(endpoint, caller, random);
      MvcResult result = mvc.perform(request).andReturn();
      int status = result.getResponse().getStatus();
      String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
      statuses.merge(status, 1, Integer::sum);
      String what = caller.name() + " " + endpoint + " -> " + status;
      if (status >= 500) {
        problems.add(what + ": " + abbreviate(body));
      }
      if (STACK_TRACE.matcher(body).find()) {
        problems.add(what + " shows internals: " + abbreviate(body));
      }
      Map<String, Long> after = counts();
      if (status >= 400 && !after.equals(counts)) {
        problems.add(what + " changed the registry: " + counts + " -> " + after);
      }
      counts = after;
    }
    System.out.printf(
        "API fuzz: %d requests to %d endpoints as %d callers in %d s; statuses %s%n",
        sent,
        endpoints.size(),
        callers.size(),
        (System.nanoTime() - started) / 1_000_000_000L,
        statuses);
    assertThat(sent).isGreaterThanOrEqualTo(Math.min(TRIES, endpoints.size() * callers.size()));
    assertThat(problems).as("seed " + SEED).isEmpty();
  }

  // ------------------------------------------------------------------------------ generation

  private MockHttpServletRequestBuilder request(Endpoint endpoint, Caller caller, Random random) {
    StringBuilder uri = new StringBuilder();
    for (String segment : endpoint.path().split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      uri.append('/');
      uri.append(
          segment.startsWith("{") && random.nextInt(5) > 0
              ? pick(PATH_VALUES, random)
              : segment.startsWith("{") ? "ok-" + random.nextInt(100) : segment);
    }
    if (random.nextBoolean()) {
      uri.append('?');
      for (int i = random.nextInt(3); i >= 0; i--) {
        uri.append(pick(QUERY_NAMES, random))
            .append('=')
            .append(UriUtils.encodeQueryParam(text(random), StandardCharsets.UTF_8))
            .append('&');
      }
    }
    MockHttpServletRequestBuilder request =
        MockMvcRequestBuilders.request(endpoint.method(), URI.create(uri.toString()));
    request.with(
        r -> {
          // Spread over addresses: per-address limits must not lock the other tests' 127.0.0.1.
          r.setRemoteAddr("10.201." + random.nextInt(256) + "." + random.nextInt(256));
          return r;
        });
    caller.authorize(request);
    if (endpoint.method() != HttpMethod.GET) {
      switch (random.nextInt(10)) {
        case 0 -> request.contentType("text/plain").content(body(random));
        case 1 -> request.header("X-Requested-By", "fuzz");
        case 2 -> request.header("X-Requested-By", "fuzz").contentType("text/plain");
        default -> request.contentType("application/json").content(body(random));
      }
    }
    return request;
  }

  private static byte[] body(Random random) {
    String text =
        switch (random.nextInt(12)) {
          case 0 -> "{";
          case 1 -> "[]";
          case 2 -> "null";
          case 3 -> "\"just a string\"";
          case 4 -> "{\"a\": 1e999999}";
          case 5 -> "[".repeat(5000) + "]".repeat(5000);
          case 6 -> "{\"nodes\": [" + "{},".repeat(2000) + "{}]}";
          case 7 -> "";
          default -> object(random, 0);
        };
    if (random.nextInt(20) == 0) {
      byte[] bytes = new byte[64];
      random.nextBytes(bytes);
      return bytes; // not even UTF-8
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String object(Random random, int depth) {
    StringBuilder json = new StringBuilder("{");
    for (int i = random.nextInt(5); i >= 0; i--) {
      json.append(quoted(pick(FIELDS, random))).append(": ").append(value(random, depth));
      if (i > 0) {
        json.append(", ");
      }
    }
    return json.append('}').toString();
  }

  private static String value(Random random, int depth) {
    return switch (random.nextInt(depth > 2 ? 7 : 9)) {
      case 0 -> Integer.toString(random.nextInt());
      case 1 -> random.nextBoolean() ? "true" : "false";
      case 2 -> "null";
      case 3 -> "-1.5e300";
      case 4 -> "99999999999999999999999";
      case 5, 6 -> quoted(text(random));
      case 7 -> "[" + value(random, depth + 1) + ", " + value(random, depth + 1) + "]";
      default -> object(random, depth + 1);
    };
  }

  /** Strings that break things: control characters, huge, odd unicode, plausible but wrong. */
  private static String text(Random random) {
    return switch (random.nextInt(12)) {
      case 0 -> "\u0000";
      case 1 -> "ok\u0007bell";
      case 2 -> "line\r\nX-Injected: 1";
      case 3 -> "x".repeat(100_000);
      case 4 -> "\u0085\u009b[31m";
      case 5 -> "\uD83D\uDCA9\u202E";
      case 6 -> "";
      case 7 -> "   ";
      case 8 -> "ORACLE";
      case 9 -> "sha256:" + "z".repeat(64);
      case 10 -> "'; DROP TABLE nodes; --";
      default -> "%s%n${jndi:ldap://x}";
    };
  }

  private static String quoted(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append('"').toString();
  }

  private static <T> T pick(List<T> values, Random random) {
    return values.get(random.nextInt(values.size()));
  }

  // ------------------------------------------------------------------------------ the API

  record Endpoint(HttpMethod method, String path) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** Every mapped API endpoint, from Spring's own handler mapping. */
  private List<Endpoint> endpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    mappings
        .getHandlerMethods()
        .keySet()
        .forEach(
            info -> {
              for (String path : info.getPatternValues()) {
                if (!path.startsWith("/api/")) {
                  continue;
                }
                var methods = info.getMethodsCondition().getMethods();
                for (RequestMethod method :
                    methods.isEmpty() ? List.of(RequestMethod.GET) : methods) {
                  endpoints.add(new Endpoint(HttpMethod.valueOf(method.name()), path));
                }
              }
            });
    endpoints.sort(java.util.Comparator.comparing(Endpoint::toString));
    return endpoints;
  }

  record Caller(String name, String authorization) {
    void authorize(MockHttpServletRequestBuilder request) {
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
    }
  }

  private List<Caller> callers() throws Exception {
    return List.of(
        new Caller("anonymous", null),
        new Caller("admin", basic("admin", PASSWORD)),
        new Caller("sre", basic("sre", PASSWORD)),
        new Caller("signer", basic("signer1", PASSWORD)),
        new Caller("api-token", "Bearer " + adminToken()),
        new Caller("fleet-token", "Bearer " + agentToken()),
        new Caller("bad-password", basic("fuzz-intruder", "guess")),
        new Caller("bad-bearer", "Bearer " + Secrets.generate(Secrets.API_TOKEN)),
        new Caller("garbage-auth", "Basic !!!not-base64"));
  }

  private String adminToken() throws Exception {
    MvcResult created =
        mvc.perform(
                MockMvcRequestBuilders.post("/api/v1/tokens")
                    .header("Authorization", basic("admin", PASSWORD))
                    .contentType("application/json")
                    .content(
                        "{\"name\": \"fuzz-"
                            + SEED
                            + "\", \"roles\": [\"ADMIN\"],"
                            + " \"expiresInDays\": 1}"))
            .andReturn();
    assertThat(created.getResponse().getStatus()).isEqualTo(201);
    String body = created.getResponse().getContentAsString();
    return body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private Map<String, Long> counts() {
    Map<String, Long> counts = new TreeMap<>();
    for (String table : TABLES) {
      counts.put(table, jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
    }
    counts.put("audit_log", jdbc.queryForObject(AUDIT_OF_STATE, Long.class));
    return counts;
  }

  private static String abbreviate(String body) {
    return body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }
}
