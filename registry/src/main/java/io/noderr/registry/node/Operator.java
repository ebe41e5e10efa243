package io.noderr.registry.node;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** An organisation that runs nodes. */
@Table("operators")
public record Operator(@Id String id, String name, String contact, Instant createdAt) {}
