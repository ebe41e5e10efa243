package io.noderr.console.operator;

/**
 * A new operator login. {@code initialPassword} exists only in this answer (the platform keeps its
 * bcrypt hash); it is null when whoever created the login chose the password.
 */
public record CreatedOperatorLogin(String username, String operatorId, String initialPassword) {}
