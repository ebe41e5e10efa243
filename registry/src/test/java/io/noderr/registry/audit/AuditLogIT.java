package io.noderr.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.registry.RegistryDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataAccessException;

class AuditLogIT {

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final AuditLog audit = db.bean(AuditLog.class);

  @Test
  void recentFor_returnsTheSubjectsEntries_newestFirst_upToTheLimit() {
    audit.append("alice", "node.health-check-requested", "n-1", null, "health-check-n-1-1");
    audit.append("system", "node.degraded", "n-1", "silent", null);
    audit.append("bob", "node.enrolled", "n-2", null, null);
    audit.append("system", "node.recovered", "n-1", "back", null);

    List<AuditEntry> entries = audit.recentFor("n-1", 2);

    assertThat(entries)
        .extracting(AuditEntry::action)
        .containsExactly("node.recovered", "node.degraded");
    AuditEntry oldest = audit.recentFor("n-1", 10).getLast();
    assertThat(oldest.actor()).isEqualTo("alice");
    assertThat(oldest.workflowId()).isEqualTo("health-check-n-1-1");
    assertThat(oldest.at()).isNotNull();
  }

  @Test
  void appendAll_writesOneEntryPerSubject() {
    audit.appendAll("simulator", "node.enrolled", List.of("n-1", "n-2", "n-3"), "sim");
    audit.appendAll("simulator", "node.enrolled", List.of(), "nothing");

    assertThat(db.jdbc().queryForObject("SELECT count(*) FROM audit_log", Long.class)).isEqualTo(3);
    AuditEntry entry = audit.recentFor("n-2", 10).getFirst();
    assertThat(entry.actor()).isEqualTo("simulator");
    assertThat(entry.detail()).isEqualTo("sim");
    assertThat(entry.workflowId()).isNull();
  }

  @Test
  void update_isRefused_andTheEntryStaysAsWritten() {
    audit.append("alice", "node.enrolled", "n-1", "original", null);

    assertThatThrownBy(() -> db.jdbc().update("UPDATE audit_log SET detail = 'rewritten'"))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");
    assertThat(audit.recentFor("n-1", 1).getFirst().detail()).isEqualTo("original");
  }

  @Test
  void delete_isRefused_andTheEntryStays() {
    audit.append("alice", "node.enrolled", "n-1", "original", null);

    assertThatThrownBy(() -> db.jdbc().update("DELETE FROM audit_log WHERE subject = 'n-1'"))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");
    assertThat(audit.recentFor("n-1", 10)).hasSize(1);
  }

  @Test
  void truncate_isRefused_andTheEntryStays() {
    audit.append("alice", "node.enrolled", "n-1", "original", null);

    assertThatThrownBy(() -> db.jdbc().execute("TRUNCATE audit_log"))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");
    assertThat(audit.recentFor("n-1", 10)).hasSize(1);
  }
}
