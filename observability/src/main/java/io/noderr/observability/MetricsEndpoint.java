package io.noderr.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A Prometheus scrape endpoint ({@code GET /metrics}) for processes without a web server of their
 * own: the platform's worker role and the node agent. Read-only and unauthenticated, so it binds to
 * loopback unless told otherwise.
 */
public final class MetricsEndpoint implements AutoCloseable {

  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;

  private MetricsEndpoint(HttpServer server) {
    this.server = server;
  }

  /** Serves {@code registry} on {@code bindAddress:port} (port 0: any free port). */
  public static MetricsEndpoint start(
      PrometheusMeterRegistry registry, String bindAddress, int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/metrics", exchange -> answer(exchange, registry));
    server.start();
    return new MetricsEndpoint(server);
  }

  private static void answer(HttpExchange exchange, PrometheusMeterRegistry registry)
      throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")
          || !exchange.getRequestURI().getPath().equals("/metrics")) {
        exchange.sendResponseHeaders(exchange.getRequestMethod().equals("GET") ? 404 : 405, -1);
        return;
      }
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
