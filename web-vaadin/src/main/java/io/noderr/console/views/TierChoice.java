package io.noderr.console.views;

import com.vaadin.flow.component.checkbox.CheckboxGroup;
import java.util.List;

/** Ticks for the beacon's tiers; the choice comes back in the beacon's order. */
class TierChoice extends CheckboxGroup<String> {

  static final List<String> TIERS = List.of("ALL", "ORACLE", "GUARDIAN");

  TierChoice() {
    super("Tiers");
    setItems(TIERS);
  }

  /** In the beacon's order, whatever order they were ticked in. */
  List<String> chosen() {
    return TIERS.stream().filter(getValue()::contains).toList();
  }
}
