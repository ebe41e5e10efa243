package io.noderr.console.security;

import java.util.Map;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The people configuration (or the demo profile) names, and the operator each of its operator
 * logins acts for (by operator id, so the login resolves before that operator's first node).
 */
record ConfiguredPeople(InMemoryUserDetailsManager users, Map<String, String> operators) {}
