package io.noderr.console.views;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import io.noderr.console.charts.ChartBox;

/**
 * A titled card holding one server-rendered chart; cards share a row and wrap on narrow screens.
 */
public class ChartCard extends Div {

  private final ChartBox chart;

  public ChartCard(String id, String title) {
    chart = new ChartBox(id);
    H3 heading = new H3(title);
    heading
        .getStyle()
        .set("margin", "0 0 var(--lumo-space-s) 0")
        .set("font-size", "var(--lumo-font-size-l)");
    add(heading, chart);
    getStyle()
        .set("flex", "1 1 30rem")
        .set("min-width", "0")
        .set("max-width", "42rem")
        .set("padding", "var(--lumo-space-m)")
        .set("border", "1px solid var(--lumo-contrast-10pct)")
        .set("border-radius", "var(--lumo-border-radius-l)")
        .set("box-sizing", "border-box");
  }

  public void show(String svg) {
    chart.show(svg);
  }

  public ChartBox chart() {
    return chart;
  }
}
