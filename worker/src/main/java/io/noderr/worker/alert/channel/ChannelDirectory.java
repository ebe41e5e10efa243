package io.noderr.worker.alert.channel;

import io.noderr.worker.alert.AlertProperties;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The configured channels by name. A channel nobody set up (no URL, SMTP host or recipient: the
 * default) is left out quietly; one set up only in part is left out with a warning naming it —
 * never its settings.
 */
@Component
public class ChannelDirectory {

  private static final Logger log = LoggerFactory.getLogger(ChannelDirectory.class);

  private final Map<String, AlertChannel> channels = new TreeMap<>();

  public ChannelDirectory(AlertProperties properties) {
    properties
        .channels()
        .forEach(
            (name, config) -> {
              if (config.unset()) {
                return;
              }
              if (!config.usable()) {
                log.warn("alert channel {} is not configured completely and is left out", name);
                return;
              }
              channels.put(name, create(name, config));
            });
    if (channels.isEmpty()) {
      log.info(
          "no alert channel set up: alerts are kept and shown in the console only"
              + " (docs/alerts.md: NODERR_ALERTS_SLACK_URL, ..._DISCORD_URL, ..._WEBHOOK_URL,"
              + " NODERR_SMTP_HOST)");
    } else {
      log.info("alert channels: {}; route: {}", channels.keySet(), properties.route());
    }
  }

  public boolean has(String name) {
    return channels.containsKey(name);
  }

  public Optional<AlertChannel> get(String name) {
    return Optional.ofNullable(channels.get(name));
  }

  private static AlertChannel create(String name, AlertProperties.Channel config) {
    return switch (config.type()) {
      case SLACK ->
          new JsonWebhookChannel(
              name, config.url(), config.timeout(), SlackPayload.PER_MESSAGE, SlackPayload::of);
      case DISCORD ->
          new JsonWebhookChannel(
              name, config.url(), config.timeout(), DiscordPayload.PER_MESSAGE, DiscordPayload::of);
      // The generic receiver takes a group whole, as Alertmanager sends it.
      case WEBHOOK ->
          new JsonWebhookChannel(
              name, config.url(), config.timeout(), Integer.MAX_VALUE, AlertmanagerPayload::of);
      case EMAIL -> new EmailChannel(name, config);
    };
  }
}
