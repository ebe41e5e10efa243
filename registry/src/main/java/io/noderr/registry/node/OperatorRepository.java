package io.noderr.registry.node;

import org.springframework.data.repository.CrudRepository;

public interface OperatorRepository extends CrudRepository<Operator, String> {}
