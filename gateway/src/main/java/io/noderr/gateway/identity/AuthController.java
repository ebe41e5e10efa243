package io.noderr.gateway.identity;

import io.noderr.gateway.identity.AuthPayloads.ActivationRequest;
import io.noderr.gateway.identity.AuthPayloads.ChallengeAnswer;
import io.noderr.gateway.identity.AuthPayloads.CredentialChallenge;
import io.noderr.gateway.identity.AuthPayloads.ProofRequest;
import io.noderr.gateway.identity.AuthPayloads.RegisterRequest;
import io.noderr.gateway.identity.AuthPayloads.RegistrationAnswer;
import io.noderr.gateway.identity.AuthPayloads.SessionAnswer;
import io.noderr.http.Secrets;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/auth}: how a node gets and keeps its identity. Public and rate-limited, except
 * {@code refresh}, which needs the node's current session.
 */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

  private final AuthService auth;

  AuthController(AuthService auth) {
    this.auth = auth;
  }

  /** A fresh single-use nonce and the PCRs a quote over it must cover. */
  @PostMapping("/challenge")
  ChallengeAnswer challenge() {
    return auth.challenge();
  }

  /**
   * 201 with a session for a software key; 202 with a credential to activate for a TPM (the second
   * round trip proves the AK and the EK live in the same TPM).
   */
  @PostMapping("/register")
  ResponseEntity<RegistrationAnswer> register(@Valid @RequestBody RegisterRequest request) {
    RegistrationAnswer answer = auth.register(request);
    HttpStatus status =
        answer instanceof CredentialChallenge ? HttpStatus.ACCEPTED : HttpStatus.CREATED;
    return ResponseEntity.status(status).body(answer);
  }

  @PostMapping("/register/{registrationId}/activation")
  @ResponseStatus(HttpStatus.CREATED)
  SessionAnswer activate(
      @PathVariable String registrationId, @Valid @RequestBody ActivationRequest request) {
    return auth.activate(registrationId, request);
  }

  @PostMapping("/token")
  SessionAnswer token(@Valid @RequestBody ProofRequest request) {
    return auth.token(request);
  }

  @PostMapping("/refresh")
  SessionAnswer refresh(
      @Valid @RequestBody ProofRequest request,
      Authentication caller,
      @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
    return auth.refresh(request, caller.getName(), Secrets.bearer(authorization).orElseThrow());
  }
}
