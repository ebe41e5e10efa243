package io.noderr.worker.alert.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a Slack incoming webhook takes: {@code {"text": fallback, "blocks": [header, section per
 * alert]}} with mrkdwn sections. Slack takes at most 50 blocks per message, so large groups go out
 * in several.
 */
final class SlackPayload {

  /** Sections per message, below Slack's 50-block limit with the header. */
  static final int PER_MESSAGE = 40;

  private SlackPayload() {}

  static Map<String, Object> of(List<Notice> notices) {
    List<Object> blocks = new ArrayList<>();
    String title = Payloads.title(notices);
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
}
