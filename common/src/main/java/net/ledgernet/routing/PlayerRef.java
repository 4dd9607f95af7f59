package net.ledgernet.routing;

import java.util.UUID;

/** A player as the router sees one: who, and for the log, by what name. */
public record PlayerRef(UUID uuid, String name) {
}
