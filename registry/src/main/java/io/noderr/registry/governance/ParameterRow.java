package io.noderr.registry.governance;

import java.math.BigInteger;
import java.time.Instant;

/** A parameter of the on-chain registry with its range. */
public record ParameterRow(
    String name, BigInteger min, BigInteger max, BigInteger value, Instant updatedAt) {}
