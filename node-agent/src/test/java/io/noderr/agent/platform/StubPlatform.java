package io.noderr.agent.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in for the platform's REST API in unit tests: canned JSON per route, every request kept.
 * The real platform is exercised by the app module's end-to-end tests.
 */
public final class StubPlatform implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A request as received; {@code body} is null for requests without one. */
  public record Request(String method, String path, String authorization, JsonNode body) {}

  /** What a route answers: a JSON body with a status. */
  public record Answer(int status, Object body) {
    public static Answer ok(Object body) {
      return new Answer(200, body);
    }

    /** An RFC 7807 problem, as the platform refuses. */
    public static Answer problem(int status, String detail) {
      return new Answer(status, Map.of("status", status, "detail", detail));
    }
  }

  private final HttpServer server;
  private final Map<String, Function<Request, Answer>> routes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private StubPlatform(HttpServer server) {
    this.server = server;
  }

  public static StubPlatform start() throws IOException {
    StubPlatform stub =
        new StubPlatform(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    stub.server.createContext("/", stub::handle);
    stub.server.start();
    return stub;
  }

  /**
   * Answers {@code method} on {@code pathAndQuery} (e.g. {@code GET /api/v1/releases?status=X}).
   */
  public StubPlatform on(String method, String pathAndQuery, Function<Request, Answer> route) {
    routes.put(method + " " + pathAndQuery, route);
    return this;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Request> requests(String method) {
    return requests.stream().filter(r -> r.method().equals(method)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      byte[] raw = exchange.getRequestBody().readAllBytes();
      Request request =
          new Request(
              exchange.getRequestMethod(),
              target,
              exchange.getRequestHeaders().getFirst("Authorization"),
              raw.length == 0 ? null : JSON.readTree(raw));
      requests.add(request);
      Function<Request, Answer> route = routes.get(request.method() + " " + target);
      Answer answer =
          route == null ? Answer.problem(404, "no route " + target) : route.apply(request);
      byte[] body = JSON.writeValueAsBytes(answer.body());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), body.length);
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
