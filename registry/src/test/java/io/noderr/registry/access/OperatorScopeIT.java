package io.noderr.registry.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.alert.AlertQuery;
import io.noderr.registry.alert.AlertRow;
import io.noderr.registry.alert.Alerts;
import io.noderr.registry.alert.Finding;
import io.noderr.registry.alert.Severity;
import io.noderr.registry.fleet.FleetHealthQuery;
import io.noderr.registry.node.Node;
import io.noderr.registry.node.NodeQuery;
import io.noderr.registry.node.NodeRepository;
import io.noderr.registry.node.NodeRow;
import io.noderr.registry.node.NodeSearch;
import io.noderr.registry.node.NodeSort;
import io.noderr.registry.node.Operators;
import io.noderr.registry.onboarding.ApplicationQuery;
import io.noderr.registry.onboarding.ApplicationRow;
import io.noderr.registry.onboarding.Applications;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;

/**
 * Every read an operator login makes filters by its operator in SQL: nodes (list, search, by id,
 * counts), alerts, applications; and operator logins themselves.
 */
class OperatorScopeIT {

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private static final OperatorScope ACME = OperatorScope.of("acme");
  private static final String GLOBEX_ADDRESS = "0x" + "b".repeat(40);

  private final NodeSearch search = db.bean(NodeSearch.class);
  private final NodeRepository nodes = db.bean(NodeRepository.class);
  private final FleetHealthQuery health = db.bean(FleetHealthQuery.class);
  private final Alerts alerts = db.bean(Alerts.class);
  private final Applications applications = db.bean(Applications.class);
  private final OperatorLogins logins = db.bean(OperatorLogins.class);
  private final Operators operators = db.bean(Operators.class);

  @BeforeEach
  void fleet() {
    db.insertNode("acme-1", "acme", Tier.ORACLE, "eu-west", "ACTIVE");
    db.insertNode("acme-2", "acme", Tier.ALL, "us-east", "DEGRADED");
    db.insertNode("globex-1", "globex", Tier.ORACLE, "eu-west", "ACTIVE");
  }

  private List<String> ids(String text, OperatorScope scope) {
    return search
        .rows(new NodeQuery(null, null, null, text, NodeSort.ID, false, 0, 100).within(scope))
        .stream()
        .map(NodeRow::id)
        .toList();
  }

  @Test
  void nodes_listSearchAndCount_onlyTheOperatorsOwn() {
    assertThat(ids(null, OperatorScope.ALL)).containsExactly("acme-1", "acme-2", "globex-1");
    assertThat(ids(null, ACME)).containsExactly("acme-1", "acme-2");
    assertThat(ids("globex", ACME)).as("searching another operator's name").isEmpty();
    assertThat(ids("eu-west", ACME)).containsExactly("acme-1");
    assertThat(ids(null, OperatorScope.NONE)).isEmpty();
    assertThat(search.count(new NodeQuery(null, null, null, null, null, false, 0, 1).within(ACME)))
        .isEqualTo(2);
    NodeQuery paged = new NodeQuery(null, null, null, null, null, false, 0, 1).within(ACME);
    assertThat(paged.page(0, 10).scope()).as("paging keeps the scope").isEqualTo(ACME);
  }

  @Test
  void nodeById_isFoundOnlyForItsOwnOperator() {
    assertThat(nodes.findByIdAndOperatorId("acme-1", "acme")).map(Node::id).contains("acme-1");
    assertThat(nodes.findByIdAndOperatorId("globex-1", "acme")).isEmpty();
  }

  @Test
  void fleetCounts_coverOnlyTheOperatorsNodes() {
    assertThat(health.current().total()).isEqualTo(3);
    assertThat(health.current(ACME).total()).isEqualTo(2);
    assertThat(health.current(ACME).byStatus()).containsEntry("DEGRADED", 1L);
    assertThat(health.current(OperatorScope.NONE).total()).isZero();
  }

  @Test
  void alerts_onlyThoseNamingTheOperatorsNodesAlone() {
    Instant now = Instant.now();
    AlertRow own = alerts.open(offline("own", List.of("acme-1")), now, null);
    AlertRow foreign = alerts.open(offline("foreign", List.of("globex-1")), now, null);
    AlertRow mixed = alerts.open(offline("mixed", List.of("acme-2", "globex-1")), now, null);
    AlertRow fleetWide = alerts.open(offline("fleet", List.of()), now, null);
    AlertQuery all = new AlertQuery(null, null, null, 100);

    assertThat(alerts.search(all, ACME)).extracting(AlertRow::id).containsExactly(own.id());
    assertThat(alerts.search(all, OperatorScope.ALL))
        .extracting(AlertRow::id)
        .contains(own.id(), foreign.id(), mixed.id(), fleetWide.id());
    assertThat(alerts.search(all, OperatorScope.NONE)).isEmpty();
    assertThat(alerts.find(own.id(), ACME)).isPresent();
    assertThat(alerts.find(foreign.id(), ACME)).isEmpty();
    assertThat(alerts.find(mixed.id(), ACME)).isEmpty();
    assertThat(alerts.open(ACME).bySeverity()).containsEntry(Severity.WARNING, 1L);
    assertThat(alerts.open(OperatorScope.ALL).bySeverity()).containsEntry(Severity.WARNING, 4L);
  }

  private static Finding offline(String fingerprint, List<String> nodes) {
    return new Finding(
        "NodeOffline",
        fingerprint,
        Severity.WARNING,
        nodes.size() + " node(s) offline",
        Map.of(),
        nodes,
        List.of(),
        "docs/runbooks/node-offline.md");
  }

  @Test
  void applications_onlyThoseSignedWithTheOperatorsAddress() {
    String acmeAddress = "0x" + "a".repeat(40);
    application("app-acme000001", "Acme", acmeAddress.toUpperCase().replace("0X", "0x"));
    application("app-globex0001", "Globex", GLOBEX_ADDRESS);
    OperatorScope acme = OperatorScope.of(acmeAddress);
    ApplicationQuery all = new ApplicationQuery(null, null, null, 0, 50);

    assertThat(applications.search(all.within(acme)))
        .extracting(ApplicationRow::id)
        .containsExactly("app-acme000001");
    assertThat(applications.count(all.within(acme))).isEqualTo(1);
    assertThat(applications.count(all.within(OperatorScope.NONE))).isZero();
    assertThat(applications.count(all)).isEqualTo(2);
    assertThat(applications.find("app-globex0001", acme)).isEmpty();
    assertThat(applications.find("app-acme000001", acme)).isPresent();
  }

  private void application(String id, String operator, String address) {
    applications.insert(
        new ApplicationRow(
            id,
            operator,
            "ops@example.org",
            "ORACLE",
            "eu-west",
            address,
            "IN_REVIEW",
            null,
            null,
            null,
            "onboarding-" + id,
            null,
            null));
  }

  @Test
  void operatorLogins_uniqueNames_knownOperators_andDisabling() {
    operators.ensure("acme", "Acme again", null);
    long id = logins.create("acme-ops", "$2a$10$" + "x".repeat(53), "acme", "admin");
    OperatorLogin login = logins.find("acme-ops").orElseThrow();
    assertThat(login.id()).isEqualTo(id);
    assertThat(login.operatorId()).isEqualTo("acme");
    assertThat(login.disabled()).isFalse();
    assertThat(logins.hasEnabled("acme")).isTrue();

    assertThatThrownBy(() -> logins.create("acme-ops", "$2a$10$y", "acme", "admin"))
        .isInstanceOf(DuplicateKeyException.class);
    assertThatThrownBy(() -> logins.create("nobody-ops", "$2a$10$y", "no-such-operator", "admin"))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(() -> logins.create("plain-ops", "secret", "acme", "admin"))
        .as("only bcrypt hashes are stored")
        .isInstanceOf(DataIntegrityViolationException.class);

    assertThat(logins.disable("globex", "acme-ops", "admin")).as("not globex's").isFalse();
    assertThat(logins.disable("acme", "acme-ops", "admin")).isTrue();
    assertThat(logins.disable("acme", "acme-ops", "admin")).isFalse();
    assertThat(logins.find("acme-ops").orElseThrow().disabledBy()).isEqualTo("admin");
    assertThat(logins.hasEnabled("acme")).isFalse();
    assertThat(logins.of("acme")).hasSize(1);
  }
}
