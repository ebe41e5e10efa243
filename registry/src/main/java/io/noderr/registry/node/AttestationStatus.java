package io.noderr.registry.node;

/** Whether a node's identity is backed by a verified TPM attestation. */
public enum AttestationStatus {
  UNATTESTED,
  ATTESTED,
  FAILED
}
