package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The platform's REST API over real HTTP, as a demo user (password noderr-demo) or anonymous. */
public final class PlatformApi {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;

  public PlatformApi(URI base) {
    this.base = base;
  }

  /** GET that must answer 200; the body as JSON. */
  /** Waits until {@code nodes} simulated nodes have enrolled (the fleet starts after the API). */
  public void awaitFleet(int nodes) {
    await()
        .atMost(60, TimeUnit.SECONDS)
        .until(() -> get("/api/v1/fleet/health", "sre").path("total").asInt() >= nodes);
  }

  public JsonNode get(String path, String user) throws Exception {
    HttpResponse<String> response = send(request(path, user).GET());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** GET that must answer 200; the body as text (a Prometheus scrape). */
  public String text(String path, String user) throws Exception {
    HttpResponse<String> response = send(request(path, user).GET());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return response.body();
  }

  public int status(String path, String user) throws Exception {
    return send(request(path, user).GET()).statusCode();
  }

  /** A body-less POST; X-Requested-By is what the API's CSRF check wants from non-browsers. */
  HttpResponse<String> post(String path, String user) throws Exception {
    return send(
        request(path, user)
            .header("X-Requested-By", "noderr-tests")
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** POSTs {@code body} (serialized to JSON unless it is a String already). */
  public HttpResponse<String> post(String path, String user, Object body) throws Exception {
    return send(withJson(path, user, body, "POST"));
  }

  /** PUTs {@code body} (serialized to JSON unless it is a String already). */
  public HttpResponse<String> put(String path, String user, Object body) throws Exception {
    return send(withJson(path, user, body, "PUT"));
  }

  private HttpRequest.Builder withJson(String path, String user, Object body, String method)
      throws IOException {
    String json = body instanceof String text ? text : JSON.writeValueAsString(body);
    return request(path, user)
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json));
  }

  /** Submits an application (as its operator would, anonymously); returns its id. */
  public String apply(String tier, String region) throws Exception {
    return apply(tier, region, "0x" + "ab".repeat(20));
  }

  /** Submits an application signed for by {@code signingAddress}; returns its id. */
  public String apply(String tier, String region, String signingAddress) throws Exception {
    HttpResponse<String> response =
        post(
            "/api/v1/applications",
            null,
            Map.of(
                "operatorName",
                "Aurora Nodes",
                "contact",
                "ops@aurora.example",
                "tier",
                tier,
                "region",
                region,
                "signingAddress",
                signingAddress));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).path("id").asText();
  }

  /** Approves as admin; returns the install token (shown only in this answer). */
  public String approve(String applicationId) throws Exception {
    HttpResponse<String> response =
        post("/api/v1/applications/" + applicationId + "/approve", "admin");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).path("installToken").asText();
  }

  /** One telemetry report of {@code nodeId}, as its agent sends it, with its session. */
  HttpResponse<String> telemetry(String bearer, String nodeId, String health) throws Exception {
    return send(
        HttpRequest.newBuilder(base.resolve("/api/v1/agent/telemetry"))
            .header("Authorization", "Bearer " + bearer)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    """
                    {"reports":[{"nodeId":"%s","version":"1.0.0","health":"%s",
                      "cpuPercent":1,"memoryPercent":2,"diskPercent":3,"errors":0,"requests":10}]}"""
                        .formatted(nodeId, health))));
  }

  /** One heartbeat for {@code nodeId} with a bearer credential. */
  HttpResponse<String> heartbeat(String bearer, String nodeId) throws Exception {
    return send(
        HttpRequest.newBuilder(base.resolve("/api/v1/agent/heartbeats"))
            .header("Authorization", "Bearer " + bearer)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    """
                    {"reports":[{"nodeId":"%s","version":"1.0.0","health":"HEALTHY",
                      "cpuPercent":1,"memoryPercent":2,"diskPercent":3}]}"""
                        .formatted(nodeId))));
  }

  public static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GETs {@code path} as a login with a password of its own (not the demo one). */
  public JsonNode getAs(String path, String user, String password) throws Exception {
    HttpResponse<String> response = send(request(path, user, password));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  private HttpRequest.Builder request(String path, String user) {
    return request(path, user, "noderr-demo");
  }

  private HttpRequest.Builder request(String path, String user, String password) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path));
    if (user != null) {
      String credentials = user + ":" + password;
      builder.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return builder;
  }
}
