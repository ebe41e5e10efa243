package io.noderr.console.api.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders docs/api-reference.md from the console's OpenAPI document ({@code /v3/api-docs}): fixed
 * text (base URL, authentication, CSRF header, problem answers, paging), the seed's {@code
 * networkOps} procedures mapped to operations with a curl walkthrough, then every operation by tag
 * with its roles ({@code x-roles}), parameters, request body and answers. Sorted throughout, so the
 * same document gives the same text.
 */
public final class ApiReferenceWriter {

  /**
   * A seed procedure and the operation that does it: {@code path} as the OpenAPI document has it,
   * {@code call} as the procedure calls it (a path variable filled in, e.g. the verb).
   */
  public record Procedure(String name, String method, String path, String call, String returns) {

    Procedure(String name, String method, String path, String returns) {
      this(name, method, path, path, returns);
    }
  }

  /** The seed's {@code networkOps} procedures, in the seed's order. */
  public static final List<Procedure> NETWORK_OPS =
      List.of(
          new Procedure(
              "getNodeRegistry",
              "GET",
              "/api/v1/nodes",
              "a page of nodes (`total`, `page`, `size`, `items`: id, operator, tier, region,"
                  + " status, version, health, attestation, lastSeen); filters `tier`, `status`,"
                  + " `version`, `q`, sorted by `sort`/`order`"),
          new Procedure(
              "getNodeDetails",
              "GET",
              "/api/v1/nodes/{id}",
              "one node (`node`, `operatorName`, `recentWorkflows`, `recentAudit`); 404 for an"
                  + " unknown id"),
          new Procedure(
              "approveApplication",
              "POST",
              "/api/v1/applications/{id}/approve",
              "the approval: `applicationId`, `installToken` (shown once), `expiresAt`,"
                  + " `operatorLogin` (the applicant's login with its one-time password); 409 when"
                  + " the operator's stake is short of the tier's minimum"),
          new Procedure(
              "deployVersion",
              "POST",
              "/api/v1/deployments",
              "202 with the deployment's `id` (`rollout-<TIERS>-<version>`); 409 unless the"
                  + " beacon publishes that version for every targeted tier"),
          new Procedure(
              "rollbackVersion",
              "POST",
              "/api/v1/deployments/{id}/{verb}",
              "/api/v1/deployments/{id}/rollback",
              "the deployment's state, rolling back (body `{\"reason\": …}`); only a COMPLETED"
                  + " deployment inside its rollback window, else 409 (a running one: `…/abort`)"),
          new Procedure(
              "getDeploymentStatus",
              "GET",
              "/api/v1/deployments/{id}",
              "the deployment's state: `status`, `stage` of `stages`, `counts` (updated, failed,"
                  + " rolledBack, pending, …), gate `evaluations`, `failedNodes`, `reason`"),
          new Procedure(
              "getHealthMetrics",
              "GET",
              "/api/v1/fleet/health",
              "fleet health: `total` nodes and counts `byTier`, `byStatus`, `byVersion`,"
                  + " `byTierAndStatus`"));

  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

  private ApiReferenceWriter() {}

  /** The Markdown for {@code openApi}. */
  public static String render(JsonNode openApi) {
    StringBuilder md = new StringBuilder();
    md.append(INTRO);
    md.append(mappingTable(openApi));
    md.append(WALKTHROUGH);
    md.append(operations(openApi));
    return md.toString();
  }

  /** Procedures whose operation is not in {@code openApi}. */
  public static List<String> missingProcedures(JsonNode openApi) {
    return NETWORK_OPS.stream()
        .filter(p -> operation(openApi, p.method(), p.path()).isMissingNode())
        .map(p -> p.name() + " -> " + p.method() + " " + p.path())
        .toList();
  }

  private static JsonNode operation(JsonNode openApi, String method, String path) {
    return openApi.path("paths").path(path).path(method.toLowerCase(java.util.Locale.ROOT));
  }

  // ------------------------------------------------------------------------------ mapping

  private static String mappingTable(JsonNode openApi) {
    StringBuilder md = new StringBuilder();
    md.append("## The seed's `networkOps` procedures\n\n");
    md.append(
        "The procedures of the seed's `networkOps` interface and the operations that do them"
            + " (the test fails when one of these operations leaves the OpenAPI document):\n\n");
    md.append("| Procedure | Operation | Roles | Returns |\n");
    md.append("|---|---|---|---|\n");
    for (Procedure p : NETWORK_OPS) {
      JsonNode op = operation(openApi, p.method(), p.path());
      md.append("| `")
          .append(p.name())
          .append("` | [`")
          .append(p.method())
          .append(' ')
          .append(p.call())
          .append("`](#")
          .append(anchor(p.method(), p.path()))
          .append(") | ")
          .append(String.join(", ", roles(op)))
          .append(" | ")
          .append(cell(p.returns()))
          .append(" |\n");
    }
    md.append('\n');
    return md.toString();
  }

  // ------------------------------------------------------------------------------ operations

  private record Op(String tag, String method, String path, JsonNode node) {}

  private static String operations(JsonNode openApi) {
    Map<String, String> tagDescriptions = new TreeMap<>();
    openApi
        .path("tags")
        .forEach(t -> tagDescriptions.put(t.path("name").asText(), t.path("description").asText()));
    Map<String, List<Op>> byTag = new TreeMap<>();
    List<Op> nodeApi = new ArrayList<>();
    openApi
        .path("paths")
        .properties()
        .forEach(
            path -> {
              for (String method : METHODS) {
                JsonNode node = path.getValue().path(method);
                if (node.isMissingNode()) {
                  continue;
                }
                String tag = node.path("tags").path(0).asText("");
                Op op = new Op(tag, method.toUpperCase(java.util.Locale.ROOT), path.getKey(), node);
                if (node.has("x-roles")) {
                  byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(op);
                } else {
                  nodeApi.add(op);
                }
              }
            });
    Comparator<Op> order =
        Comparator.comparing(Op::path)
            .thenComparing(op -> METHODS.indexOf(op.method().toLowerCase(java.util.Locale.ROOT)));
    StringBuilder md = new StringBuilder();
    md.append("## Operations\n\n");
    md.append(
        "By tag, then path. **Roles** are the roles that may call the operation (`x-roles` in the"
            + " OpenAPI document, checked against the API by `ApiRolesIT`); anything else gets"
            + " 403, no login 401. Every 4xx answer is a problem ([Errors](#errors)); answers"
            + " particular to an operation (409 and the like) are in its summary or the linked"
            + " guides.\n\n");
    for (Map.Entry<String, List<Op>> tag : byTag.entrySet()) {
      md.append("- [").append(tag.getKey()).append("](#").append(slug(tag.getKey())).append(")\n");
    }
    if (!nodeApi.isEmpty()) {
      md.append("- [Node API](#node-api)\n");
    }
    md.append('\n');
    for (Map.Entry<String, List<Op>> tag : byTag.entrySet()) {
      md.append("### ").append(tag.getKey()).append("\n\n");
      String description = tagDescriptions.getOrDefault(tag.getKey(), "");
      if (!description.isBlank()) {
        md.append(description).append(".\n\n");
      }
      List<Op> ops = new ArrayList<>(tag.getValue());
      ops.sort(order);
      for (Op op : ops) {
        md.append(operation(openApi, op));
      }
    }
    if (!nodeApi.isEmpty()) {
      nodeApi.sort(order);
      md.append("### Node API\n\n");
      md.append(
          "Served beside the console API by the node gateway, for nodes only: a node's session"
              + " (`Authorization: Bearer nst_…`), enrolment with an install token, or the demo's"
              + " fleet token ([gateway.md](gateway.md)). No person's login or API token is"
              + " accepted here.\n\n");
      md.append("| Method | Path | Summary |\n|---|---|---|\n");
      for (Op op : nodeApi) {
        md.append("| ")
            .append(op.method())
            .append(" | `")
            .append(op.path())
            .append("` | ")
            .append(cell(op.node().path("summary").asText("see gateway.md")))
            .append(" |\n");
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static String operation(JsonNode openApi, Op op) {
    JsonNode node = op.node();
    StringBuilder md = new StringBuilder();
    md.append("#### ").append(op.method()).append(' ').append(op.path()).append("\n\n");
    md.append(node.path("summary").asText()).append(".\n\n");
    md.append("- Roles: ").append(String.join(", ", roles(node)));
    String note = node.path("x-roles-note").asText("");
    if (!note.isBlank()) {
      md.append(" (").append(note).append(')');
    }
    md.append('\n');
    List<String> parameters = new ArrayList<>();
    node.path("parameters")
        .forEach(
            p ->
                parameters.add(
                    "`"
                        + p.path("name").asText()
                        + "` ("
                        + p.path("in").asText()
                        + ", "
                        + type(p.path("schema"))
                        + (p.path("required").asBoolean() ? ", required" : "")
                        + defaultValue(p.path("schema"))
                        + ")"));
    if (!parameters.isEmpty()) {
      md.append("- Parameters: ").append(String.join(", ", parameters)).append('\n');
    }
    JsonNode body = node.path("requestBody");
    if (!body.isMissingNode()) {
      JsonNode schema = firstContent(body).path("schema");
      md.append("- Request body")
          .append(body.path("required").asBoolean() ? "" : " (optional)")
          .append(": ")
          .append(type(schema));
      String fields = fields(openApi, schema);
      md.append(fields.isEmpty() ? "" : " — " + fields).append('\n');
    }
    List<String> responses = new ArrayList<>();
    new TreeMap<>(fieldMap(node.path("responses")))
        .forEach(
            (code, response) -> {
              JsonNode schema = firstContent(response).path("schema");
              String what =
                  code.startsWith("4") || code.startsWith("5")
                      ? response.path("description").asText()
                      : schema.isMissingNode() ? "" : type(schema);
              responses.add("`" + code + "`" + (what.isEmpty() ? "" : " " + what));
            });
    if (!responses.isEmpty()) {
      md.append("- Responses: ").append(String.join("; ", responses)).append('\n');
    }
    md.append('\n');
    return md.toString();
  }

  private static Map<String, JsonNode> fieldMap(JsonNode node) {
    Map<String, JsonNode> fields = new TreeMap<>();
    node.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
    return fields;
  }

  private static JsonNode firstContent(JsonNode withContent) {
    JsonNode content = withContent.path("content");
    if (content.has("application/json")) {
      return content.path("application/json");
    }
    Map<String, JsonNode> types = fieldMap(content);
    return types.isEmpty() ? content.path("none") : types.values().iterator().next();
  }

  /** "`name` type (required), …" of an object schema or the schema it refers to. */
  private static String fields(JsonNode openApi, JsonNode schema) {
    JsonNode resolved = resolve(openApi, schema);
    JsonNode properties = resolved.path("properties");
    if (properties.isEmpty()) {
      return "";
    }
    List<String> required = new ArrayList<>();
    resolved.path("required").forEach(r -> required.add(r.asText()));
    return fieldMap(properties).entrySet().stream()
        .map(
            p ->
                "`"
                    + p.getKey()
                    + "` "
                    + type(p.getValue())
                    + (required.contains(p.getKey()) ? " (required)" : ""))
        .collect(Collectors.joining(", "));
  }

  private static JsonNode resolve(JsonNode openApi, JsonNode schema) {
    String ref = schema.path("$ref").asText("");
    if (ref.startsWith("#/components/schemas/")) {
      return openApi
          .path("components")
          .path("schemas")
          .path(ref.substring("#/components/schemas/".length()));
    }
    return schema;
  }

  /** A schema in a few words: its name, or its type (with format, items, values). */
  static String type(JsonNode schema) {
    if (schema.isMissingNode() || schema.isEmpty()) {
      return "any";
    }
    String ref = schema.path("$ref").asText("");
    if (!ref.isEmpty()) {
      return ref.substring(ref.lastIndexOf('/') + 1);
    }
    String type = schema.path("type").asText("");
    if (type.isEmpty() && schema.path("types").isArray()) {
      type = schema.path("types").path(0).asText("");
    }
    return switch (type) {
      case "array" -> type(schema.path("items")) + "[]";
      case "object" ->
          schema.has("additionalProperties") && schema.path("additionalProperties").isObject()
              ? "map of " + type(schema.path("additionalProperties"))
              : "object";
      case "" -> "any";
      default -> schema.has("format") ? type + " (" + schema.path("format").asText() + ")" : type;
    };
  }

  private static String defaultValue(JsonNode schema) {
    return schema.has("default") ? ", default " + schema.path("default").asText() : "";
  }

  private static List<String> roles(JsonNode operation) {
    List<String> roles = new ArrayList<>();
    operation
        .path("x-roles")
        .forEach(r -> roles.add("ANONYMOUS".equals(r.asText()) ? "anyone (no login)" : r.asText()));
    return roles.isEmpty() ? List.of("—") : roles;
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  /** GitHub's anchor of the heading "METHOD path". */
  static String anchor(String method, String path) {
    return slug(method + " " + path);
  }

  private static String slug(String heading) {
    return heading
        .toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9 _-]", "")
        .replace(' ', '-');
  }

  // ------------------------------------------------------------------------------ fixed text

  private static final String INTRO =
      """
      # API reference

      <!-- Generated from the console's OpenAPI document (/v3/api-docs) by ApiReferenceIT
           (web-vaadin, io.noderr.console.api.docs); do not edit by hand. To regenerate:
           ./mvnw -B verify -pl web-vaadin -Dtest=none -Dit.test=ApiReferenceIT \\
             -Dsurefire.failIfNoSpecifiedTests=false -Dnoderr.docs.update=true -->

      The console's REST API: the node registry, fleet health, onboarding, releases, deployments,
      alerts, emergencies, governance, rewards, disputes, the treasury and API tokens. The node API
      (`/api/v1/auth`, `/api/v1/agent`, `/api/v1/beacon`) answers on the same port for nodes only
      ([gateway.md](gateway.md)). The OpenAPI document itself is served at `/v3/api-docs` (any
      login).

      ## Base URL

      `http://127.0.0.1:8080` for `./noderr up` (`--port N` moves it; the console and the API share
      the port); every path below starts with `/api/v1`. Request and answer bodies are JSON (UTF-8).

      ## Authentication

      - **People**: HTTP Basic with their console login (`curl -u sre:…`). Failed logins back off (5
        free per user name, 20 per address, then 1 s, 2 s, … up to 15 min): **429** with
        `Retry-After` while locked ([api-security.md](api-security.md#basic-auth-throttling-and-the-bcrypt-cache)).
      - **Automation**: an API token, `Authorization: Bearer nat_…`, created with `POST /api/v1/tokens`
        (shown once) with a subset of its creator's roles and an expiry; never throttled
        ([api-security.md](api-security.md#api-tokens-nat_)).
      - Roles: ADMIN acts, SRE reads everything, SIGNER answers signature requests, OPERATOR watches
        its own operator's nodes. Each operation below lists its roles; another role gets **403**
        (`your role may not do this`), no or bad credentials **401** (`WWW-Authenticate: Basic`).
        Only `POST /api/v1/applications` is public (rate-limited per address: **429**).

      ## State-changing requests: `X-Requested-By`

      Every `POST`, `PUT`, `PATCH` or `DELETE` under `/api` must carry `Content-Type:
      application/json` (or `application/*+json`) or a non-empty `X-Requested-By` header, whatever
      the credentials; otherwise **403** before anything runs (CSRF: a cross-site HTML form can post
      with a browser's cached Basic credentials, but can send neither). A JSON body satisfies it; a
      body-less call (approve, install-token, health checks, acknowledging an alert) needs the header:

      <!-- ci: DocsHowTosIT -->
      ```bash
      curl -sf -u admin:noderr-demo -X POST -H 'X-Requested-By: cli' http://127.0.0.1:8080/api/v1/nodes/sim-00001/health-checks
      ```

      ## Errors

      Every refusal is an RFC 9457 problem, `Content-Type: application/problem+json`, with a one-line
      `detail` and never a stack trace:

      ```json
      {
        "type": "about:blank",
        "title": "Conflict",
        "status": 409,
        "detail": "the beacon has published nothing for tier ALL, not 1.1.0 — only releases the signers published for every targeted tier can be deployed; propose the release and have it signed first",
        "instance": "/api/v1/deployments"
      }
      ```

      400 malformed input (the `detail` names the parameter or field; control characters are
      refused), 401 no or bad credentials, 403 role or CSRF header, 404 unknown id (also what an
      operator login gets for another operator's resource), 409 refused by the state of things
      (the workflow's reason), 413 oversized public body, 429 throttled or rate-limited.

      ## Paging

      Lists that page take `page` (0-based, default 0) and `size` (default 50; at most 500, reward
      epochs 200) and answer `items` with `total` where counting is cheap (nodes also echo `page` and
      `size`). Alerts and emergencies take `limit` instead (newest first). A parameter out of range
      is a 400 naming it.

      """;

  private static final String WALKTHROUGH =
      """
      ### Walkthrough: the seven procedures with curl

      Against a freshly started `./noderr up` (console and API at `http://127.0.0.1:8080`, 50
      simulated nodes on version 1.0.0, the dev chain with the demo signers and operators), from the
      repository's root, with `curl` and `jq`; run it with `bash -euo pipefail`. A deployment only
      deploys what the signers published on the beacon, and approving an application needs the
      operator's stake (governance is on with the dev chain), so the walkthrough stakes with
      `./noderr stake` and signs with `./noderr sign` using the demo keystores `up` writes to
      `<data-dir>/chain/keys`. `NODERR_DATA_DIR` and `NODERR_CHAIN_RPC` name another data directory
      or chain port.

      <!-- ci: DocsHowTosIT -->
      ```bash
      # The demo platform's keystores and dev chain (./noderr up's --data-dir and --chain-port).
      KEYS="${NODERR_DATA_DIR:-$HOME/.noderr/data}/chain/keys"
      RPC="${NODERR_CHAIN_RPC:-http://127.0.0.1:8545}"
      export NODERR_PASSWORD=noderr-demo NODERR_KEYSTORE_PASSWORD=noderr-demo

      # getNodeRegistry: the first page of the node list (here one node)
      NODE=$(curl -sf -u sre:noderr-demo 'http://127.0.0.1:8080/api/v1/nodes?size=1' | jq -r '.items[0].id')

      # getNodeDetails: that node
      curl -sf -u sre:noderr-demo "http://127.0.0.1:8080/api/v1/nodes/$NODE" |
        jq '.node | {id, operatorId, tier, status, version, health}'

      # getHealthMetrics: fleet-wide counts
      curl -sf -u sre:noderr-demo 'http://127.0.0.1:8080/api/v1/fleet/health' | jq '{total, byStatus, byVersion}'

      # approveApplication: demo operator 1 stakes the tier minimum (governance is on with the dev
      # chain), applies (public), and an admin approves (the install token is shown once)
      OPERATOR="0x$(jq -r .address "$KEYS/operator-1.json")"
      ./noderr stake --add 1000 --keystore "$KEYS/operator-1.json" --rpc "$RPC" \\
        --platform http://127.0.0.1:8080 --user sre --yes
      APP=$(curl -sf -X POST 'http://127.0.0.1:8080/api/v1/applications' -H 'Content-Type: application/json' \\
        -d "{\\"operatorName\\":\\"Walkthrough\\",\\"contact\\":\\"ops@walkthrough.example\\",\\"tier\\":\\"ALL\\",\\"region\\":\\"eu-west\\",\\"signingAddress\\":\\"$OPERATOR\\"}" |
        jq -r .id)
      curl -sf -u admin:noderr-demo -X POST -H 'X-Requested-By: cli' \\
        "http://127.0.0.1:8080/api/v1/applications/$APP/approve" | jq '{applicationId, expiresAt}'

      # deployVersion: only what the signers published deploys, so propose a release of the simulated
      # image of VERSION, have two demo signers sign it, wait for the beacon, then start the deployment
      VERSION=1.1.0
      DIGEST="sha256:$(printf 'noderr-node:%s' "$VERSION" | sha256sum | cut -d' ' -f1)"
      RELEASE=$(curl -sf -u admin:noderr-demo -X POST 'http://127.0.0.1:8080/api/v1/releases' \\
        -H 'Content-Type: application/json' \\
        -d "{\\"tier\\":\\"ORACLE\\",\\"version\\":\\"$VERSION\\",\\"imageDigest\\":\\"$DIGEST\\"}" | jq -r .id)
      for n in 1 2; do
        ./noderr sign --platform http://127.0.0.1:8080 --user "signer$n" \\
          --keystore "$KEYS/signer-$n.json" --release "$RELEASE" --yes
      done
      for _ in $(seq 60); do
        curl -sf -u sre:noderr-demo 'http://127.0.0.1:8080/api/v1/releases/published/ORACLE' |
          jq -e --arg v "$VERSION" '.version == $v' >/dev/null && break
        sleep 1
      done
      DEPLOYMENT=$(curl -sf -u admin:noderr-demo -X POST 'http://127.0.0.1:8080/api/v1/deployments' \\
        -H 'Content-Type: application/json' \\
        -d "{\\"version\\":\\"$VERSION\\",\\"tiers\\":[\\"ORACLE\\"],\\"preset\\":\\"all-at-once\\"}" | jq -r .id)

      # getDeploymentStatus: until the rollout completes
      for _ in $(seq 120); do
        STATUS=$(curl -sf -u sre:noderr-demo "http://127.0.0.1:8080/api/v1/deployments/$DEPLOYMENT" | jq -r .status)
        echo "$DEPLOYMENT: $STATUS"
        [[ $STATUS == COMPLETED ]] && break
        sleep 2
      done
      [[ $STATUS == COMPLETED ]]

      # rollbackVersion: a completed rollout, inside its rollback window (a running one: abort)
      curl -sf -u admin:noderr-demo -X POST -H 'Content-Type: application/json' -d '{"reason":"API reference walkthrough"}' \\
        "http://127.0.0.1:8080/api/v1/deployments/$DEPLOYMENT/rollback" | jq '{rolloutId, status}'
      for _ in $(seq 60); do
        STATUS=$(curl -sf -u sre:noderr-demo "http://127.0.0.1:8080/api/v1/deployments/$DEPLOYMENT" | jq -r .status)
        echo "$DEPLOYMENT: $STATUS"
        [[ $STATUS == ROLLED_BACK ]] && break
        sleep 2
      done
      [[ $STATUS == ROLLED_BACK ]]
      ```

      """;
}
