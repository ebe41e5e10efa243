package io.noderr.console.fleet;

import io.noderr.console.security.Callers;
import io.noderr.registry.access.OperatorScope;
import io.noderr.registry.node.Node;
import io.noderr.registry.node.NodeRepository;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * One node by id as the signed-in caller may see it. Another operator's node is "not found", the
 * same answer as a node that does not exist, so an operator cannot learn which ids are taken.
 */
@Component
public class VisibleNodes {

  private final NodeRepository nodes;

  VisibleNodes(NodeRepository nodes) {
    this.nodes = nodes;
  }

  /**
   * @throws NodeNotFoundException when there is no such node or it is not the caller's to see
   */
  public Node require(String nodeId) {
    return find(nodeId, Callers.scope()).orElseThrow(() -> new NodeNotFoundException(nodeId));
  }

  private Optional<Node> find(String nodeId, OperatorScope scope) {
    return switch (scope) {
      case OperatorScope.All all -> nodes.findById(nodeId);
      case OperatorScope.One one -> nodes.findByIdAndOperatorId(nodeId, one.operatorId());
      case OperatorScope.None none -> Optional.empty();
    };
  }
}
