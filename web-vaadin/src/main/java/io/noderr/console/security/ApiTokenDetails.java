package io.noderr.console.security;

import org.springframework.security.core.Authentication;

/** Marks an authentication made with an API token rather than a password. */
public record ApiTokenDetails(long tokenId) {

  /** Whether the caller authenticated with an API token (such a caller may not mint tokens). */
  public static boolean viaToken(Authentication caller) {
    return caller != null && caller.getDetails() instanceof ApiTokenDetails;
  }
}
