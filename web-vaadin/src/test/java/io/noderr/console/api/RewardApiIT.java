package io.noderr.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.console.AbstractConsoleIT;
import io.noderr.console.LiveRewardEpochRun;
import io.noderr.console.RewardEpochsFixture;
import io.noderr.console.security.OperatorPrincipal;
import io.noderr.registry.rewards.RewardEpochInputs;
import io.noderr.registry.rewards.RewardEpochs;
import io.noderr.signing.Address;
import io.noderr.signing.RewardClaimCall;
import io.noderr.signing.RewardLeaf;
import io.noderr.signing.RewardTree;
import io.noderr.signing.Signatures;
import io.temporal.client.WorkflowClient;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.web3j.utils.Numeric;

/**
 * The rewards API through the real security chain, services, PostgreSQL read model (seeded through
 * the registry's repositories) and a real RewardEpochWorkflow: every role reads epochs, an operator
 * login only its own payout, nodes and claims, signers sign the running epoch's root, and bad
 * input, unknown epochs and the workflow's refusals are 400, 404 and 409 with their reason.
 */
class RewardApiIT extends AbstractConsoleIT {

  private static final long OLDER = 901;
  private static final long NEWER = 902;
  private static final long LIVE = 903;

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired JdbcTemplate jdbc;
  @Autowired RewardEpochInputs inputs;
  @Autowired RewardEpochs epochs;
  @Autowired WorkflowClient temporal;

  private RewardTree newer;

  @BeforeEach
  void twoPublishedEpochs() {
    RewardEpochsFixture fixture = new RewardEpochsFixture(jdbc, inputs, epochs);
    fixture.reset(OLDER, NEWER, LIVE);
    fixture.claimable(OLDER);
    newer = fixture.claimable(NEWER);
  }

  @Test
  void everyRole_readsTheEpochs_newestFirst_andAnEpochInFull() throws Exception {
    for (RequestPostProcessor caller :
        List.of(httpBasic("admin", PASSWORD), httpBasic("sre", PASSWORD), signer(), acme())) {
      JsonNode page = read(mvc.perform(get("/api/v1/rewards/epochs").with(caller)));
      List<Long> listed =
          StreamSupport.stream(page.path("items").spliterator(), false)
              .map(item -> item.path("epoch").asLong())
              .filter(epoch -> epoch == OLDER || epoch == NEWER)
              .toList();
      assertThat(listed).containsExactly(NEWER, OLDER);
    }

    mvc.perform(get("/api/v1/rewards/epochs/" + NEWER).with(acme()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.stage").value("CLAIMABLE"))
        .andExpect(jsonPath("$.pool.emission").value("900000"))
        .andExpect(jsonPath("$.pool.fees").value("100000"))
        .andExpect(jsonPath("$.pool.carried").value("5"))
        .andExpect(jsonPath("$.pool.total").value("1000005"))
        .andExpect(jsonPath("$.pool.paid").value("1000000"))
        .andExpect(jsonPath("$.pool.remainder").value("5"))
        .andExpect(jsonPath("$.formulaVersion").value(1))
        .andExpect(jsonPath("$.parameters.performance_share_bp").value("7000"))
        .andExpect(jsonPath("$.inputsDigest").value("0x" + "1d".repeat(32)))
        .andExpect(jsonPath("$.payoutsDigest").value("0x" + "9d".repeat(32)))
        .andExpect(jsonPath("$.root").value(newer.rootHex()))
        .andExpect(jsonPath("$.transactionHash").value(RewardEpochsFixture.TRANSACTION))
        .andExpect(jsonPath("$.signers.length()").value(1))
        .andExpect(jsonPath("$.signing").doesNotExist());
  }

  @Test
  void payoutsAndNodes_areAllForStaff_andAnOperatorsOwnForAnOperatorLogin() throws Exception {
    String payouts = "/api/v1/rewards/epochs/" + NEWER + "/payouts";
    mvc.perform(get(payouts).with(httpBasic("admin", PASSWORD)))
        .andExpect(jsonPath("$.length()").value(2));
    mvc.perform(get(payouts).with(signer())).andExpect(jsonPath("$.length()").value(2));
    mvc.perform(get(payouts).with(acme()))
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].address").value(RewardEpochsFixture.ACME))
        .andExpect(jsonPath("$[0].amount").value("700000"))
        .andExpect(
            jsonPath("$[0].explanation")
                .value("performance score 14000 of 20000, effective stake 1000 of 2000 → 700000"));
    mvc.perform(get(payouts).with(operatorWithoutAddress()))
        .andExpect(jsonPath("$.length()").value(0));

    String nodes = "/api/v1/rewards/epochs/" + NEWER + "/nodes";
    mvc.perform(get(nodes).with(httpBasic("sre", PASSWORD)))
        .andExpect(jsonPath("$.length()").value(4))
        .andExpect(jsonPath("$[3].nodeId").value("globex-2"))
        .andExpect(jsonPath("$[3].status").value("BELOW_MINIMUM_UPTIME"))
        .andExpect(jsonPath("$[3].reason").value("uptime 50% below 90%"));
    mvc.perform(get(nodes).with(acme()))
        .andExpect(jsonPath("$.length()").value(2))
        .andExpect(jsonPath("$[0].nodeId").value("acme-1"))
        .andExpect(jsonPath("$[0].uptimeBp").value(10_000))
        .andExpect(jsonPath("$[0].tier").value("ORACLE"))
        .andExpect(jsonPath("$[0].score").value("10000"))
        .andExpect(jsonPath("$[1].nodeId").value("acme-2"));
  }

  @Test
  void claims_carryProofsTheTreeAccepts_andAreAnOperatorsOwnOnly() throws Exception {
    String acmeClaims = "/api/v1/rewards/claims/" + RewardEpochsFixture.ACME;
    JsonNode answer = read(mvc.perform(get(acmeClaims).with(acme())));
    assertThat(answer.path("address").asText()).isEqualTo(RewardEpochsFixture.ACME);
    // Other tests' epochs may pay the same address: this test's two, the newest first.
    List<JsonNode> ours =
        StreamSupport.stream(answer.path("claims").spliterator(), false)
            .filter(c -> c.path("epoch").asLong() == OLDER || c.path("epoch").asLong() == NEWER)
            .toList();
    assertThat(ours).extracting(c -> c.path("epoch").asLong()).containsExactly(NEWER, OLDER);
    JsonNode first = ours.getFirst();
    assertThat(first.path("root").asText()).isEqualTo(newer.rootHex());
    List<byte[]> proof =
        StreamSupport.stream(first.path("proof").spliterator(), false)
            .map(hash -> Numeric.hexStringToByteArray(hash.asText()))
            .toList();
    RewardLeaf leaf =
        new RewardLeaf(
            NEWER,
            Address.of(RewardEpochsFixture.ACME),
            new BigInteger(first.path("amount").asText()));
    assertThat(RewardTree.verify(newer.root(), leaf, proof)).isTrue();

    String globexClaims = "/api/v1/rewards/claims/" + RewardEpochsFixture.GLOBEX;
    mvc.perform(get(globexClaims).with(acme()))
        .andExpect(status().isNotFound())
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "no claims for "
                        + RewardEpochsFixture.GLOBEX
                        + " yet: an address can claim once an epoch that paid it is published"));
    mvc.perform(get(globexClaims).with(httpBasic("admin", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.claims[0].amount").value("300000"));
    mvc.perform(get(globexClaims).with(signer())).andExpect(status().isForbidden());
    mvc.perform(get("/api/v1/rewards/claims/0x12").with(httpBasic("admin", PASSWORD)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("address must be a 0x-address of 40 hex digits"));
  }

  @Test
  void anOperator_getsTheWalletClaimOfItsOwnPayout_theDistributorsCallWithItsProof()
      throws Exception {
    JsonNode call =
        read(mvc.perform(get("/api/v1/rewards/epochs/" + NEWER + "/claim-call").with(acme())));

    assertThat(call.path("from").asText()).isEqualTo(RewardEpochsFixture.ACME);
    assertThat(call.path("to").asText()).isEqualTo(DISTRIBUTOR);
    assertThat(call.path("amount").asText()).isEqualTo(RewardEpochsFixture.ACME_AMOUNT.toString());
    RewardLeaf leaf =
        new RewardLeaf(
            NEWER, Address.of(RewardEpochsFixture.ACME), RewardEpochsFixture.ACME_AMOUNT);
    assertThat(call.path("data").asText())
        .isEqualTo(
            RewardClaimCall.calldata(leaf, newer.proof(Address.of(RewardEpochsFixture.ACME))));
    mvc.perform(get("/api/v1/rewards/epochs/999999/claim-call").with(acme()))
        .andExpect(status().isNotFound());
    mvc.perform(
            get("/api/v1/rewards/epochs/" + NEWER + "/claim-call")
                .with(httpBasic("admin", PASSWORD)))
        .andExpect(status().isForbidden());
  }

  @Test
  void unknownEpochs_are404_andBadPathValues400() throws Exception {
    for (String path : List.of("", "/payouts", "/nodes")) {
      mvc.perform(get("/api/v1/rewards/epochs/999999" + path).with(httpBasic("sre", PASSWORD)))
          .andExpect(status().isNotFound())
          .andExpect(jsonPath("$.detail").value("reward epoch 999999 is unknown"));
    }
    for (String bad : List.of("abc", "0", "-1", "99999999999")) {
      mvc.perform(get("/api/v1/rewards/epochs/" + bad).with(httpBasic("sre", PASSWORD)))
          .andExpect(status().isBadRequest());
    }
    mvc.perform(get("/api/v1/rewards/epochs?size=0").with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isBadRequest());
  }

  @Test
  void signers_signTheRunningEpochsRoot_andRefusalsSayWhy() throws Exception {
    try (LiveRewardEpochRun run = new LiveRewardEpochRun(temporal, LIVE)) {
      mvc.perform(get("/api/v1/rewards/epochs/" + LIVE).with(httpBasic("sre", PASSWORD)))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.stage").value("AWAITING_SIGNATURES"))
          .andExpect(jsonPath("$.root").value(LiveRewardEpochRun.ROOT))
          .andExpect(jsonPath("$.pool.paid").value(LiveRewardEpochRun.PAID))
          .andExpect(jsonPath("$.signing.threshold").value(2))
          .andExpect(jsonPath("$.signing.digest").value(run.state().digest()));
      mvc.perform(get("/api/v1/rewards/epochs/" + LIVE + "/typed-data").with(signer()))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.primaryType").value("PublishRewardRoot"))
          .andExpect(jsonPath("$.message.root").value(LiveRewardEpochRun.ROOT))
          .andExpect(jsonPath("$.message.epoch").value(LIVE));
      mvc.perform(get("/api/v1/rewards/epochs/" + LIVE + "/typed-data").with(acme()))
          .andExpect(status().isForbidden());
      mvc.perform(get("/api/v1/rewards/epochs/" + NEWER + "/typed-data").with(signer()))
          .andExpect(status().isConflict())
          .andExpect(jsonPath("$.detail").value("epoch 902 is CLAIMABLE, not awaiting signatures"));

      long refusedBefore = refusalsAudited();
      sign(LIVE, 1, run.signatureOf(1))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.signatures").value(1))
          .andExpect(jsonPath("$.threshold").value(2));
      sign(LIVE, 1, run.signatureOf(1)).andExpect(status().isConflict());
      String stranger =
          Signatures.sign(
              Numeric.hexStringToByteArray(run.state().digest()), RewardEpochsFixture.ACME_KEY);
      sign(LIVE, 2, stranger).andExpect(status().isConflict());
      sign(NEWER, 2, run.signatureOf(2))
          .andExpect(status().isConflict())
          .andExpect(jsonPath("$.detail", containsString("is meant for epoch 902")));
      sign(999_999, 2, run.signatureOf(2)).andExpect(status().isNotFound());
      sign(LIVE, 2, "0x1234").andExpect(status().isBadRequest());
      assertThat(run.state().signed()).hasSize(1);
      // The workflow's refusals leave no history; the audit log keeps them.
      assertThat(refusalsAudited() - refusedBefore).isEqualTo(2);

      sign(LIVE, 2, run.signatureOf(2))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.signatures").value(2));
    }
  }

  private long refusalsAudited() {
    return jdbc.queryForObject(
        "SELECT count(*) FROM audit_log WHERE action = 'rewards.signature-refused' AND subject = ?",
        Long.class,
        "reward-epoch-" + LIVE);
  }

  private ResultActions sign(long epoch, int demoSigner, String signature) throws Exception {
    String signer = io.noderr.signing.DemoSigners.addresses().get(demoSigner - 1).value();
    return mvc.perform(
        post("/api/v1/rewards/epochs/" + epoch + "/signatures")
            .with(signer())
            .contentType(MediaType.APPLICATION_JSON)
            .content(json.writeValueAsString(Map.of("signer", signer, "signature", signature))));
  }

  private static RequestPostProcessor signer() {
    return httpBasic("signer1", PASSWORD);
  }

  private static RequestPostProcessor acme() {
    return operator(RewardEpochsFixture.ACME);
  }

  private static RequestPostProcessor operatorWithoutAddress() {
    return operator("reward-operator-without-application");
  }

  private static RequestPostProcessor operator(String operatorId) {
    return user(
        new OperatorPrincipal(
            "login-" + operatorId,
            "unused",
            true,
            List.of(new SimpleGrantedAuthority("ROLE_OPERATOR")),
            operatorId));
  }

  private JsonNode read(ResultActions result) throws Exception {
    return json.readTree(
        result.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
  }
}
