package io.noderr.registry.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An operator's (and its node's) governance identity: its approved application's address. */
class GovernanceIdentitiesIT {

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private static final String APPROVED = "0xAbC0000000000000000000000000000000000001";
  private static final String OPERATOR_ID = APPROVED.toLowerCase(Locale.ROOT);
  private static final String IN_REVIEW = "0xabc0000000000000000000000000000000000002";

  private final GovernanceIdentities identities = db.bean(GovernanceIdentities.class);

  @Test
  void anOperatorVotesWithItsApprovedApplicationsAddress_andNoneWithoutOne() {
    application("gi-1", APPROVED, "APPROVED");
    application("gi-2", IN_REVIEW, "IN_REVIEW");

    assertThat(identities.signingAddressOfOperator(OPERATOR_ID)).contains(OPERATOR_ID);
    assertThat(identities.signingAddressOfOperator(IN_REVIEW)).isEmpty();
    assertThat(identities.signingAddressOfOperator("op-aurora")).isEmpty();
  }

  @Test
  void aNodeSpeaksWithItsOperatorsApprovedApplicationsAddress() {
    application("gi-3", APPROVED, "REGISTERED");
    db.insertNode("gi-node", OPERATOR_ID, Tier.ALL, "eu", "ACTIVE");

    assertThat(identities.signingAddressOfNode("gi-node")).contains(OPERATOR_ID);
    assertThat(identities.signingAddressOfNode("no-such-node")).isEmpty();
  }

  private static void application(String id, String address, String status) {
    db.jdbc()
        .update(
            "INSERT INTO node_applications (id, operator_name, contact, tier, region,"
                + " signing_address, status) VALUES (?, 'op', 'op@example.org', 'ALL', 'eu', ?, ?)",
            id,
            address,
            status);
  }
}
