package io.noderr.worker.beacon;

import io.micrometer.core.instrument.MeterRegistry;
import io.noderr.registry.release.BeaconEvents;
import io.noderr.registry.release.LocalBeaconStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The beacon backend: on chain (and its event follower) when {@code noderr.beacon.rpc-url} is set,
 * else the local beacon.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BeaconProperties.class)
@Import(BlankAddressConverter.class)
public class BeaconConfiguration {

  @Configuration(proxyBeanMethods = false)
  @Conditional(OnChain.class)
  static class Chain {

    /** The demo profile runs the dev chain's multisig of the public demo signers; nothing else. */
    @Bean(destroyMethod = "close")
    ChainBeacon chainBeacon(BeaconProperties properties, Environment environment) {
      return ChainBeacon.connect(properties, environment.acceptsProfiles(Profiles.of("demo")));
    }

    @Bean
    BeaconEventFollower beaconEventFollower(
        ChainBeacon beacon,
        BeaconEvents events,
        BeaconProperties properties,
        MeterRegistry registry) {
      BeaconEventFollower follower = new BeaconEventFollower(beacon, events, properties);
      follower.registerGauges(registry, "beacon", "the beacon event follower");
      return follower;
    }
  }

  @Configuration(proxyBeanMethods = false)
  @Conditional(OnChain.Not.class)
  static class Local {

    @Bean
    LocalBeacon localBeacon(BeaconProperties properties, LocalBeaconStore store) {
      return new LocalBeacon(properties.local(), store);
    }
  }

  /** {@code noderr.beacon.rpc-url} is set (bound as the properties record binds it). */
  public static class OnChain implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return Binder.get(context.getEnvironment())
          .bind("noderr.beacon.rpc-url", String.class)
          .map(url -> !url.isBlank())
          .orElse(false);
    }

    static class Not implements Condition {
      @Override
      public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return !new OnChain().matches(context, metadata);
      }
    }
  }
}
