package io.noderr.worker.alert;

import io.noderr.registry.alert.SilenceLimits;
import io.noderr.worker.alert.channel.ChannelDirectory;
import io.noderr.worker.alert.rules.AuthFailureRule;
import io.noderr.worker.alert.rules.BeaconStalledRule;
import io.noderr.worker.alert.rules.EmergencyRule;
import io.noderr.worker.alert.rules.NodeOfflineRule;
import io.noderr.worker.alert.rules.NodeTrustRule;
import io.noderr.worker.alert.rules.RolloutTroubleRule;
import io.noderr.worker.alert.rules.Runbooks;
import io.noderr.worker.alert.rules.SignaturesNeededRule;
import io.noderr.worker.alert.rules.TelemetryAnomalyRule;
import io.noderr.worker.alert.rules.TreasuryDriftRule;
import java.util.function.Supplier;
import org.springframework.context.support.GenericApplicationContext;

/** Registers the worker's alerting beans as the worker wires them, on the given settings. */
final class AlertWiring {

  private AlertWiring() {}

  static void register(
      GenericApplicationContext context,
      Supplier<AlertProperties> properties,
      SilenceLimits limits) {
    context.registerBean(AlertProperties.class, properties);
    context.registerBean(SilenceLimits.class, () -> limits);
    context.registerBean(ChannelDirectory.class);
    context.registerBean(Runbooks.class);
    context.registerBean(NodeOfflineRule.class);
    context.registerBean(NodeTrustRule.class);
    context.registerBean(RolloutTroubleRule.class);
    context.registerBean(BeaconStalledRule.class);
    context.registerBean(EmergencyRule.class);
    context.registerBean(AuthFailureRule.class);
    context.registerBean(SignaturesNeededRule.class);
    context.registerBean(TelemetryAnomalyRule.class);
    context.registerBean(TreasuryDriftRule.class);
    context.registerBean(RolloutWaves.class);
    context.registerBean(AlertRoutes.class);
    context.registerBean(AlertBook.class);
    context.registerBean(AlertDispatcher.class);
    context.registerBean(AlertActivitiesImpl.class);
  }
}
