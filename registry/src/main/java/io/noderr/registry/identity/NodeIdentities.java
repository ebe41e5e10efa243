package io.noderr.registry.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.registry.audit.AuditLog;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The identity each node proved at registration, and what later attestations concluded. */
@Repository
public class NodeIdentities {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> PCRS = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final AuditLog audit;

  NodeIdentities(JdbcTemplate jdbc, AuditLog audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  /** Records a registered node; the PCR values it quoted become its baseline. */
  public void insert(StoredIdentity identity) {
    String pcrs = json(identity.pcrValues());
    jdbc.update(
        "INSERT INTO node_identities (node_id, key_kind, ak_public, ak_name, ek_public,"
            + " ek_cert_sha256, pcr_values, pcr_baseline)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)",
        identity.nodeId(),
        identity.keyKind(),
        identity.akPublic(),
        identity.akName(),
        identity.ekPublic(),
        identity.ekCertificateSha256(),
        pcrs,
        pcrs);
  }

  /** True when a node already registered with this EK certificate: one TPM, one node. */
  public boolean ekInUse(String ekCertificateSha256) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "SELECT EXISTS (SELECT 1 FROM node_identities WHERE ek_cert_sha256 = ?)",
            Boolean.class,
            ekCertificateSha256));
  }

  public Optional<StoredIdentity> find(String nodeId) {
    return jdbc
        .query(
            "SELECT node_id, key_kind, ak_public, ak_name, ek_public, ek_cert_sha256,"
                + " pcr_baseline::text AS pcr_baseline FROM node_identities WHERE node_id = ?",
            (rs, i) ->
                new StoredIdentity(
                    rs.getString("node_id"),
                    rs.getString("key_kind"),
                    rs.getString("ak_public"),
                    rs.getString("ak_name"),
                    rs.getString("ek_public"),
                    rs.getString("ek_cert_sha256"),
                    parse(rs.getString("pcr_baseline"))),
            nodeId)
        .stream()
        .findFirst();
  }

  /**
   * Records a successful re-attestation: the PCR values the node quoted. The baseline keeps every
   * value it holds and only gains PCRs it did not have (a policy that grew to quote more PCRs
   * trusts their first values, as at registration).
   */
  public void attested(String nodeId, Map<String, String> pcrValues) {
    String pcrs = json(pcrValues);
    jdbc.update(
        "UPDATE node_identities SET last_attested_at = now(), pcr_values = ?::jsonb,"
            + " pcr_baseline = ?::jsonb || pcr_baseline WHERE node_id = ?",
        pcrs,
        pcrs,
        nodeId);
  }

  /**
   * A node whose attestation failed is QUARANTINED (out of every rollout and cohort), its sessions
   * revoked, and the reason audited.
   */
  @Transactional
  public void quarantine(String nodeId, String reason) {
    jdbc.update(
        "UPDATE nodes SET status = 'QUARANTINED', attestation_status = 'FAILED',"
            + " row_version = row_version + 1 WHERE id = ?",
        nodeId);
    jdbc.update(
        "UPDATE node_sessions SET revoked_at = now() WHERE node_id = ? AND revoked_at IS NULL",
        nodeId);
    audit.append(AuditLog.SYSTEM, "node.quarantined", nodeId, reason, null);
  }

  /**
   * Which of {@code nodeIds} a shared fleet credential may not speak for: nodes with a proven
   * identity (TPM or software key), and, unless {@code anyTier}, nodes outside tier ALL. Ids the
   * registry does not know are not in the answer. One query.
   */
  public Set<String> beyondFleetCredential(Collection<String> nodeIds, boolean anyTier) {
    if (nodeIds.isEmpty()) {
      return Set.of();
    }
    return Set.copyOf(
        jdbc.queryForList(
            """
            SELECT n.id FROM nodes n
             WHERE n.id = ANY (?)
               AND ((NOT ? AND n.tier <> 'ALL')
                    OR EXISTS (SELECT 1 FROM node_identities i WHERE i.node_id = n.id))
            """,
            String.class,
            nodeIds.toArray(String[]::new),
            anyTier));
  }

  /**
   * Every node a shared fleet credential may speak for (the complement of {@link
   * #beyondFleetCredential} over the registry): one query for the whole fleet, so a cache of the
   * answer is filled at once instead of with one query per node.
   */
  public Set<String> withinFleetCredential(boolean anyTier) {
    return Set.copyOf(
        jdbc.queryForList(
            """
            SELECT n.id FROM nodes n
             WHERE (? OR n.tier = 'ALL')
               AND NOT EXISTS (SELECT 1 FROM node_identities i WHERE i.node_id = n.id)
            """,
            String.class,
            anyTier));
  }

  /**
   * The nodes whose identity was registered within the last {@code window} (by the database's
   * clock): what a cache of {@link #beyondFleetCredential} answers must forget. The table holds one
   * row per identified node, so this reads at most the fleet.
   */
  public Set<String> identifiedWithin(Duration window) {
    return Set.copyOf(
        jdbc.queryForList(
            "SELECT node_id FROM node_identities"
                + " WHERE registered_at > now() - make_interval(secs => ?)",
            String.class,
            window.toMillis() / 1000.0));
  }

  private static String json(Map<String, String> pcrValues) {
    try {
      return JSON.writeValueAsString(pcrValues == null ? Map.of() : pcrValues);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> parse(String json) {
    try {
      return JSON.readValue(json, PCRS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable PCR values in the registry", e);
    }
  }
}
