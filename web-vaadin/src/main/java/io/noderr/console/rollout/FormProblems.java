package io.noderr.console.rollout;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.function.Predicate;

/**
 * A form's bean-validation problems in the words the API answers with ({@code maxParallel must be
 * less than or equal to 2000}), for callers that do not pass the API's {@code @Valid} door (the
 * console's forms).
 */
final class FormProblems {

  private FormProblems() {}

  /**
   * @param fields which top-level fields to judge, by name
   * @return one "field message" per problem, sorted
   */
  static <T> List<String> of(Validator validator, T form, Predicate<String> fields) {
    return validator.validate(form).stream()
        .filter(v -> fields.test(v.getPropertyPath().iterator().next().getName()))
        .map(FormProblems::describe)
        .sorted()
        .toList();
  }

  /** {@code maxFailurePercentByType[UNHEALTHY].<map value>} reads as the API's field name. */
  private static String describe(ConstraintViolation<?> violation) {
    String field = violation.getPropertyPath().toString().replaceAll("\\.<[^>]+>", "");
    return field + " " + violation.getMessage();
  }
}
