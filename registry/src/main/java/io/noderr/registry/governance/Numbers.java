package io.noderr.registry.governance;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * uint256 columns (NUMERIC(78, 0)) and nullable timestamps, to and from JDBC; shared by the
 * registry's on-chain read models (governance, rewards).
 */
public final class Numbers {

  private Numbers() {}

  public static BigDecimal column(BigInteger value) {
    return value == null ? null : new BigDecimal(value);
  }

  public static BigInteger uint(ResultSet rs, String column) throws SQLException {
    BigDecimal value = rs.getBigDecimal(column);
    return value == null ? null : value.toBigIntegerExact();
  }

  public static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
