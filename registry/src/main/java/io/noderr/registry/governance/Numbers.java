package io.noderr.registry.governance;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** uint256 columns (NUMERIC(78, 0)) and nullable timestamps, to and from JDBC. */
final class Numbers {

  private Numbers() {}

  static BigDecimal column(BigInteger value) {
    return value == null ? null : new BigDecimal(value);
  }

  static BigInteger uint(ResultSet rs, String column) throws SQLException {
    BigDecimal value = rs.getBigDecimal(column);
    return value == null ? null : value.toBigIntegerExact();
  }

  static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
