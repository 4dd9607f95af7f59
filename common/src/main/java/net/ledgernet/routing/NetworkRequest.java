package net.ledgernet.routing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.ledgernet.protocol.BlockPos;
import net.ledgernet.search.SearchQuery;

/** A request LedgerNet answers from the backends' databases instead of passing it on. */
public sealed interface NetworkRequest {
    /** A search: each backend's own query, and how many pages of results to send. */
    record Search(Map<String, SearchQuery> queries, int pages) implements NetworkRequest {
        public Search {
            queries = Map.copyOf(queries);
        }
    }

    /** Ledger's inspect of one block on one backend, in every world of it. */
    record Inspect(String backend, BlockPos pos, int pages) implements NetworkRequest {
    }

    /** Player lookups on the backends the player may look players up on. */
    record Players(List<UUID> players, List<String> backends) implements NetworkRequest {
        public Players {
            players = List.copyOf(players);
            backends = List.copyOf(backends);
        }
    }
}
