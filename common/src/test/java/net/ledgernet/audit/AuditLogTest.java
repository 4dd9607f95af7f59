package net.ledgernet.audit;

import net.ledgernet.command.StaffNetwork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.ledgernet.Delivery;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.platform.Platform;
import net.ledgernet.protocol.LedgerPacket.PurgeC2S;
import net.ledgernet.protocol.LedgerPacket.RollbackC2S;
import net.ledgernet.protocol.LedgerPacket.SearchC2S;
import net.ledgernet.protocol.LedgerProtocol;
import net.ledgernet.routing.MessageOrigin;
import net.ledgernet.routing.RecordingLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log on the proxy: one line per refusal and per destructive request, whatever became of it. */
class AuditLogTest {
    @TempDir
    Path dir;

    @Test
    void refusalsAndEveryRollbackOrPurgeAreWrittenOneLineEach() throws Exception {
        Files.writeString(dir.resolve("config.yml"), """
                config-version: 1
                backends:
                  survival:
                    jdbc-url: "jdbc:sqlite:survival.sqlite"
                    ledger-version: "1.3.23"
                """);
        UUID steve = UUID.fromString("8667ba71-b85a-4004-af54-457a9734eed7");
        Platform platform = StaffNetwork.platform(dir);
        when(platform.keepsAuditLog()).thenReturn(true);
        when(platform.hasPermission(any(UUID.class), anyString())).thenReturn(true);
        when(platform.hasPermission(any(UUID.class), eq("ledger.commands.search"))).thenReturn(false);
        LedgerNetCore core = new LedgerNetCore(platform);
        core.load();
        core.enable();
        RecordingLink link = new RecordingLink(steve, "Steve", "survival");
        Optional<String> survival = Optional.of("survival");
        Delivery.deliver(core, MessageOrigin.PLAYER, link, survival, "ledger:search",
                LedgerProtocol.encode(new SearchC2S("action:block-break", 1)));
        Delivery.deliver(core, MessageOrigin.PLAYER, link, survival, "ledger:purge",
                LedgerProtocol.encode(new PurgeC2S("source:Griefer before:30d")));
        Delivery.deliver(core, MessageOrigin.PLAYER, link, survival, "ledger:rollback",
                LedgerProtocol.encode(new RollbackC2S(false, "backend:survival")));
        Delivery.deliver(core, MessageOrigin.PLAYER, link, survival, "ledger:inspect", new byte[] {1, 2, 3});
        core.disable();

        List<String> lines = Files.readAllLines(AuditLog.path(dir));
        assertThat(lines).hasSize(4);
        assertThat(lines).allSatisfy(line -> assertThat(line.split("\t")).hasSize(8)
                .satisfies(fields -> {
                    assertThat(fields[1]).isEqualTo("Steve");
                    assertThat(fields[2]).isEqualTo(steve.toString());
                    assertThat(fields[3]).isEqualTo("survival");
                }));
        assertThat(lines.get(0)).contains("\tledger:search\t\"action:block-break\" pages 1\trefused: no permission\t")
                .contains("lacks ledger.commands.search on survival");
        assertThat(lines.get(1)).contains("\tledger:purge\tpurge \"source:Griefer before:30d\"\trun as command\t"
                + "/lg purge source:Griefer before:30d");
        assertThat(lines.get(2)).contains("\tledger:rollback\trollback \"backend:survival\"\trefused\t")
                .contains("unspecific");
        assertThat(lines.get(3)).contains("\tledger:inspect\tmalformed (3 bytes)\trefused\t");
    }

    @Test
    void clientTextCannotBreakALineApart() {
        String line = AuditLog.line(new AuditLog.Entry(java.time.Instant.EPOCH, "Steve\nForged\tline", "u", "b",
                MessageOrigin.PLAYER, null, null, "refused", "because\r\nreasons"));
        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        assertThat(line.split("\t")).hasSize(8);
        assertThat(line).startsWith("1970-01-01T00:00:00Z\tSteve Forged line");
    }
}
