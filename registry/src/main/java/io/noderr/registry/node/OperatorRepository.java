package io.noderr.registry.node;

import java.util.Optional;
import org.springframework.data.repository.Repository;

/**
 * Reads operators. Operators are created by SQL upserts (enrollment, onboarding): an assigned id
 * and no version column would make Spring Data treat a new operator as an update.
 */
public interface OperatorRepository extends Repository<Operator, String> {
  Optional<Operator> findById(String id);
}
