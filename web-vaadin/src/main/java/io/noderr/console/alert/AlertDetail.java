package io.noderr.console.alert;

import io.noderr.registry.alert.AlertRow;
import io.noderr.registry.alert.DeliveryRow;
import java.util.List;

/** An alert with every notification queued for it (channel names only, never their secrets). */
public record AlertDetail(AlertRow alert, List<DeliveryRow> deliveries) {}
