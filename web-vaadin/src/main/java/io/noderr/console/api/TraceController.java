package io.noderr.console.api;

import io.noderr.console.trace.TraceService;
import io.noderr.console.trace.TraceSummary;
import io.noderr.http.BadRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/traces?deployment=<id>} or {@code ?node=<id>}: the recent traces the embedded
 * platform kept in memory (docs/observability.md), exactly one of the two filters.
 */
@Tag(
    name = "Traces",
    description = "Recent traces the embedded platform kept in memory, by deployment or node")
@RestController
@RequestMapping("/api/v1/traces")
class TraceController {

  private final TraceService traces;

  TraceController(TraceService traces) {
    this.traces = traces;
  }

  @Operation(summary = "Recent traces of a deployment or a node (exactly one of the two)")
  @ApiRoles(
      value = {"ADMIN", "SRE", "OPERATOR"},
      note = "deployment=: ADMIN and SRE only; node=: an OPERATOR login only its own nodes")
  @GetMapping
  TraceAnswer list(
      @RequestParam(required = false) String deployment,
      @RequestParam(required = false) String node) {
    boolean byDeployment = deployment != null && !deployment.isBlank();
    boolean byNode = node != null && !node.isBlank();
    if (byDeployment == byNode) {
      throw new BadRequestException("give exactly one of deployment=<id> or node=<id>");
    }
    List<TraceSummary> found =
        byDeployment ? traces.forDeployment(deployment.strip()) : traces.forNode(node.strip());
    return new TraceAnswer(traces.available(), found);
  }

  /**
   * @param recording false when this process keeps no spans (span-store-capacity 0): an empty list
   *     then says nothing about what happened
   */
  record TraceAnswer(boolean recording, List<TraceSummary> traces) {}
}
