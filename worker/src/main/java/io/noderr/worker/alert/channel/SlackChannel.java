package io.noderr.worker.alert.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Slack incoming webhook: {@code {"text": fallback, "blocks": [header, section per alert]}} with
 * mrkdwn sections. Slack takes at most 50 blocks per message, so large groups go out in several.
 */
final class SlackChannel implements AlertChannel {

  /** Sections per message, below Slack's 50-block limit with the header. */
  static final int PER_MESSAGE = 40;

  private final String name;
  private final WebhookPoster poster;

  SlackChannel(String name, String url, Duration timeout) {
    this.name = name;
    this.poster = new WebhookPoster(name, url, timeout);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(List<Notice> notices) throws ChannelFailure {
    for (List<Notice> chunk : Payloads.chunks(notices, PER_MESSAGE)) {
      poster.post(Payloads.json(payload(chunk)));
    }
  }

  static Map<String, Object> payload(List<Notice> notices) {
    List<Object> blocks = new ArrayList<>();
    String title = title(notices);
    blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", title)));
    for (Notice notice : notices) {
      String runbook =
          notice.runbookIsUrl()
              ? "<" + notice.runbook() + "|runbook>"
              : "runbook: " + notice.runbook();
      blocks.add(
          Map.of(
              "type",
              "section",
              "text",
              Map.of(
                  "type",
                  "mrkdwn",
                  "text",
                  "*" + notice.headline() + "*\n" + notice.body() + "\n" + runbook)));
    }
    return Map.of("text", title, "blocks", blocks);
  }

  static String title(List<Notice> notices) {
    return notices.size() == 1
        ? notices.getFirst().headline()
        : "noderr: " + notices.size() + " alert updates";
  }
}
