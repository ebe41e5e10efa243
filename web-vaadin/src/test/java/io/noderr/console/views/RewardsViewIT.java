package io.noderr.console.views;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import io.noderr.console.LiveRewardEpochRun;
import io.noderr.console.RewardEpochsFixture;
import io.noderr.console.rewards.RewardViews.EpochSummary;
import io.noderr.console.rewards.RewardViews.NodeOutcome;
import io.noderr.console.rewards.RewardViews.Payout;
import io.noderr.registry.rewards.RewardEpochInputs;
import io.noderr.registry.rewards.RewardEpochs;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Rewards view on the real services and read model: an admin sees every payout and node of an
 * epoch, an operator login only its own with the sentence explaining its amount, and a signer signs
 * the root of the epoch a real RewardEpochWorkflow runs with a demo key.
 */
class RewardsViewIT extends AbstractKaribuIT {

  private static final long EPOCH = 911;
  private static final long LIVE = 912;

  @Autowired RewardEpochInputs inputs;
  @Autowired RewardEpochs epochs;

  private RewardEpochsFixture fixture;

  @BeforeEach
  void aPublishedEpoch() {
    fixture = new RewardEpochsFixture(jdbc, inputs, epochs);
    fixture.reset(EPOCH, LIVE);
    fixture.claimable(EPOCH);
  }

  @Test
  void anAdmin_seesTheEpochInFull_withEveryPayoutAndNode() {
    startAs("admin");
    open(EPOCH);

    assertThat(line(_get(RewardsView.class), "Pool"))
        .isEqualTo(
            "0.000000000001000005 NODR = emission 0.0000000000009 + fees 0.0000000000001"
                + " + carried 0.000000000000000005");
    assertThat(line(_get(RewardsView.class), "Formula")).isEqualTo("v1");
    assertThat(line(_get(RewardsView.class), "Transaction"))
        .isEqualTo(RewardEpochsFixture.TRANSACTION);
    assertThat(addresses(payouts()))
        .containsExactlyInAnyOrder(RewardEpochsFixture.ACME, RewardEpochsFixture.GLOBEX);
    assertThat(_size(nodes())).isEqualTo(4);
    assertThat(_find(Span.class, spec -> spec.withId("payout-explanation"))).isEmpty();
    assertThat(_find(RootSigningPanel.class)).isEmpty();
    assertThat(_find(Button.class, spec -> spec.withId("claim-with-wallet"))).isEmpty();
  }

  @Test
  void anOperator_seesOnlyItsOwnPayoutAndNodes_withWhyItGotItsAmount() {
    startAsOperator("acme-rewards", RewardEpochsFixture.ACME);
    open(EPOCH);

    assertThat(addresses(payouts())).containsExactly(RewardEpochsFixture.ACME);
    assertThat(_get(Span.class, spec -> spec.withId("payout-explanation")).getText())
        .isEqualTo(
            "Your payout: performance score 14000 of 20000, effective stake 1000 of 2000 →"
                + " 700000");
    Grid<NodeOutcome> nodes = nodes();
    assertThat(IntStream.range(0, _size(nodes)).mapToObj(i -> _get(nodes, i).nodeId()))
        .containsExactly("acme-1", "acme-2");
    // The claimable payout can be claimed from the operator's own browser wallet.
    assertThat(_get(Button.class, spec -> spec.withId("claim-with-wallet")).getText())
        .isEqualTo("Claim 0.0000000000007 NODR with your wallet");
  }

  @Test
  void aSigner_signsTheRootOfTheEpochAwaitingSignatures_withADemoKey() {
    fixture.awaitingSignatures(LIVE);
    try (LiveRewardEpochRun run = new LiveRewardEpochRun(temporal, LIVE)) {
      startAs("signer1");
      open(LIVE);
      assertThat(_find(RootSigningPanel.class)).hasSize(1);

      _click(_get(Button.class, spec -> spec.withId("demo-sign-1")));

      assertThat(notifications()).contains("Accepted: 1 of 2 signatures, AWAITING_SIGNATURES");
      assertThat(run.state().signed()).hasSize(1);
      assertThat(line(_get(RewardsView.class), "Signers")).startsWith("1 of 2 needed: 0x");
    }
  }

  private static void open(long epoch) {
    UI.getCurrent().navigate(RewardsView.class);
    @SuppressWarnings("unchecked")
    Grid<EpochSummary> grid = _get(Grid.class, spec -> spec.withId("epochs"));
    EpochSummary row =
        IntStream.range(0, _size(grid))
            .mapToObj(i -> _get(grid, i))
            .filter(e -> e.epoch() == epoch)
            .findFirst()
            .orElseThrow(() -> new AssertionError("epoch " + epoch + " is not listed"));
    grid.select(row);
  }

  @SuppressWarnings("unchecked")
  private static Grid<Payout> payouts() {
    return _get(Grid.class, spec -> spec.withId("payouts"));
  }

  @SuppressWarnings("unchecked")
  private static Grid<NodeOutcome> nodes() {
    return _get(Grid.class, spec -> spec.withId("node-outcomes"));
  }

  private static List<String> addresses(Grid<Payout> grid) {
    return IntStream.range(0, _size(grid)).mapToObj(i -> _get(grid, i).address()).toList();
  }
}
