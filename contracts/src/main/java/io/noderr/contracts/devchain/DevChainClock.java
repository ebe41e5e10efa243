package io.noderr.contracts.devchain;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * Keeps an idle dev chain's clock moving: ganache mines a block only for a transaction, and the
 * governor's clock is the latest block's time, so on a chain nobody sends to, a proposal's voting
 * delay, voting period and timelock would never end (and new stake would never count). Whenever no
 * block was mined during a whole interval, it mines an empty one; a busy chain gets none.
 */
public final class DevChainClock implements AutoCloseable {

  /**
   * How far an idle dev chain's clock may fall behind: the dev governance windows are minutes (vote
   * after 1, for 10, 2 of timelock), so 5 s keeps them close to what the console counts down.
   */
  public static final Duration INTERVAL = Duration.ofSeconds(5);

  private final Web3j web3j;
  private final HttpService rpc;
  private final ScheduledExecutorService ticker;
  private BigInteger lastSeen = BigInteger.valueOf(-1);

  private DevChainClock(String rpcUrl, Duration interval) {
    this.rpc = new HttpService(rpcUrl);
    this.web3j = Web3j.build(rpc);
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("dev-chain-clock").daemon().unstarted(runnable));
    long millis = interval.toMillis();
    ticker.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Starts keeping {@code chain}'s clock within about {@link #INTERVAL} of the wall clock. */
  public static DevChainClock keepMoving(DevChain chain) {
    return keepMoving(chain, INTERVAL);
  }

  /** Starts keeping {@code chain}'s clock within about {@code interval} of the wall clock. */
  public static DevChainClock keepMoving(DevChain chain, Duration interval) {
    return new DevChainClock(chain.rpcUrl(), interval);
  }

  private void tick() {
    try {
      BigInteger latest = web3j.ethBlockNumber().send().getBlockNumber();
      if (latest.equals(lastSeen)) {
        new Request<>("evm_mine", List.of(), rpc, Response.class).send();
        latest = web3j.ethBlockNumber().send().getBlockNumber();
      }
      lastSeen = latest;
    } catch (IOException | RuntimeException e) {
      // The chain is stopping or busy: the next tick tries again.
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    web3j.shutdown();
  }
}
