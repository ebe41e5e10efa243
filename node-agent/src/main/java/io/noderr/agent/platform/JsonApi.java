package io.noderr.agent.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * JSON over HTTP to the platform. A refusal becomes a {@link PlatformException} whose message is
 * the platform's own problem detail, so the agent can print it as its one line.
 */
public final class JsonApi {

  static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          // Instants (a telemetry report's time) as ISO-8601 text, as the platform reads them.
          .registerModule(new JavaTimeModule())
          .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public JsonApi(URI base) {
    this.base = base;
  }

  /**
   * POSTs {@code body} as JSON.
   *
   * @param authorization the Authorization header ({@code Bearer ...}, {@code Basic ...}), or null
   *     for the public endpoints
   */
  public JsonNode post(String path, Object body, String authorization) {
    try {
      return send(
          path,
          request(path, authorization)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the request to " + path, e);
    }
  }

  /** GETs {@code path} (with its query string); {@code authorization} as for {@link #post}. */
  public JsonNode get(String path, String authorization) {
    return send(path, request(path, authorization).GET());
  }

  /**
   * Reads an answer into {@code type}; an answer of another shape is the platform's fault, said in
   * one line.
   */
  public static <T> T read(JsonNode answer, Class<T> type) {
    if (!answer.isObject()) {
      throw new PlatformException("the platform's answer is not a " + type.getSimpleName());
    }
    try {
      return JSON.treeToValue(answer, type);
    } catch (JsonProcessingException e) {
      throw new PlatformException(
          "the platform's answer is not a " + type.getSimpleName() + ": " + e.getOriginalMessage());
    }
  }

  private HttpRequest.Builder request(String path, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request;
  }

  private JsonNode send(String path, HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode answer = parse(response.body());
      if (response.statusCode() / 100 != 2) {
        String detail = answer.path("detail").asText("");
        throw new PlatformException(
            detail.isEmpty()
                ? "platform refused " + path + " (HTTP " + response.statusCode() + ")"
                : detail,
            response.statusCode());
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

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      // A proxy's HTML error page: say so instead of a JSON parser message.
      return JSON.createObjectNode()
          .put("detail", "the platform answered with something other than JSON");
    }
  }
}
