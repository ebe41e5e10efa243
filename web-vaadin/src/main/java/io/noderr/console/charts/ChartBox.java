package io.noderr.console.charts;

import com.vaadin.flow.component.html.Div;

/**
 * Shows a server-rendered SVG chart in the console. The SVG goes in as the div's inner HTML, so the
 * browser parses it as SVG (a Vaadin {@code Html} component would create the root as an HTML
 * element and lowercase {@code viewBox}); the SVG carries its own accessible title and description.
 */
public class ChartBox extends Div {

  public ChartBox(String id) {
    setId(id);
    addClassName("chart-box");
    getStyle().set("width", "100%").set("line-height", "0");
  }

  /** Replaces the chart; {@code svg} comes from this package's renderers (escaped text only). */
  public void show(String svg) {
    getElement().setProperty("innerHTML", svg);
  }

  /** The SVG markup shown now (for tests and the text alternative). */
  public String svg() {
    return getElement().getProperty("innerHTML", "");
  }
}
