package io.noderr.console.views;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.noderr.console.fleet.FleetService;
import io.noderr.console.fleet.FleetUpdates;
import io.noderr.registry.Tier;
import io.noderr.registry.node.NodeQuery;
import io.noderr.registry.node.NodeRow;
import io.noderr.registry.node.NodeSort;
import io.noderr.registry.node.NodeStatus;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * All nodes, lazily loaded page by page from PostgreSQL (only the visible rows and a count are
 * queried, so 10,000 nodes cost the same as 50), filterable and sortable.
 */
@Route(value = "nodes", layout = MainLayout.class)
@PageTitle("Nodes | Noderr")
@RolesAllowed({"ADMIN", "SRE", "OPERATOR"})
public class NodesView extends VerticalLayout {

  final Grid<NodeRow> grid = new Grid<>(NodeRow.class, false);
  final Select<Tier> tier = new Select<>();
  final Select<NodeStatus> status = new Select<>();
  final TextField version = new TextField();
  final TextField search = new TextField();
  private final Span matching = new Span();
  private final FleetService fleet;

  public NodesView(FleetService fleet, FleetUpdates updates) {
    this.fleet = fleet;
    setSizeFull();
    configureFilters();
    configureGrid();
    HorizontalLayout filters = new HorizontalLayout(search, tier, status, version, matching);
    filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    filters.setWidthFull();
    add(filters, grid);
    expand(grid);
    // Live: the fleet tick re-reads the visible page (statuses, last seen).
    FleetTicks.follow(this, updates, health -> refresh());
  }

  private void configureFilters() {
    search.setPlaceholder("Search id, operator, region");
    search.setPrefixComponent(VaadinIcon.SEARCH.create());
    search.setClearButtonVisible(true);
    search.setValueChangeMode(ValueChangeMode.LAZY);
    search.setId("node-search");
    tier.setLabel("Tier");
    tier.setItems(Tier.values());
    tier.setEmptySelectionAllowed(true);
    tier.setEmptySelectionCaption("All tiers");
    status.setLabel("Status");
    status.setItems(NodeStatus.values());
    status.setEmptySelectionAllowed(true);
    status.setEmptySelectionCaption("All statuses");
    version.setLabel("Version");
    version.setPlaceholder("e.g. 1.0.0");
    version.setClearButtonVisible(true);
    version.setValueChangeMode(ValueChangeMode.LAZY);
    search.addValueChangeListener(e -> refresh());
    tier.addValueChangeListener(e -> refresh());
    status.addValueChangeListener(e -> refresh());
    version.addValueChangeListener(e -> refresh());
  }

  private void configureGrid() {
    grid.setId("nodes-grid");
    grid.addColumn(NodeRow::id).setHeader("Node").setKey(NodeSort.ID.name()).setSortable(true);
    grid.addColumn(NodeRow::operator)
        .setHeader("Operator")
        .setKey(NodeSort.OPERATOR.name())
        .setSortable(true);
    grid.addColumn(NodeRow::tier).setHeader("Tier").setKey(NodeSort.TIER.name()).setSortable(true);
    grid.addColumn(NodeRow::region)
        .setHeader("Region")
        .setKey(NodeSort.REGION.name())
        .setSortable(true);
    grid.addColumn(NodeRow::status)
        .setHeader("Status")
        .setKey(NodeSort.STATUS.name())
        .setSortable(true);
    grid.addColumn(NodeRow::version)
        .setHeader("Version")
        .setKey(NodeSort.VERSION.name())
        .setSortable(true);
    grid.addColumn(NodeRow::health).setHeader("Health");
    grid.addColumn(row -> ago(row.lastSeen()))
        .setHeader("Last seen")
        .setKey(NodeSort.LAST_SEEN.name())
        .setSortable(true);
    grid.setMultiSort(false);
    grid.setItems(
        query ->
            fleet.rows(query(query.getOffset(), query.getLimit(), query.getSortOrders())).stream(),
        query -> (int) countAndShow());
    grid.addItemClickListener(
        e ->
            getUI()
                .ifPresent(
                    ui ->
                        ui.navigate(
                            NodeDetailView.class, NodeDetailView.params(e.getItem().id()))));
  }

  private long countAndShow() {
    long count = fleet.count(query(0, 1, List.of()));
    matching.setText(count + " matching");
    return count;
  }

  NodeQuery query(int offset, int limit, List<QuerySortOrder> sortOrders) {
    NodeSort sort = NodeSort.ID;
    boolean descending = false;
    if (!sortOrders.isEmpty()) {
      sort = NodeSort.valueOf(sortOrders.get(0).getSorted());
      descending = sortOrders.get(0).getDirection() == SortDirection.DESCENDING;
    }
    return new NodeQuery(
        tier.getValue(),
        status.getValue(),
        version.getValue(),
        search.getValue(),
        sort,
        descending,
        offset,
        Math.min(limit, NodeQuery.MAX_LIMIT));
  }

  private void refresh() {
    grid.getDataProvider().refreshAll();
  }

  static String ago(Instant instant) {
    if (instant == null) {
      return "never";
    }
    long seconds = Math.max(0, Duration.between(instant, Instant.now()).toSeconds());
    if (seconds < 120) {
      return seconds + " s ago";
    }
    return seconds < 7200 ? seconds / 60 + " min ago" : seconds / 3600 + " h ago";
  }
}
