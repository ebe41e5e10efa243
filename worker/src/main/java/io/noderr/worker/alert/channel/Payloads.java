package io.noderr.worker.alert.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** JSON writing, chunking and the message title shared by the channels. */
final class Payloads {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Payloads() {}

  static String json(Object payload) {
    try {
      return JSON.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("payload not serialisable", e);
    }
  }

  /** A message's title: the alert's headline, or how many updates it groups. */
  static String title(List<Notice> notices) {
    return notices.size() == 1
        ? notices.getFirst().headline()
        : "noderr: " + notices.size() + " alert updates";
  }

  /** {@code items} in consecutive chunks of at most {@code size}. */
  static <T> List<List<T>> chunks(List<T> items, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < items.size(); i += size) {
      chunks.add(items.subList(i, Math.min(items.size(), i + size)));
    }
    return chunks;
  }
}
