package io.noderr.worker.alert.channel;

import io.noderr.registry.alert.AlertRow;
import io.noderr.registry.alert.DeliveryKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the generic JSON webhook gets, shaped like Alertmanager's ({@code version}, {@code status},
 * {@code alerts[]} with labels, annotations, startsAt, endsAt) plus Noderr's own fields (id, kind,
 * nodes, acknowledgement, silence), so a receiver written for Alertmanager reads it.
 */
final class AlertmanagerPayload {

  private AlertmanagerPayload() {}

  static Map<String, Object> of(List<Notice> notices) {
    boolean allResolved = notices.stream().allMatch(n -> n.kind() == DeliveryKind.RESOLVED);
    List<Map<String, Object>> alerts =
        notices.stream()
            .map(
                notice -> {
                  AlertRow alert = notice.alert();
                  Map<String, Object> item = new LinkedHashMap<>();
                  item.put("id", alert.id());
                  item.put("kind", notice.kind().name());
                  item.put(
                      "status", notice.kind() == DeliveryKind.RESOLVED ? "resolved" : "firing");
                  item.put("labels", alert.labels());
                  item.put(
                      "annotations",
                      Map.of("summary", alert.summary(), "runbook_url", alert.runbook()));
                  item.put("startsAt", alert.firstSeen().toString());
                  item.put(
                      "endsAt", alert.resolvedAt() == null ? null : alert.resolvedAt().toString());
                  item.put("nodes", alert.nodes());
                  item.put("acknowledgedBy", alert.ackedBy());
                  item.put("silencedBy", alert.silencedBy());
                  return item;
                })
            .toList();
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("version", "1");
    payload.put("receiver", "noderr");
    payload.put("status", allResolved ? "resolved" : "firing");
    payload.put("alerts", alerts);
    return payload;
  }
}
