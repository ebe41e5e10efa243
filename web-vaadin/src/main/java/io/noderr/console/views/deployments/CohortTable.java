package io.noderr.console.views.deployments;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.noderr.console.rollout.DeploymentCohorts;
import io.noderr.console.rollout.DeploymentCohorts.Line;
import java.util.function.ToLongFunction;

/**
 * One row per stage: its planned size and how its nodes ended. Refilled on every push; it is a few
 * rows, so it is not lazy.
 */
public class CohortTable extends VerticalLayout {

  private final Grid<Line> grid = new Grid<>(Line.class, false);
  private final Grid.Column<Line> planned;
  private final Span pending = new Span();

  public CohortTable() {
    setPadding(false);
    setSpacing(false);
    grid.setId("cohort-grid");
    grid.addThemeVariants(GridVariant.LUMO_COMPACT);
    grid.setAllRowsVisible(true);
    grid.addColumn(Line::stage).setHeader("Stage").setKey("stage").setAutoWidth(true);
    planned = count("planned", "Planned", Line::planned);
    count("updated", "Updated", Line::updated);
    count("alreadyAtTarget", "Already at target", Line::alreadyAtTarget);
    count("failed", "Failed", Line::failed);
    count("reverted", "Reverted", Line::reverted);
    count("rolledBack", "Rolled back", Line::rolledBack);
    count("revertFailed", "Revert failed", Line::revertFailed);
    pending.setId("cohort-pending");
    add(grid, pending);
  }

  public void show(DeploymentCohorts cohorts) {
    grid.setItems(cohorts.lines());
    // Without the strategy the planned size is only what has been counted so far.
    planned.setHeader(cohorts.plannedFromStrategy() ? "Planned" : "Handed out");
    pending.setText(cohorts.pending() + " nodes not handed out yet");
  }

  private Grid.Column<Line> count(String key, String header, ToLongFunction<Line> value) {
    return grid.addColumn(line -> value.applyAsLong(line))
        .setHeader(header)
        .setKey(key)
        .setAutoWidth(true);
  }
}
