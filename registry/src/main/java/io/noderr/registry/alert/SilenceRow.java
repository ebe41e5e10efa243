package io.noderr.registry.alert;

import java.time.Instant;
import java.util.Map;

/**
 * A silence: suppresses notifications of the alerts whose labels hold every matcher.
 *
 * @param lastMatchedAt when it last matched a firing alert; null if never
 * @param expiredAt when it ended before {@code endsAt} (expired by hand or matched nothing); null
 *     otherwise
 */
public record SilenceRow(
    long id,
    Map<String, String> matchers,
    String reason,
    String createdBy,
    Instant startsAt,
    Instant endsAt,
    Instant lastMatchedAt,
    Instant expiredAt,
    String expiredReason) {

  public SilenceRow {
    matchers = Map.copyOf(matchers);
  }

  /** Whether every matcher holds in {@code labels}. */
  public boolean matches(Map<String, String> labels) {
    return matchers.entrySet().stream().allMatch(m -> m.getValue().equals(labels.get(m.getKey())));
  }

  public boolean activeAt(Instant now) {
    return expiredAt == null && !now.isBefore(startsAt) && now.isBefore(endsAt);
  }

  /** The name alerts record in {@code silenced_by}. */
  public String name() {
    return "silence-" + id;
  }
}
