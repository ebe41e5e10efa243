package io.noderr.console.views;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.noderr.registry.audit.AuditEntry;
import java.util.List;

/** The label/value lines and audit trails of the console's detail panels. */
final class DetailLines {

  private DetailLines() {}

  static HorizontalLayout line(String label, String value) {
    Span name = new Span(label);
    name.getStyle().set("color", "var(--lumo-secondary-text-color)").set("min-width", "10em");
    Span text = new Span(value == null || value.isEmpty() ? "-" : value);
    text.getStyle().set("word-break", "break-all");
    return new HorizontalLayout(name, text);
  }

  static VerticalLayout auditTrail(List<AuditEntry> entries) {
    VerticalLayout trail = new VerticalLayout();
    trail.setPadding(false);
    entries.forEach(
        entry ->
            trail.add(
                new Span(
                    entry.at()
                        + "  "
                        + entry.actor()
                        + "  "
                        + entry.action()
                        + (entry.detail() == null ? "" : "  " + entry.detail()))));
    return trail;
  }
}
