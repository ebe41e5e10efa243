package io.noderr.attestation;

import java.util.SortedMap;

/**
 * A node's TPM identity after its registration evidence verified. The AK is only proven to live in
 * the same TPM as the EK once the node answers the credential challenge made from this identity.
 *
 * @param akName the AK's TPM name (SHA-256 name algorithm id followed by the digest, 34 bytes): the
 *     node's stable identifier, the same after every reboot
 * @param akPublic the AK {@code TPMT_PUBLIC}, needed to verify later quotes
 * @param ekPublic the EK {@code TPMT_PUBLIC}, needed to make the credential challenge
 * @param ekCertificateSha256Hex SHA-256 of the EK certificate's DER encoding, lowercase hex
 * @param pcrValues the quoted SHA-256 PCR values, index to lowercase hex
 */
public record VerifiedIdentity(
    byte[] akName,
    byte[] akPublic,
    byte[] ekPublic,
    String ekCertificateSha256Hex,
    SortedMap<Integer, String> pcrValues) {}
