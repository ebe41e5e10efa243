package io.noderr.worker.alert.channel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A channel that POSTs its notices as JSON to a webhook URL (Slack, Discord, a generic receiver),
 * in the payload {@code format} of the service, at most {@code perMessage} notices per message.
 * Failures name the channel and the HTTP status or the kind of I/O error, never the URL: the URL is
 * the channel's secret.
 */
final class JsonWebhookChannel implements AlertChannel {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String channel;
  private final URI url;
  private final String secret;
  private final Duration timeout;
  private final int perMessage;
  private final Function<List<Notice>, Map<String, Object>> format;

  JsonWebhookChannel(
      String channel,
      String url,
      Duration timeout,
      int perMessage,
      Function<List<Notice>, Map<String, Object>> format) {
    this.channel = channel;
    this.secret = url;
    this.timeout = timeout;
    this.perMessage = perMessage;
    this.format = format;
    try {
      this.url = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("channel " + channel + ": the webhook URL is not a URL");
    }
    if (this.url.getScheme() == null || !this.url.getScheme().startsWith("http")) {
      throw new IllegalArgumentException("channel " + channel + ": the webhook URL is not http(s)");
    }
  }

  @Override
  public String name() {
    return channel;
  }

  @Override
  public void send(List<Notice> notices) throws ChannelFailure {
    for (List<Notice> message : Payloads.chunks(notices, perMessage)) {
      post(Payloads.json(format.apply(message)));
    }
  }

  private void post(String json) throws ChannelFailure {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    HttpResponse<String> response;
    try {
      response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ChannelFailure(
          channel
              + ": "
              + e.getClass().getSimpleName()
              + " "
              + Secrets.scrub(e.getMessage(), secret, pathSecret()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChannelFailure(channel + ": interrupted");
    }
    if (response.statusCode() / 100 != 2) {
      throw new ChannelFailure(
          channel
              + ": HTTP "
              + response.statusCode()
              + " "
              + Secrets.scrub(abbreviate(response.body()), secret, pathSecret()));
    }
  }

  /** The URL's path carries the token of Slack and Discord webhooks. */
  private String pathSecret() {
    String path = url.getRawPath();
    return path == null || path.length() < 8 ? null : path;
  }

  private static String abbreviate(String body) {
    String line = body == null ? "" : body.lines().findFirst().orElse("");
    return line.length() <= 200 ? line : line.substring(0, 199) + "…";
  }
}
