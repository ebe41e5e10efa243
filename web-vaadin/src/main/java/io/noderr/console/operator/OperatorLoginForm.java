package io.noderr.console.operator;

/**
 * A new operator login ({@code POST /api/v1/operators/{id}/logins}, or the console's dialog).
 *
 * @param username 3 to 40 characters: lower-case letters, digits, '.', '_' or '-', starting with a
 *     letter
 * @param password the login's password (12 to 72 bytes, not containing the user name); null to have
 *     one generated and shown once in the answer
 */
public record OperatorLoginForm(String username, String password) {}
