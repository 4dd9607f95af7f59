package net.ledgernet.routing;

import java.util.List;
import java.util.Optional;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.protocol.LedgerPacket;
import net.ledgernet.protocol.LedgerPacket.ResponseS2C;

/** What the proxy does with one intercepted Ledger plugin message. */
public sealed interface RouteDecision {
    /** Pass the message on unchanged. */
    Forward FORWARD = new Forward();

    record Forward() implements RouteDecision {
    }

    /**
     * Pass these bytes on instead of the original, in the same direction; and answer the client
     * with {@code replies} (a handshake is answered by the proxy and replayed to the backend).
     */
    record Rewrite(LedgerChannel channel, byte[] payload, List<LedgerPacket.S2C> replies) implements RouteDecision {
        public Rewrite {
            replies = List.copyOf(replies);
        }
    }

    /** Answer the player; nothing reaches the backend. */
    record Answer(List<LedgerPacket.S2C> packets, Optional<String> chat) implements RouteDecision {
        public Answer {
            packets = List.copyOf(packets);
        }
    }

    /**
     * Refuse with a {@code ledger:response} code (0 no permission, 3 error, 4 busy); the message, if
     * any, tells the player why. Nothing reaches the backend.
     */
    record Refuse(ResponseS2C response, Optional<String> message, String reason) implements RouteDecision {
        public static Refuse of(LedgerChannel type, int code, String message, String reason) {
            return new Refuse(ResponseS2C.of(type, code),
                    Optional.ofNullable(message), reason);
        }
    }

    /**
     * Answer from the backends' databases: {@code ledger:response} 1 now, then the packets, then 2
     * (3 if nothing could be answered). The permit holds the player's in-flight slot until then.
     */
    record Fetch(LedgerChannel responseType, NetworkRequest request, RequestLimiter.Permit permit)
            implements RouteDecision {
    }

    /**
     * Run the player's own Ledger command on their backend (rollback/restore/purge on Ledger 1.3.2+).
     * If the platform cannot run it after all, the player gets {@code ledger:response} 3 on
     * {@code channel} and the command to run themselves.
     */
    record RunCommand(LedgerChannel channel, String commandLine) implements RouteDecision {
    }

    /**
     * The request can only run as the player's own command, and the proxy cannot send commands for
     * this client (BungeeCord, Minecraft 1.19+): answer {@code ledger:response} 3 and put the command
     * into the player's chat box on a click.
     */
    record SuggestCommand(LedgerChannel channel, String commandLine, String message) implements RouteDecision {
    }

    /** Nothing passes and nothing is answered, by design (a backend's handshake LedgerNet already answered). */
    record Consume() implements RouteDecision {
    }

    /** Nothing passes: wrong side, too large, or not decodable. The reason is for the log only. */
    record Drop(String reason) implements RouteDecision {
    }
}
