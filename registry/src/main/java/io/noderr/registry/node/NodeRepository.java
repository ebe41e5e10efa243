package io.noderr.registry.node;

import org.springframework.data.repository.CrudRepository;

/** Single-node reads and optimistic-locked writes. Lists go through {@link NodeSearch}. */
public interface NodeRepository extends CrudRepository<Node, String> {}
