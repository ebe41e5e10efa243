package io.noderr.activities.emergency;

import java.util.List;

public record ChangeSignersRequest(
    List<String> signers, int threshold, long deadline, List<String> signatures) {}
