package io.noderr.console.fleet;

import com.vaadin.flow.shared.Registration;
import io.noderr.registry.fleet.FleetHealth;
import io.noderr.registry.fleet.FleetHealthQuery;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Pushes fleet totals to open views. One aggregate query per tick however many browsers are open,
 * and none when nobody is watching. Listeners are views that passed their role check on entry.
 */
@Component
public class FleetUpdates {

  private final FleetHealthQuery health;
  private final Set<Consumer<FleetHealth>> listeners = new CopyOnWriteArraySet<>();

  FleetUpdates(FleetHealthQuery health) {
    this.health = health;
  }

  public Registration subscribe(Consumer<FleetHealth> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Scheduled(fixedDelayString = "${noderr.console.push-interval:3s}")
  void publish() {
    if (listeners.isEmpty()) {
      return;
    }
    FleetHealth current = health.current();
    listeners.forEach(listener -> listener.accept(current));
  }
}
