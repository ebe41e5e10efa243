package io.noderr.console.security;

/** Published when a login is disabled: cached password checks of it are dropped at once. */
public record LoginDisabled(String username) {}
