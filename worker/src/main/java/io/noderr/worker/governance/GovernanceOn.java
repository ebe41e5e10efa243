package io.noderr.worker.governance;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Governance is on: the beacon is on chain ({@code noderr.beacon.rpc-url}) and the governor is
 * configured ({@code noderr.governance.governor-address}), bound as the properties records bind
 * them.
 */
public class GovernanceOn implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Binder binder = Binder.get(context.getEnvironment());
    return set(binder, "noderr.beacon.rpc-url")
        && set(binder, "noderr.governance.governor-address");
  }

  private static boolean set(Binder binder, String property) {
    return binder.bind(property, String.class).map(value -> !value.isBlank()).orElse(false);
  }
}
