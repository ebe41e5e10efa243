package io.noderr.console.views;

import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import io.noderr.console.observe.ChartWindow;
import java.util.function.Consumer;

/** The 1 h / 24 h / 7 d choice above a page's charts; 24 h until the user picks another. */
final class ChartWindowChoice extends RadioButtonGroup<ChartWindow> {

  ChartWindowChoice(Consumer<ChartWindow> onChange) {
    super("Window");
    setId("chart-window");
    addThemeVariants(RadioGroupVariant.LUMO_HELPER_ABOVE_FIELD);
    setItems(ChartWindow.values());
    setItemLabelGenerator(ChartWindow::label);
    setValue(ChartWindow.DAY);
    addValueChangeListener(
        e -> {
          if (e.getValue() != null) {
            onChange.accept(e.getValue());
          }
        });
  }

  ChartWindow window() {
    return getValue() == null ? ChartWindow.DAY : getValue();
  }
}
