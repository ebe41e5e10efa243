package io.noderr.agent.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One HTTP GET on a health URL: 2xx is healthy, anything else (or no answer) is not. */
public final class HttpHealthProbe {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public ProbeOutcome get(URI url, Duration timeout) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      int code = response.statusCode();
      return code >= 200 && code < 300
          ? ProbeOutcome.healthy("HTTP " + code)
          : ProbeOutcome.unhealthy("HTTP " + code + " from " + url);
    } catch (IOException e) {
      return ProbeOutcome.unhealthy("cannot reach " + url + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProbeOutcome.unhealthy("probe interrupted");
    }
  }
}
