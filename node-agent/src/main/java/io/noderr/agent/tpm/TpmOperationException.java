package io.noderr.agent.tpm;

/**
 * The TPM could not be reached or refused an operation. The message is one line for the operator,
 * e.g. "cannot reach the TPM at tcp://127.0.0.1:2321: connection refused" or "the TPM could not
 * activate the credential: TPM_RC_INTEGRITY"; it never contains key material or secrets.
 */
public final class TpmOperationException extends RuntimeException {

  TpmOperationException(String message) {
    super(message);
  }

  TpmOperationException(String message, Throwable cause) {
    super(message, cause);
  }
}
