package net.ledgernet;

import java.util.Optional;
import net.ledgernet.routing.Interception;
import net.ledgernet.routing.MessageOrigin;
import net.ledgernet.routing.PlayerLink;

/** Delivers one message to the core as both platform listeners do: result first, then the effects. */
public final class Delivery {
    private Delivery() {
    }

    /** @return true if the original message was stopped */
    public static boolean deliver(LedgerNetCore core, MessageOrigin origin, PlayerLink link, Optional<String> backend,
                                  String channel, byte[] data) {
        Interception interception = core.intercept(origin, link, backend, channel, data);
        interception.act();
        return !interception.forwardsOriginal();
    }
}
