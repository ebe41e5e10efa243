package io.noderr.console.views;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import java.util.Map;

/** A titled card of counts: one line per key with its count and a bar of its share. */
class CountCard extends Div {

  private final String title;

  CountCard(String title) {
    this.title = title;
    getStyle()
        .set("min-width", "16rem")
        .set("padding", "var(--lumo-space-m)")
        .set("border", "1px solid var(--lumo-contrast-10pct)")
        .set("border-radius", "var(--lumo-border-radius-l)");
    add(new H3(title));
  }

  void show(Map<String, Long> counts, long total) {
    removeAll();
    add(new H3(title));
    counts.forEach(
        (key, count) -> {
          Div bar = new Div();
          bar.getStyle()
              .set("height", "6px")
              .set("background", "var(--lumo-primary-color)")
              .set("border-radius", "3px")
              .set("width", (total == 0 ? 0 : 100 * count / total) + "%");
          Span value = new Span(Long.toString(count));
          value.getStyle().set("font-weight", "600");
          Div line = new Div(new Span(key + ": "), value, bar);
          line.addClassName("count-" + key.replaceAll("[^A-Za-z0-9]", "_"));
          line.getStyle().set("margin-bottom", "var(--lumo-space-s)");
          add(line);
        });
  }
}
