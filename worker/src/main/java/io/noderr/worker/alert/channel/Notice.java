package io.noderr.worker.alert.channel;

import io.noderr.registry.alert.AlertRow;
import io.noderr.registry.alert.DeliveryKind;

/** One alert transition to tell a channel about. */
public record Notice(AlertRow alert, DeliveryKind kind) {

  /** {@code [FIRING] CRITICAL NodeOffline}, the line every channel leads with. */
  public String headline() {
    return "[" + kind + "] " + alert.severity() + " " + alert.rule();
  }

  /** What a person reads after the headline: summary, scope, owner, what silenced it. */
  public String body() {
    StringBuilder text = new StringBuilder(alert.summary());
    if (!alert.nodes().isEmpty()) {
      text.append("\nnodes: ").append(String.join(", ", shortList(alert.nodes())));
    }
    if (alert.acknowledged() && kind != DeliveryKind.RESOLVED) {
      text.append("\nacknowledged by ").append(alert.ackedBy());
    }
    if (kind == DeliveryKind.RESOLVED && !alert.announced() && alert.silencedBy() != null) {
      text.append("\n(it was silenced by ").append(alert.silencedBy()).append(")");
    }
    if (kind == DeliveryKind.ESCALATED) {
      text.append("\nnobody acknowledged it in time");
    }
    if (kind != DeliveryKind.RESOLVED) {
      text.append("\nacknowledge: console > Alerts, or POST /api/v1/alerts/")
          .append(alert.id())
          .append("/ack");
    }
    return text.toString();
  }

  public String runbook() {
    return alert.runbook();
  }

  /** Whether the runbook is a link a chat app can render (not a relative path). */
  public boolean runbookIsUrl() {
    return alert.runbook().startsWith("https://") || alert.runbook().startsWith("http://");
  }

  private static java.util.List<String> shortList(java.util.List<String> nodes) {
    if (nodes.size() <= 10) {
      return nodes;
    }
    java.util.List<String> first = new java.util.ArrayList<>(nodes.subList(0, 10));
    first.add("and " + (nodes.size() - 10) + " more");
    return first;
  }
}
