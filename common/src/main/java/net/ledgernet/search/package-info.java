/**
 * Ledger's search grammar as a typed query: what a client's search, rollback or purge string asks
 * for, for the router (which backends, and what string to send each) and for storage (which rows).
 *
 * <h2>Parsing</h2>
 * {@link net.ledgernet.search.SearchParser#parse(String, SearchLimits)} turns
 * {@code action:block-break source:Steve after:1d} into a {@link net.ledgernet.search.SearchQuery},
 * or throws a {@link net.ledgernet.search.SearchSyntaxException} with a reason, the offending term
 * and its offset. Terms are {@code key:value}, separated by spaces; a key may repeat; {@code !}
 * before a value negates it. Keys: {@code action source object world} (repeatable, negatable),
 * {@code range before after rolledback} (once each), and LedgerNet's {@code backend}
 * (repeatable, negatable, never sent to a backend). {@link net.ledgernet.search.SearchLimits}
 * bounds input length, terms, term length, values per key, durations and ranges; the defaults fit
 * Minecraft's 32767-character client strings.
 *
 * <h2>Reading a query (storage)</h2>
 * Keys are AND-ed. Each repeatable key is a {@link net.ledgernet.search.Filter}: a row passes if it
 * has any {@code allowed()} value (no allowed values: no constraint) and none of the
 * {@code denied()} ones, which is how Ledger builds its SQL. Per key:
 * <ul>
 * <li>{@code actions}: {@code ActionIdentifiers.action_identifier}, case as written.
 * <li>{@code sources}: {@link net.ledgernet.search.Source.Player} (lower-cased name) through
 *     {@code players.player_name}, compared case-insensitively, to {@code actions.player_id};
 *     {@link net.ledgernet.search.Source.Named} ({@code @fire} without the {@code @}) through
 *     {@code sources.name} to {@code actions.source}.
 * <li>{@code objects}: {@link net.ledgernet.search.ObjectRef.Id} matches {@code object_id} or
 *     {@code old_object_id}. {@link net.ledgernet.search.ObjectRef.Tag} is kept unexpanded: the
 *     proxy has no registry, so whoever answers from a database must expand it or refuse it.
 * <li>{@code worlds}: {@code worlds.identifier}, once {@link net.ledgernet.search.SearchQuery#localTo}
 *     has turned network ids into the backend's own.
 * <li>{@code before}/{@code after}: durations back from "now", taken once per search on the proxy:
 *     {@code time <= now - before}, {@code time >= now - after}.
 * <li>{@code rolledBack}: {@code rolled_back = value}. {@code range}: see below.
 * </ul>
 * Every value is from an ASCII allow-list (no quotes, {@code ;}, {@code %}, {@code \}, control or
 * non-ASCII characters), but storage still binds them as parameters and compares with {@code =},
 * never {@code LIKE} (player names may contain {@code _}).
 *
 * <h2>Routing a query</h2>
 * {@link net.ledgernet.search.SearchTargets#forClientMod} (a {@code ledger:search} or rollback/purge
 * string) and {@link net.ledgernet.search.SearchTargets#forChatCommand} ({@code /lgn}) answer with
 * either {@code Targets}: backend name to the query that backend runs, with its own dimension ids
 * and no {@code backend:} terms (send {@code toLedgerString()}, or hand the query to storage), or
 * {@code Refused} with a message for the player. Targets are the default backends (client mod: the
 * player's current backend; chat: all), plus backends named by {@code backend:name} or by an allowed
 * {@code world:} id, minus {@code backend:!name}; {@code backend:*} means all. A backend on which the
 * query cannot match (its allowed worlds are all elsewhere) is left out. Permission checks per
 * backend stay with the router.
 *
 * <p>Dimension ids: a client writes the ids LedgerNet showed it, i.e. network ids, plus the native
 * ids of its current backend when {@code keep-current-backend-native} is on.
 * {@link net.ledgernet.search.WorldResolver#of} encodes that ({@code DimensionMap.toLocal} first,
 * then the native backend); with native ids on, any non-network id counts as the current backend's
 * own, so a typo there finds nothing rather than being refused. The building blocks are public too:
 * {@code worldBackends}, {@code unresolvedWorlds}, {@code localTo}, and {@code mapWorlds} (all
 * {@code world:} ids through a function, all or nothing, naming the terms it could not map).
 *
 * <h2>{@code range:} and searches without {@code world:}</h2>
 * The proxy knows neither a player's position nor dimension. {@code range:N} is therefore only
 * answered on the player's current backend, which does know them: a client-mod search with
 * {@code range:N} whose targets are anything but exactly that backend is refused, and {@code /lgn}
 * refuses {@code range:N} altogether. The router should forward such a search to the current
 * backend (Ledger adds the position and the current dimension) unless it tracks both itself.
 * {@code range:@global} and no {@code range:} need no position and work everywhere. A search
 * without {@code world:} means every dimension of each targeted backend.
 *
 * <h2>Deliberate differences from Ledger</h2>
 * <ul>
 * <li>A repeated {@code range before after rolledback} is refused; Ledger keeps one at random.
 * <li>Durations must be wholly {@code <number><unit>} pairs (units s m h d w, either case, summed)
 *     and at most {@code maxDuration}; Ledger skips what it cannot read, so {@code after:1x} means
 *     "after now", and it stops at the first capital letter. {@code 0s} is accepted.
 * <li>Values are checked: action ids Brigadier word characters; player names 1–16 of
 *     {@code A-Za-z0-9_.*-}; {@code @}-sources {@code A-Za-z0-9_.-/:} (all leading and trailing
 *     {@code @} trimmed, as Ledger does); identifiers lower case with a non-empty path
 *     ({@code stone} and {@code :stone} → {@code minecraft:stone}, as Minecraft parses them, also for
 *     {@code world:}); {@code range} 1 to
 *     {@code maxRange}, digits only. Ledger accepts any player name and any overflowing number (and
 *     then fails with a non-syntax error).
 * <li>Only U+0020 separates terms; runs of spaces and spaces at either end are ignored (Ledger fails
 *     on a trailing space). As in Ledger, spaces between a key and its {@code :} belong to the key
 *     ({@code action :x} is {@code action:x}), and {@code rolledback:} takes a quoted bool too
 *     ({@code rolledback:"true"}, Brigadier's reading).
 * <li>Empty values ({@code action:}, {@code source:@@}) are refused; Ledger crashes or matches
 *     nothing.
 * <li>Keys are case-sensitive, as in Ledger ({@code Action:} is an unknown key).
 * </ul>
 */
package net.ledgernet.search;
