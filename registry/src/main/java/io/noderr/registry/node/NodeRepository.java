package io.noderr.registry.node;

import java.util.Optional;
import org.springframework.data.repository.CrudRepository;

/** Single-node reads and optimistic-locked writes. Lists go through {@link NodeSearch}. */
public interface NodeRepository extends CrudRepository<Node, String> {

  /** The node when it is {@code operatorId}'s: an operator's read of another's node finds none. */
  Optional<Node> findByIdAndOperatorId(String id, String operatorId);
}
