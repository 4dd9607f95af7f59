package net.ledgernet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.ledgernet.search.SearchParser;
import net.ledgernet.sample.SampleNetworkGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code source:<name>} means one player per backend, as in Ledger (the server's name cache: one
 * profile per name ignoring case, the latest to join with it), even where two UUIDs carry the name
 * in different cases (offline mode) or a name moved to another account.
 */
class SourceNameTest {
    private static final Instant NOW = Instant.parse("2025-06-10T00:00:00Z");

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void aNameMeansThePlayerWhoLastJoinedWithIt(SqlDialect dialect) throws Exception {
        try (TestNetwork net = TestNetwork.create(dialect, List.of(TestNetwork.spec(31, 10, 50)));
             ActionFanOut fanOut = ActionFanOut.open(net.databases(), TestNetwork.settings(Duration.ofSeconds(10)))) {
            TestNetwork.Member m = net.member("alpha");
            int older = insertPlayer(m, UUID.fromString("00000000-0000-0000-0000-00000000aaaa"), "Steve",
                    NOW.minus(Duration.ofDays(3)));
            int newer = insertPlayer(m, UUID.fromString("00000000-0000-0000-0000-00000000bbbb"), "steve",
                    NOW.minus(Duration.ofDays(1)));
            insertActions(m, older, 3, NOW.minus(Duration.ofDays(2)));
            insertActions(m, newer, 2, NOW.minus(Duration.ofHours(12)));

            List<ActionRow> steve = search(fanOut, "source:STEVE");
            assertThat(steve).hasSize(2).allMatch(r -> r.playerName().orElseThrow().equals("steve"));
            assertThat(steve).extracting(ActionRow::time).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            List<ActionRow> notSteve = search(fanOut, "source:!Steve after:3d");
            assertThat(notSteve).anyMatch(r -> r.playerName().equals(Optional.of("Steve")))
                    .noneMatch(r -> r.playerName().equals(Optional.of("steve")));
            // The one chosen, in code: latest last_join, then the newer row.
            BackendReader reader = fanOut.reader("alpha").orElseThrow();
            List<PlayerDirectory.PlayerRecord> both = reader.call((c, r) -> r.playersNamed("sTeVe", c)).join();
            assertEquals(2, both.size());
            assertEquals(newer, SearchResolver.ledgersChoice(both).orElseThrow().id());
        }
    }

    private static List<ActionRow> search(ActionFanOut fanOut, String input) throws Exception {
        var query = SearchParser.parse(input);
        ActionFilter filter = fanOut.reader("alpha").orElseThrow().call((c, r) ->
                SearchResolver.resolve(query, Optional.empty(), NOW, Map.of(), c, r)).join();
        return TestNetwork.all(fanOut, Map.of("alpha", filter), 50);
    }

    private static int insertPlayer(TestNetwork.Member m, UUID uuid, String name, Instant lastJoin) throws Exception {
        SqlDialect dialect = m.db().dialect();
        TimeCodec codec = new TimeCodec(dialect, m.config().timeZone());
        Connection c = m.writer();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO players (player_id, player_name, first_join, last_join) VALUES (?, ?, ?, ?)")) {
            if (dialect == SqlDialect.POSTGRESQL || dialect == SqlDialect.H2) {
                ps.setObject(1, uuid);
            } else {
                ps.setBytes(1, SampleNetworkGenerator.uuidBytes(uuid));
            }
            ps.setString(2, name);
            codec.bind(ps, 3, lastJoin.minus(Duration.ofDays(30)));
            codec.bind(ps, 4, lastJoin);
            ps.executeUpdate();
        }
        // Not by name: MariaDB's default collation matches names ignoring case.
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM players")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void insertActions(TestNetwork.Member m, int playerId, int count, Instant time) throws Exception {
        SqlDialect dialect = m.db().dialect();
        TimeCodec codec = new TimeCodec(dialect, m.config().timeZone());
        try (PreparedStatement ps = m.writer().prepareStatement(
                "INSERT INTO actions (action_id, " + dialect.ledgerColumn("time") + ", x, y, z, world_id, object_id,"
                        + " old_object_id, block_state, old_block_state, " + dialect.ledgerColumn("source")
                        + ", player_id, extra_data, rolled_back) VALUES (1, ?, 1, 2, 3, 1, 1, 1, NULL, NULL, 1, ?, NULL, ?)")) {
            for (int i = 0; i < count; i++) {
                codec.bind(ps, 1, time.plusSeconds(i));
                ps.setInt(2, playerId);
                ps.setBoolean(3, false);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
