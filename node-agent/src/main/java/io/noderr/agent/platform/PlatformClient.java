package io.noderr.agent.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.activities.node.NodeStatusReport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The agent's side of the platform's agent API ({@code /api/v1/agent/...}). */
public class PlatformClient {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final URI base;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public PlatformClient(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  /** Admits the nodes (idempotent); returns the ids that were new. */
  public List<String> enroll(List<EnrollmentEntry> nodes) {
    JsonNode answer = post("/api/v1/agent/enrollments", Map.of("nodes", nodes));
    return JSON.convertValue(
        answer.path("admitted"),
        JSON.getTypeFactory().constructCollectionType(List.class, String.class));
  }

  public HeartbeatAnswer heartbeat(List<NodeStatusReport> reports) {
    List<Map<String, Object>> body =
        reports.stream()
            .map(
                r ->
                    Map.<String, Object>of(
                        "nodeId", r.nodeId(),
                        "version", r.version(),
                        "imageDigest", r.imageDigest(),
                        "health", r.health().name(),
                        "cpuPercent", r.usage().cpuPercent(),
                        "memoryPercent", r.usage().memoryPercent(),
                        "diskPercent", r.usage().diskPercent()))
            .toList();
    return JSON.convertValue(
        post("/api/v1/agent/heartbeats", Map.of("reports", body)), HeartbeatAnswer.class);
  }

  private JsonNode post(String path, Object body) {
    URI uri = base.resolve(path);
    try {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + token)
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
              .build();
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      JsonNode answer =
          response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
      if (response.statusCode() / 100 != 2) {
        String detail = answer.path("detail").asText(answer.path("error").asText(""));
        throw new PlatformException(
            "platform refused "
                + path
                + " (HTTP "
                + response.statusCode()
                + ")"
                + (detail.isEmpty() ? "" : ": " + detail));
      }
      return answer;
    } catch (ConnectException e) {
      throw new PlatformException("cannot reach the platform at " + base);
    } catch (IOException e) {
      throw new PlatformException(
          "talking to the platform at " + base + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException("interrupted while talking to the platform");
    }
  }
}
