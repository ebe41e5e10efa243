package io.noderr.console.fleet;

import com.vaadin.flow.shared.Registration;
import io.noderr.registry.access.OperatorScope;
import io.noderr.registry.fleet.FleetHealth;
import io.noderr.registry.fleet.FleetHealthQuery;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Pushes fleet totals to open views. One aggregate query per tick and per scope watching (all
 * operators, plus one per operator login with a view open) however many browsers are open, and none
 * when nobody is watching. Listeners are views that passed their role check on entry; each gets the
 * totals of the scope it subscribed with, never the whole fleet's unless it may see them.
 */
@Component
public class FleetUpdates {

  private final FleetHealthQuery health;
  private final Set<Listener> listeners = new CopyOnWriteArraySet<>();

  FleetUpdates(FleetHealthQuery health) {
    this.health = health;
  }

  /**
   * @param scope whose nodes the listener may see ({@code Callers.scope()} of the view's user)
   */
  public Registration subscribe(OperatorScope scope, Consumer<FleetHealth> listener) {
    Listener subscribed = new Listener(scope, listener);
    listeners.add(subscribed);
    return () -> listeners.remove(subscribed);
  }

  @Scheduled(fixedDelayString = "${noderr.console.push-interval:3s}")
  void publish() {
    if (listeners.isEmpty()) {
      return;
    }
    Map<OperatorScope, FleetHealth> current = new HashMap<>();
    listeners.forEach(
        listener ->
            listener.onTick().accept(current.computeIfAbsent(listener.scope(), health::current)));
  }

  private record Listener(OperatorScope scope, Consumer<FleetHealth> onTick) {}
}
