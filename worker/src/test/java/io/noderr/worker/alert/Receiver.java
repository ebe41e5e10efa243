package io.noderr.worker.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP receiver standing in for Slack, Discord and a webhook endpoint: records every POST
 * by path and answers 200, or the status set for a path.
 */
final class Receiver implements AutoCloseable {

  record Post(String path, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<Post> posts = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();

  Receiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          byte[] body = exchange.getRequestBody().readAllBytes();
          posts.add(new Post(path, JSON.readTree(new String(body, StandardCharsets.UTF_8))));
          int status = statuses.getOrDefault(path, 200);
          // A failing endpoint that echoes the URL, as some proxies do: it must not leak.
          byte[] answer =
              (status == 200 ? "ok" : "refused " + exchange.getRequestURI())
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void answer(String path, int status) {
    statuses.put(path, status);
  }

  List<Post> posts(String path) {
    return posts.stream().filter(p -> p.path().equals(path)).toList();
  }

  void clear() {
    posts.clear();
    statuses.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
