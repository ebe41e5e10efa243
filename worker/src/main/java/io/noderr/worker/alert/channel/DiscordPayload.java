package io.noderr.worker.alert.channel;

import io.noderr.registry.alert.DeliveryKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Discord webhook takes: {@code {"content": title, "embeds": [one per alert]}}; an embed has
 * a title, a description, a colour by severity and the runbook as its link when it is a URL.
 * Discord takes at most 10 embeds per message.
 */
final class DiscordPayload {

  static final int PER_MESSAGE = 10;

  private DiscordPayload() {}

  static Map<String, Object> of(List<Notice> notices) {
    List<Map<String, Object>> embeds =
        notices.stream()
            .map(
                notice -> {
                  Map<String, Object> embed = new LinkedHashMap<>();
                  embed.put("title", notice.headline());
                  embed.put("description", notice.body());
                  embed.put("color", colour(notice));
                  if (notice.runbookIsUrl()) {
                    embed.put("url", notice.runbook());
                  } else {
                    embed.put(
                        "fields",
                        List.of(
                            Map.of("name", "runbook", "value", notice.runbook(), "inline", false)));
                  }
                  embed.put("timestamp", notice.alert().lastSeen().toString());
                  return embed;
                })
            .toList();
    return Map.of("content", Payloads.title(notices), "embeds", embeds);
  }

  private static int colour(Notice notice) {
    if (notice.kind() == DeliveryKind.RESOLVED) {
      return 0x2EB67D;
    }
    return switch (notice.alert().severity()) {
      case CRITICAL -> 0xE01E5A;
      case WARNING -> 0xECB22E;
      case INFO -> 0x36C5F0;
    };
  }
}
