package io.noderr.console.security;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Roles of the console and API. ADMIN acts; SRE reads everything; SIGNER answers signature
 * requests; OPERATOR watches nodes; AGENT is the node agents' API credential.
 */
public final class Roles {

  public static final String ADMIN = "ADMIN";
  public static final String SRE = "SRE";
  public static final String SIGNER = "SIGNER";
  public static final String OPERATOR = "OPERATOR";
  public static final String AGENT = "AGENT";

  /** A registered node authenticated by its own session token; the principal is its node id. */
  public static final String NODE = "NODE";

  /** Roles a person can hold (AGENT is for machines only). */
  public static final Set<String> PEOPLE = Set.of(ADMIN, SRE, SIGNER, OPERATOR);

  /** SpEL for "may read the fleet". */
  public static final String CAN_READ_FLEET = "hasAnyRole('ADMIN','SRE','OPERATOR')";

  /** SpEL for "may see fleet totals" (every person). */
  public static final String CAN_SEE_TOTALS = "hasAnyRole('ADMIN','SRE','OPERATOR','SIGNER')";

  private Roles() {}

  /** The caller's roles without the {@code ROLE_} prefix (ADMIN, SRE, ..., NODE). */
  public static Set<String> of(Authentication caller) {
    return caller.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .map(authority -> authority.replaceFirst("^ROLE_", ""))
        .collect(Collectors.toUnmodifiableSet());
  }
}
