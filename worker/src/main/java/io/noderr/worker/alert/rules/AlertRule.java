package io.noderr.worker.alert.rules;

import io.noderr.registry.alert.Finding;
import java.time.Instant;
import java.util.List;

/**
 * One alert rule: reads registry facts and says which incidents exist now. Rules are stateless;
 * what fires, for how long and who was told is the alert book's business.
 */
public interface AlertRule {

  List<Finding> evaluate(Instant now);
}
