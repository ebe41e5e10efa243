package io.noderr.worker.alert;

import io.noderr.activities.alert.AlertActivities;
import io.noderr.activities.alert.AlertDelivery;
import io.noderr.activities.alert.AlertEvaluation;
import io.noderr.activities.alert.AlertRound;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** The alert steps, on the workflow's clock. */
@Component
public class AlertActivitiesImpl implements AlertActivities {

  private final AlertBook book;
  private final AlertDispatcher dispatcher;

  AlertActivitiesImpl(AlertBook book, AlertDispatcher dispatcher) {
    this.book = book;
    this.dispatcher = dispatcher;
  }

  @Override
  public AlertEvaluation evaluateAlertRules(AlertRound round) {
    return book.evaluate(Instant.ofEpochMilli(round.nowMillis()));
  }

  @Override
  public AlertDelivery deliverAlertNotifications(AlertRound round) {
    return dispatcher.deliver(Instant.ofEpochMilli(round.nowMillis()));
  }
}
