package io.noderr.worker.treasury;

import io.noderr.worker.governance.GovernanceOn;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Economics is on: governance is ({@link GovernanceOn}) and both {@code
 * noderr.economics.distributor-address} and {@code fee-collector-address} are set.
 */
public class EconomicsOn implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Binder binder = Binder.get(context.getEnvironment());
    return new GovernanceOn().matches(context, metadata)
        && set(binder, "noderr.economics.distributor-address")
        && set(binder, "noderr.economics.fee-collector-address");
  }

  private static boolean set(Binder binder, String property) {
    return binder.bind(property, String.class).map(value -> !value.isBlank()).orElse(false);
  }
}
