package io.noderr.console.api;

import io.noderr.console.fleet.FleetService;
import io.noderr.console.fleet.HealthCheckService;
import io.noderr.console.fleet.NodeDetails;
import io.noderr.http.Params;
import io.noderr.registry.Tier;
import io.noderr.registry.node.NodePage;
import io.noderr.registry.node.NodeQuery;
import io.noderr.registry.node.NodeRow;
import io.noderr.registry.node.NodeSort;
import io.noderr.registry.node.NodeStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/nodes}: the node registry. */
@Tag(
    name = "Nodes",
    description =
        "The node registry: every node with its tier, status, version and health; health checks")
@RestController
@RequestMapping("/api/v1/nodes")
class NodeController {

  private final FleetService fleet;
  private final HealthCheckService healthChecks;

  NodeController(FleetService fleet, HealthCheckService healthChecks) {
    this.fleet = fleet;
    this.healthChecks = healthChecks;
  }

  /** A page of nodes. Parameters are parsed here so a bad one gets a message naming it. */
  @Operation(summary = "List nodes, filtered, searched, sorted and paged")
  @ApiRoles(
      value = {"ADMIN", "SRE", "OPERATOR"},
      note = "an OPERATOR login sees only its own operator's nodes")
  @GetMapping
  NodeListAnswer list(
      @RequestParam(required = false) String tier,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String version,
      @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "0") String page,
      @RequestParam(defaultValue = "50") String size,
      @RequestParam(defaultValue = "id") String sort,
      @RequestParam(defaultValue = "asc") String order) {
    int pageNumber = Params.integer("page", page, 0, 1_000_000);
    int pageSize = Params.integer("size", size, 1, NodeQuery.MAX_LIMIT);
    NodeQuery query =
        new NodeQuery(
            Params.enumValue("tier", tier, Tier.class),
            Params.enumValue("status", status, NodeStatus.class),
            version,
            q,
            Params.enumValue("sort", sort.replace("lastSeen", "last_seen"), NodeSort.class),
            Params.order(order),
            pageNumber * pageSize,
            pageSize);
    NodePage result = fleet.find(query);
    return new NodeListAnswer(result.total(), pageNumber, pageSize, result.rows());
  }

  @Operation(summary = "One node with its details")
  @ApiRoles(
      value = {"ADMIN", "SRE", "OPERATOR"},
      note = "an OPERATOR login sees only its own operator's nodes (another's is 404)")
  @GetMapping("/{id}")
  NodeDetails get(@PathVariable String id) {
    return fleet.details(id);
  }

  /** Starts a health check workflow on the node's own queue. */
  @Operation(summary = "Start a health check workflow on the node (202 with its workflow id)")
  @ApiRoles("ADMIN")
  @PostMapping("/{id}/health-checks")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, String> checkHealth(@PathVariable String id, Principal principal) {
    return Map.of("workflowId", healthChecks.start(id, principal.getName()));
  }

  record NodeListAnswer(long total, int page, int size, List<NodeRow> items) {}
}
