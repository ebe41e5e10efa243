package io.noderr.worker.beacon;

import io.noderr.signing.Address;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;

/**
 * Binds a blank address setting as unset, as Spring binds blank numbers and paths: the YAML maps
 * settings to environment variables with empty defaults ({@code ${NODERR_BEACON_MULTISIG:}}).
 * Registered by {@link BeaconConfiguration}.
 */
@ConfigurationPropertiesBinding
class BlankAddressConverter implements Converter<String, Address> {

  @Override
  public Address convert(String text) {
    return text.isBlank() ? null : Address.of(text);
  }
}
