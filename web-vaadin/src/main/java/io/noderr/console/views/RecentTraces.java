package io.noderr.console.views;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.noderr.console.trace.TraceService;
import io.noderr.console.trace.TraceSummary;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A node's or a deployment's recent traces from this console's in-process span store
 * (docs/observability.md), newest first; a one-line note instead when the store is off.
 */
final class RecentTraces extends VerticalLayout {

  static final String OFF =
      "Tracing keeps no spans in this console (noderr.tracing.span-store-capacity is 0).";
  static final String NONE = "No traces in this console's span store yet.";

  final Grid<TraceSummary> grid = new Grid<>();
  final Span note = new Span();
  private final TraceService traces;

  RecentTraces(String id, TraceService traces) {
    this.traces = traces;
    setPadding(false);
    setSpacing(false);
    grid.setId(id);
    grid.setAllRowsVisible(true);
    grid.addColumn(TraceSummary::traceId).setHeader("Trace").setFlexGrow(2);
    grid.addColumn(TraceSummary::name).setHeader("Root operation").setFlexGrow(2);
    grid.addColumn(t -> NodesView.ago(t.start())).setHeader("Started");
    grid.addColumn(t -> duration(t.durationMicros())).setHeader("Took");
    grid.addColumn(t -> t.spans().size()).setHeader("Spans");
    grid.addColumn(t -> t.error() ? "ERROR" : "OK").setHeader("Status");
    note.setId(id + "-note");
    note.getStyle().set("color", "var(--lumo-secondary-text-color)");
    add(note, grid);
  }

  /** Shows what {@code recent} finds now (a TraceService query), or the note that none are kept. */
  void show(Supplier<List<TraceSummary>> recent) {
    boolean recording = traces.available();
    grid.setVisible(recording);
    if (!recording) {
      grid.setItems(List.of());
      note.setText(OFF);
      return;
    }
    List<TraceSummary> found = recent.get();
    grid.setItems(found);
    note.setText(
        found.isEmpty()
            ? NONE
            : "Newest first, at most " + TraceService.MAX_TRACES + ", from this console's store.");
  }

  static String duration(long micros) {
    if (micros < 1_000) {
      return micros + " µs";
    }
    if (micros < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f ms", micros / 1_000.0);
    }
    return String.format(Locale.ROOT, "%.2f s", micros / 1_000_000.0);
  }
}
