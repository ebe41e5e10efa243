package io.noderr.console.fleet;

import io.noderr.console.security.Callers;
import io.noderr.console.security.Roles;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.fleet.FleetHealth;
import io.noderr.registry.fleet.FleetHealthQuery;
import io.noderr.registry.node.Node;
import io.noderr.registry.node.NodePage;
import io.noderr.registry.node.NodeQuery;
import io.noderr.registry.node.NodeRow;
import io.noderr.registry.node.NodeSearch;
import io.noderr.registry.node.Operator;
import io.noderr.registry.node.OperatorRepository;
import io.noderr.registry.workflow.WorkflowRuns;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The fleet as the console and the API read it. Every method carries its roles; every read is
 * limited to the operators the caller may see ({@link Callers#scope}), in the query itself.
 */
@Service
public class FleetService {

  private static final int RECENT = 20;

  private final NodeSearch search;
  private final FleetHealthQuery health;
  private final VisibleNodes nodes;
  private final OperatorRepository operators;
  private final AuditLog audit;
  private final WorkflowRuns runs;
  private final TemporalLinks links;

  FleetService(
      NodeSearch search,
      FleetHealthQuery health,
      VisibleNodes nodes,
      OperatorRepository operators,
      AuditLog audit,
      WorkflowRuns runs,
      TemporalLinks links) {
    this.search = search;
    this.health = health;
    this.nodes = nodes;
    this.operators = operators;
    this.audit = audit;
    this.runs = runs;
    this.links = links;
  }

  @PreAuthorize(Roles.CAN_READ_FLEET)
  public NodePage find(NodeQuery query) {
    return search.find(query.within(Callers.scope()));
  }

  /** Rows only, for lazy grids that ask for the count separately. */
  @PreAuthorize(Roles.CAN_READ_FLEET)
  public List<NodeRow> rows(NodeQuery query) {
    return search.rows(query.within(Callers.scope()));
  }

  @PreAuthorize(Roles.CAN_READ_FLEET)
  public long count(NodeQuery query) {
    return search.count(query.within(Callers.scope()));
  }

  @PreAuthorize(Roles.CAN_READ_FLEET)
  public NodeDetails details(String nodeId) {
    Node node = nodes.require(nodeId);
    String operatorName =
        operators.findById(node.operatorId()).map(Operator::name).orElse(node.operatorId());
    return new NodeDetails(
        node,
        operatorName,
        audit.recentFor(nodeId, RECENT),
        runs.recentFor(nodeId, RECENT).stream()
            .map(run -> new NodeDetails.LinkedRun(run, links.workflow(run.workflowId())))
            .toList());
  }

  /** Counts of the nodes the caller may see (an operator login: its own). */
  @PreAuthorize(Roles.CAN_SEE_TOTALS)
  public FleetHealth health() {
    return health.current(Callers.scope());
  }
}
