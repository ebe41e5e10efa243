package io.noderr.console.views.deployments;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.noderr.console.rollout.DeploymentService;
import io.noderr.registry.rollout.RolloutTargetQueries;
import io.noderr.registry.rollout.RolloutTargetQueries.NodeFilter;
import io.noderr.registry.rollout.RolloutTargetQueries.NodeResult;
import io.noderr.registry.rollout.TargetStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every node of one deployment in plan order, with its latest result — the failure type and the
 * error text of a failed one. Lazy: a 10,000-node rollout is read a page at a time, filtered in the
 * database.
 */
public class NodeResultsGrid extends VerticalLayout {

  /** Nodes that did not end on the release as asked: the gate counts failed and reverted ones. */
  public static final StatusChoice FAILED_ONLY =
      new StatusChoice(
          "Failed only (incl. reverted)", Set.of("FAILED", "REVERTED", "REVERT_FAILED"));

  private static final StatusChoice ANY = new StatusChoice("All statuses", Set.of());

  private final Select<StatusChoice> status = new Select<>();
  private final TextField search = new TextField();
  private final Span matching = new Span();
  private final Grid<NodeResult> grid = new Grid<>(NodeResult.class, false);
  private final DeploymentService deployments;
  private String rolloutId;

  public NodeResultsGrid(DeploymentService deployments) {
    this.deployments = deployments;
    setPadding(false);
    configureFilters();
    configureGrid();
    HorizontalLayout filters = new HorizontalLayout(status, search, matching);
    filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    add(filters, grid);
  }

  /** Shows this deployment's nodes (null: none), re-reading the visible page. */
  public void show(String id) {
    if (id != null && !id.equals(rolloutId)) {
      grid.scrollToStart();
    }
    rolloutId = id;
    grid.getDataProvider().refreshAll();
  }

  /**
   * A status filter choice.
   *
   * @param statuses status names; empty matches all
   */
  public record StatusChoice(String label, Set<String> statuses) {

    public StatusChoice {
      statuses = Set.copyOf(statuses);
    }
  }

  private void configureFilters() {
    List<StatusChoice> choices = new ArrayList<>(List.of(ANY, FAILED_ONLY));
    Stream.of(TargetStatus.values())
        .map(s -> new StatusChoice(words(s.name()), Set.of(s.name())))
        .forEach(choices::add);
    status.setId("node-status-filter");
    status.setLabel("Status");
    status.setItems(choices);
    status.setItemLabelGenerator(StatusChoice::label);
    status.setValue(ANY);
    search.setId("node-result-search");
    search.setLabel("Node id starts with");
    search.setPrefixComponent(VaadinIcon.SEARCH.create());
    search.setClearButtonVisible(true);
    search.setValueChangeMode(ValueChangeMode.LAZY);
    matching.setId("node-results-matching");
    status.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
    search.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
  }

  private void configureGrid() {
    grid.setId("node-results-grid");
    grid.addThemeVariants(GridVariant.LUMO_COMPACT);
    grid.setHeight("24em");
    grid.addColumn(NodeResult::position).setHeader("#").setKey("position").setAutoWidth(true);
    grid.addColumn(NodeResult::nodeId).setHeader("Node").setKey("node").setAutoWidth(true);
    grid.addColumn(NodeResult::tier).setHeader("Tier").setKey("tier").setAutoWidth(true);
    grid.addColumn(NodeResult::operator).setHeader("Operator").setKey("operator");
    grid.addColumn(NodeResult::region).setHeader("Region").setKey("region");
    grid.addColumn(NodeResult::status)
        .setHeader("Status")
        .setKey("status")
        .setWidth("11em")
        .setFlexGrow(0);
    grid.addColumn(NodeResult::stage).setHeader("Stage").setKey("stage").setAutoWidth(true);
    grid.addColumn(NodeResult::failure).setHeader("Failure").setKey("failure").setAutoWidth(true);
    grid.addColumn(NodeResult::detail)
        .setHeader("Detail")
        .setKey("detail")
        .setFlexGrow(3)
        .setTooltipGenerator(NodeResult::detail);
    grid.addColumn(r -> r.millis() == null ? "" : String.format("%.1f s", r.millis() / 1000.0))
        .setHeader("Took")
        .setKey("millis")
        .setAutoWidth(true);
    grid.setItems(
        query ->
            rolloutId == null
                ? Stream.empty()
                : deployments
                    .nodeResults(
                        rolloutId,
                        filter(),
                        query.getOffset(),
                        Math.min(query.getLimit(), RolloutTargetQueries.MAX_LIMIT))
                    .stream(),
        query -> (int) countAndShow());
  }

  private long countAndShow() {
    long count = rolloutId == null ? 0 : deployments.countNodeResults(rolloutId, filter());
    matching.setText(count + " matching");
    return count;
  }

  private NodeFilter filter() {
    StatusChoice choice = status.getValue() == null ? ANY : status.getValue();
    return new NodeFilter(choice.statuses(), search.getValue());
  }

  /** ALREADY_AT_TARGET reads as "Already at target". */
  private static String words(String name) {
    String spaced = name.toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }
}
