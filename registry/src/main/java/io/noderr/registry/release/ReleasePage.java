package io.noderr.registry.release;

import java.util.List;

/** A page of release requests with the total number matching the filter. */
public record ReleasePage(List<ReleaseRow> rows, long total) {}
