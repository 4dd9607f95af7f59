package net.ledgernet.routing;

/** What the proxy does with one intercepted Ledger plugin message. */
public sealed interface RouteDecision {
    /** Pass the message on unchanged. */
    Forward FORWARD = new Forward();

    record Forward() implements RouteDecision {
    }

    /** Do not pass it on. The reason is for the log, never for the sender. */
    record Drop(String reason) implements RouteDecision {
    }
}
