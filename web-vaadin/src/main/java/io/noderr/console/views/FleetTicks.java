package io.noderr.console.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import io.noderr.console.fleet.FleetUpdates;
import io.noderr.console.security.Callers;
import io.noderr.registry.fleet.FleetHealth;
import java.util.function.Consumer;

/**
 * Keeps a view live on the fleet tick (pushed): subscribed while the view is attached only, so a
 * closed tab costs nothing and no tick reaches a detached UI.
 */
final class FleetTicks {

  private FleetTicks() {}

  static void follow(Component view, FleetUpdates updates, Consumer<FleetHealth> onTick) {
    Registration[] subscription = new Registration[1];
    view.addAttachListener(
        attach -> {
          UI ui = attach.getUI();
          // The user's scope, read while their request is being served: the tick comes later,
          // from a thread that has no user.
          subscription[0] =
              updates.subscribe(Callers.scope(), health -> ui.access(() -> onTick.accept(health)));
        });
    view.addDetachListener(
        detach -> {
          if (subscription[0] != null) {
            subscription[0].remove();
            subscription[0] = null;
          }
        });
  }
}
