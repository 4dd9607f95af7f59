package net.ledgernet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.ledgernet.storage.NetworkPlayers.Basis;
import net.ledgernet.storage.NetworkPlayers.LastPosition;
import net.ledgernet.storage.NetworkPlayers.NetworkPlayer;
import net.ledgernet.sample.SampleData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The network-wide player answer: names, joins across backends, and the derived last-join position. */
class NetworkPlayersTest {

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void combinesBackendsAndDerivesTheLastJoinPosition(SqlDialect dialect) throws Exception {
        try (TestNetwork net = TestNetwork.create(dialect, List.of(TestNetwork.spec(51, 15, 400),
                TestNetwork.spec(52, 15, 400)));
             ActionFanOut fanOut = ActionFanOut.open(net.databases(), TestNetwork.settings(Duration.ofSeconds(10)))) {
            TestNetwork.Member alpha = net.member("alpha");
            TestNetwork.Member bravo = net.member("bravo");
            SampleData.Player traveller = alpha.data().players().get(0);
            SampleData.Player local = alpha.data().players().get(1);
            SampleData.Player idle = alpha.data().players().get(2);

            // The traveller joined bravo later, under a new name, and placed a block there.
            int onBravo = LookupCacheTest.insertPlayer(bravo.writer(), dialect, traveller.uuid(), "NewName");
            LookupCacheTest.insertAction(bravo.writer(), dialect, 1, 1, onBravo, Instant.parse("2025-06-01T09:00:00Z"));
            LookupCacheTest.insertAction(bravo.writer(), dialect, 1, 1, onBravo, Instant.parse("2025-06-01T11:30:00Z"));
            // The idle player's last join is after every action of theirs: the fallback applies.
            try (PreparedStatement ps = alpha.writer().prepareStatement("UPDATE players SET last_join = ? WHERE id = 3")) {
                new TimeCodec(dialect, alpha.config().timeZone()).bind(ps, 1, Instant.parse("2025-07-01T00:00:00Z"));
                ps.executeUpdate();
            }

            UUID unknown = UUID.randomUUID();
            NetworkPlayers.Result result = NetworkPlayers.lookup(fanOut,
                    List.of(traveller.uuid(), unknown, local.uuid(), idle.uuid()), List.of()).join();
            assertThat(result.missing()).isEmpty();
            assertEquals(List.of(traveller.uuid(), local.uuid(), idle.uuid()),
                    result.players().stream().map(NetworkPlayer::uuid).toList(), "in the order asked, unknown left out");

            NetworkPlayer t = result.players().get(0);
            assertEquals("NewName", t.name(), "the name from the latest join");
            assertEquals(trunc(dialect, traveller.firstJoin()), t.firstJoin(), "the earliest first join (alpha)");
            assertEquals(Instant.parse("2025-06-01T11:00:00Z"), t.lastJoin());
            assertEquals("bravo", t.lastBackend());
            assertEquals(Optional.of(new LastPosition("bravo", bravo.data().worlds().get(0), 0, 64, 0,
                    Instant.parse("2025-06-01T11:30:00Z"), Basis.FIRST_ACTION_AFTER_LAST_JOIN)), t.lastJoinPosition());

            NetworkPlayer l = result.players().get(1);
            assertEquals(local.name(), l.name());
            assertEquals("alpha", l.lastBackend());
            Instant lastJoin = trunc(dialect, local.lastJoin());
            assertEquals(lastJoin, l.lastJoin());
            ActionRow first = alpha.expected(r -> r.playerUuid().equals(Optional.of(local.uuid()))
                            && !r.time().isBefore(lastJoin)).stream()
                    .min(Comparator.comparing(ActionRow::time).thenComparing(ActionRow::id)).orElseThrow();
            assertEquals(Optional.of(new LastPosition("alpha", first.world(), first.x(), first.y(), first.z(),
                    first.time(), Basis.FIRST_ACTION_AFTER_LAST_JOIN)), l.lastJoinPosition());

            NetworkPlayer i = result.players().get(2);
            List<ActionRow> idleRows = alpha.expected(r -> r.playerUuid().equals(Optional.of(idle.uuid())));
            if (idleRows.isEmpty()) {
                assertEquals(Optional.empty(), i.lastJoinPosition(), "no action at all: no position");
            } else {
                ActionRow last = idleRows.stream().max(Comparator.comparing(ActionRow::time)
                        .thenComparing(ActionRow::id)).orElseThrow();
                assertEquals(Optional.of(new LastPosition("alpha", last.world(), last.x(), last.y(), last.z(),
                        last.time(), Basis.LAST_ACTION_BEFORE_LAST_JOIN)), i.lastJoinPosition());
            }

            NetworkPlayers.Result partial = NetworkPlayers.lookup(fanOut, List.of(local.uuid()),
                    List.of("alpha", "nowhere")).join();
            assertEquals(BackendFailure.Reason.UNKNOWN_BACKEND, partial.missing().get("nowhere").reason());
            assertEquals(1, partial.players().size());
        }
    }

    private static Instant trunc(SqlDialect dialect, Instant t) {
        return dialect == SqlDialect.SQLITE ? t.truncatedTo(ChronoUnit.MILLIS) : t;
    }
}
