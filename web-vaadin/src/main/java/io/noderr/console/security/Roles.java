package io.noderr.console.security;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Roles of the console and API. ADMIN acts; SRE reads everything; SIGNER answers signature
 * requests; OPERATOR watches nodes. (Nodes and the fleet token are the node gateway's callers.)
 */
public final class Roles {

  public static final String ADMIN = "ADMIN";
  public static final String SRE = "SRE";
  public static final String SIGNER = "SIGNER";
  public static final String OPERATOR = "OPERATOR";

  /** Roles a person can hold. */
  public static final Set<String> PEOPLE = Set.of(ADMIN, SRE, SIGNER, OPERATOR);

  /** SpEL for "may read the fleet". */
  public static final String CAN_READ_FLEET = "hasAnyRole('ADMIN','SRE','OPERATOR')";

  /** SpEL for "may see fleet totals" (every person). */
  public static final String CAN_SEE_TOTALS = "hasAnyRole('ADMIN','SRE','OPERATOR','SIGNER')";

  private Roles() {}

  /** The caller's roles without the {@code ROLE_} prefix (ADMIN, SRE, ...). */
  public static Set<String> of(Authentication caller) {
    return caller.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .map(authority -> authority.replaceFirst("^ROLE_", ""))
        .collect(Collectors.toUnmodifiableSet());
  }
}
