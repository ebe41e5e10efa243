package io.noderr.agent.telemetry;

import io.noderr.activities.node.ResourceUsage;
import io.noderr.agent.metrics.HostMetrics;
import io.noderr.agent.runtime.ContainerRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a real agent reports about its node each interval: host load, round trips to the platform
 * and to the configured peers, the node software's health, and the node software's own metrics
 * scraped from the Prometheus endpoint its release declares ({@link
 * ContainerRuntime#metricsEndpoint}).
 */
public class AgentTelemetry implements Supplier<TelemetryReport> {

  private static final Logger log = LoggerFactory.getLogger(AgentTelemetry.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final String nodeId;
  private final ContainerRuntime runtime;
  private final HostMetrics host;
  private final URI platform;
  private final Map<String, URI> peers;
  private final NodeSoftwareMetrics software = new NodeSoftwareMetrics();
  private final Clock clock = Clock.systemUTC();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private boolean scrapeFailing;

  /**
   * @param peers the peers to measure round trips to, by id ({@code tcp://host:port} or any URI
   *     with host and port)
   */
  public AgentTelemetry(
      String nodeId,
      ContainerRuntime runtime,
      HostMetrics host,
      URI platform,
      Map<String, URI> peers) {
    this.nodeId = nodeId;
    this.runtime = runtime;
    this.host = host;
    this.platform = platform;
    this.peers = Map.copyOf(peers);
  }

  @Override
  public TelemetryReport get() {
    Instant at = clock.instant();
    ResourceUsage usage = host.sample();
    Map<String, Double> peerRtt = new LinkedHashMap<>();
    peers.forEach(
        (id, uri) -> {
          Double rtt = RoundTrip.millisTo(uri, TIMEOUT);
          if (rtt != null) {
            peerRtt.put(id, rtt);
          }
        });
    NodeSoftwareMetrics.Reading reading =
        runtime.metricsEndpoint().map(this::scrape).orElse(NodeSoftwareMetrics.Reading.NONE);
    return new TelemetryReport(
        nodeId,
        at,
        runtime.running().version(),
        runtime.lastKnownHealth().name(),
        usage.cpuPercent(),
        usage.memoryPercent(),
        usage.diskPercent(),
        RoundTrip.millisTo(platform, TIMEOUT),
        peerRtt,
        reading.errors(),
        reading.errorsByType(),
        reading.requests(),
        reading.latencyP95Ms(),
        reading.blockLag(),
        reading.peers(),
        reading.missedDuties(),
        reading.trades(),
        reading.orders());
  }

  /** One scrape; an unreachable endpoint reads as NONE, logged when it starts and ends failing. */
  private NodeSoftwareMetrics.Reading scrape(URI endpoint) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(endpoint).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IOException("HTTP " + response.statusCode());
      }
      if (scrapeFailing) {
        log.info("node software metrics at {} readable again", endpoint);
        scrapeFailing = false;
      }
      return software.read(PrometheusText.parse(response.body()));
    } catch (IOException e) {
      return scrapeFailed(endpoint, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return scrapeFailed(endpoint, "interrupted");
    }
  }

  private NodeSoftwareMetrics.Reading scrapeFailed(URI endpoint, String why) {
    if (!scrapeFailing) {
      log.warn("cannot scrape the node software's metrics at {}: {}", endpoint, why);
      scrapeFailing = true;
    }
    return NodeSoftwareMetrics.Reading.NONE;
  }
}
