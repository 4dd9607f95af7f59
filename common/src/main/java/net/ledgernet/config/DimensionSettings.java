package net.ledgernet.config;

import java.util.Map;

/**
 * How dimension ids are shown across the network.
 *
 * @param networkIdTemplate          e.g. {@code {backend}:{dimension}}
 * @param keepCurrentBackendNative   the player's own backend keeps its native ids
 * @param overrides                  backend -> local dimension id -> network id
 */
public record DimensionSettings(
        String networkIdTemplate, boolean keepCurrentBackendNative, Map<String, Map<String, String>> overrides) {
}
