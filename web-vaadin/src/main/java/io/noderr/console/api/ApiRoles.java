package io.noderr.console.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call an API operation, as the OpenAPI document states them ({@code x-roles},
 * see {@link ApiDocumentation}). What enforces them is method security on the service facades; this
 * says it where the operation is declared, and {@code ApiRolesIT} calls every read and a safe set
 * of writes as each role to prove the two agree.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ApiRoles {

  /** Stands for "no login needed" in {@link #value()}. */
  String ANONYMOUS = "ANONYMOUS";

  /** Roles allowed (ADMIN, SRE, SIGNER, OPERATOR), or {@link #ANONYMOUS} alone. */
  String[] value();

  /** What the roles alone do not say, e.g. that an operator login sees only its own. */
  String note() default "";
}
