package io.noderr.contracts.devchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** An idle ganache mines only for transactions; the clock keeps its time near the wall clock. */
class DevChainClockIT {

  @Test
  void anIdleChainGetsEmptyBlocks_soItsTimeMoves_untilTheClockIsClosed() throws Exception {
    try (DevChain chain = DevChain.start()) {
      long startedAt = latestTime(chain);
      BigInteger before = chain.web3j().ethBlockNumber().send().getBlockNumber();

      try (DevChainClock clock = DevChainClock.keepMoving(chain, Duration.ofMillis(300))) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (latestTime(chain) < startedAt + 2 && Instant.now().isBefore(deadline)) {
          Thread.sleep(100);
        }
      }
      BigInteger closedAt = chain.web3j().ethBlockNumber().send().getBlockNumber();

      assertThat(latestTime(chain)).isGreaterThanOrEqualTo(startedAt + 2);
      assertThat(closedAt).as("empty blocks were mined").isGreaterThan(before);
      Thread.sleep(1_000);
      assertThat(chain.web3j().ethBlockNumber().send().getBlockNumber())
          .as("no block after close")
          .isEqualTo(closedAt);
    }
  }

  private static long latestTime(DevChain chain) throws Exception {
    return chain
        .web3j()
        .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
        .send()
        .getBlock()
        .getTimestamp()
        .longValueExact();
  }
}
