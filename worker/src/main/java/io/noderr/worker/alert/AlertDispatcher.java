package io.noderr.worker.alert;

import io.noderr.activities.alert.AlertDelivery;
import io.noderr.registry.alert.AlertDeliveries;
import io.noderr.registry.alert.AlertRow;
import io.noderr.registry.alert.Alerts;
import io.noderr.registry.alert.DeliveryKind;
import io.noderr.registry.alert.DeliveryRow;
import io.noderr.registry.alert.Severity;
import io.noderr.registry.audit.AuditLog;
import io.noderr.worker.alert.channel.AlertChannel;
import io.noderr.worker.alert.channel.ChannelDirectory;
import io.noderr.worker.alert.channel.ChannelFailure;
import io.noderr.worker.alert.channel.Notice;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalates and sends. Escalation: a firing, announced, unsilenced WARNING or CRITICAL alert nobody
 * acknowledged within {@code escalate-after} of its last step is handed to the next step of its
 * route. Sending: per channel, everything queued goes out as one grouped message, unless the
 * channel took one less than {@code throttle} ago (it then waits for a later round, and what queues
 * meanwhile joins the group). Sends happen outside any transaction; a failed send stays queued for
 * the next round until {@code max-attempts}. Every send and escalation is audited.
 */
@Component
class AlertDispatcher {

  private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

  private final Alerts alerts;
  private final AlertDeliveries deliveries;
  private final ChannelDirectory channels;
  private final AlertRoutes routes;
  private final AlertProperties properties;
  private final AuditLog audit;
  private final TransactionTemplate transactions;

  AlertDispatcher(
      Alerts alerts,
      AlertDeliveries deliveries,
      ChannelDirectory channels,
      AlertRoutes routes,
      AlertProperties properties,
      AuditLog audit,
      TransactionTemplate transactions) {
    this.alerts = alerts;
    this.deliveries = deliveries;
    this.channels = channels;
    this.routes = routes;
    this.properties = properties;
    this.audit = audit;
    this.transactions = transactions;
  }

  AlertDelivery deliver(Instant now) {
    int escalated = escalate(now);
    int sent = 0;
    int failed = 0;
    int throttled = 0;
    for (String name : deliveries.channelsWithPending()) {
      List<DeliveryRow> pending = deliveries.pending(name);
      List<Long> ids = pending.stream().map(DeliveryRow::id).toList();
      Optional<AlertChannel> channel = channels.get(name);
      if (channel.isEmpty()) {
        // Configuration changed since it was queued: nothing will ever take these.
        deliveries.failed(ids, "channel " + name + " is not configured", 1);
        auditAll(pending, "alert.delivery-failed", name + ": not configured");
        failed += pending.size();
        continue;
      }
      Optional<Instant> last = deliveries.lastSent(name);
      if (last.isPresent() && now.isBefore(last.get().plus(properties.throttle()))) {
        throttled++;
        continue;
      }
      List<Notice> notices =
          pending.stream()
              .map(d -> new Notice(alerts.find(d.alertId()).orElseThrow(), d.kind()))
              .toList();
      try {
        channel.get().send(notices);
        deliveries.sent(ids, now);
        auditAll(pending, "alert.delivered", name);
        sent += pending.size();
      } catch (ChannelFailure e) {
        deliveries.failed(ids, e.getMessage(), properties.maxAttempts());
        log.warn("alert channel failed, will retry: {}", e.getMessage());
        auditAll(pending, "alert.delivery-failed", e.getMessage());
        failed += pending.size();
      }
    }
    return new AlertDelivery(escalated, sent, failed, throttled);
  }

  private int escalate(Instant now) {
    int escalated = 0;
    for (AlertRow alert : alerts.firing()) {
      if (!due(alert, now)) {
        continue;
      }
      int next = alert.escalationLevel() + 1;
      List<String> to = routes.step(alert.recipients(), next);
      if (to.isEmpty()) {
        continue;
      }
      transactions.executeWithoutResult(
          status -> {
            alerts.escalated(alert.id(), next, now);
            to.forEach(
                channel -> deliveries.queue(alert.id(), channel, DeliveryKind.ESCALATED, now));
            audit.append(
                AuditLog.SYSTEM,
                "alert.escalated",
                AlertBook.subject(alert),
                "unacknowledged after " + properties.escalateAfter() + ": " + to,
                null);
          });
      escalated++;
    }
    return escalated;
  }

  private boolean due(AlertRow alert, Instant now) {
    return alert.announced()
        && !alert.acknowledged()
        && alert.silencedBy() == null
        && alert.severity() != Severity.INFO
        && alert.escalatedAt() != null
        && !now.isBefore(alert.escalatedAt().plus(properties.escalateAfter()));
  }

  private void auditAll(List<DeliveryRow> rows, String action, String detail) {
    rows.stream()
        .collect(Collectors.groupingBy(DeliveryRow::kind))
        .forEach(
            (kind, ofKind) ->
                audit.appendAll(
                    AuditLog.SYSTEM,
                    action,
                    ofKind.stream().map(d -> "alert-" + d.alertId()).distinct().toList(),
                    kind + " " + detail));
  }
}
