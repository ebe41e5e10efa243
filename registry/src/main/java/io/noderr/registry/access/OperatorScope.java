package io.noderr.registry.access;

import java.util.List;

/**
 * Whose rows a read may return: every operator's (admins, SREs), one operator's (an operator
 * login), or none (an OPERATOR caller bound to no operator). Queries take it and filter in SQL, so
 * a scoped caller never receives another operator's row, not even to be dropped later.
 */
public sealed interface OperatorScope {

  /** Every operator's rows. */
  OperatorScope ALL = new All();

  /** No operator's rows: the safe answer for an OPERATOR caller without an operator. */
  OperatorScope NONE = new None();

  static OperatorScope of(String operatorId) {
    return new One(operatorId);
  }

  /** Whether a row of {@code operatorId} is visible. */
  boolean sees(String operatorId);

  /**
   * This scope as a SQL condition on {@code column} (a constant of the caller's, never input):
   * {@code true}, {@code false} or {@code column = ?} with the operator id appended to {@code
   * args}.
   */
  default String condition(String column, List<Object> args) {
    return switch (this) {
      case All all -> "true";
      case None none -> "false";
      case One one -> {
        args.add(one.operatorId());
        yield column + " = ?";
      }
    };
  }

  record All() implements OperatorScope {
    @Override
    public boolean sees(String operatorId) {
      return true;
    }
  }

  record None() implements OperatorScope {
    @Override
    public boolean sees(String operatorId) {
      return false;
    }
  }

  /**
   * @param operatorId the one operator whose rows are visible
   */
  record One(String operatorId) implements OperatorScope {
    public One {
      if (operatorId == null || operatorId.isBlank()) {
        throw new IllegalArgumentException("an operator scope needs an operator id");
      }
    }

    @Override
    public boolean sees(String id) {
      return operatorId.equals(id);
    }
  }
}
