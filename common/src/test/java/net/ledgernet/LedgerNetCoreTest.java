package net.ledgernet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;
import net.ledgernet.protocol.Identifier;
import net.ledgernet.protocol.LedgerPacket.ResponseS2C;
import net.ledgernet.protocol.LedgerPacket.RollbackC2S;
import net.ledgernet.protocol.LedgerProtocol;
import net.ledgernet.routing.MessageOrigin;
import net.ledgernet.routing.RecordingLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerNetCoreTest {
    @TempDir
    Path dir;

    private final PluginLogger logger = mock(PluginLogger.class);
    private final Platform platform = mock(Platform.class);
    private Injector injector;

    @BeforeEach
    void setUp() {
        when(platform.name()).thenReturn("Test");
        when(platform.dataDirectory()).thenReturn(dir);
        when(platform.logger()).thenReturn(logger);
        when(platform.serverNames()).thenReturn(Set.of("survival", "creative"));
        // Stage.PRODUCTION builds every singleton eagerly, so a wiring mistake fails here and not at runtime.
        injector = Guice.createInjector(Stage.PRODUCTION, new LedgerNetModule(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(Platform.class).toInstance(platform);
            }
        });
    }

    @AfterEach
    void tearDown() {
        injector.getInstance(LedgerNetCore.class).disable();
    }

    @Test
    void guiceWiresOneCoreWithThePlatformsLogger() {
        LedgerNetCore core = injector.getInstance(LedgerNetCore.class);
        assertSame(core, injector.getInstance(LedgerNetCore.class), "the core is a singleton");
        assertSame(logger, injector.getInstance(PluginLogger.class));
        assertEquals(LedgerNetCore.State.NEW, core.state());
    }

    @Test
    void lifecycleLoadsEnablesAndDisables() {
        LedgerNetCore core = injector.getInstance(LedgerNetCore.class);
        core.load();
        assertEquals(LedgerNetCore.State.LOADED, core.state());
        assertThat(core.config()).isPresent();
        verify(logger).info(contains("Wrote the default configuration"));
        core.enable();
        assertEquals(LedgerNetCore.State.ENABLED, core.state());
        verify(logger).info(contains("enabled on Test with 0 backend(s) in 0 connection pool(s); permissions:"));
        // The first start goes live against nothing, and says what to do next.
        verify(logger).warn(contains("No backends are listed in " + dir.resolve("config.yml") + " yet."));
        verify(logger).warn(contains("Permissions: LuckPerms is not installed"));
        core.disable();
        assertEquals(LedgerNetCore.State.DISABLED, core.state());
    }

    @Test
    void brokenConfigDisablesWithTheReasonAndRefusesEverything() throws Exception {
        Files.writeString(dir.resolve("config.yml"), "config-version: 1\nbackends:\n  survival:\n    jdbc-url: \"jdbc:oracle:thin:@x\"\n");
        LedgerNetCore core = injector.getInstance(LedgerNetCore.class);
        core.load();
        core.enable();
        assertEquals(LedgerNetCore.State.DISABLED, core.state());
        verify(logger).error(contains("is not a supported JDBC URL"));
        // Disabled fails closed: nothing passes, and a request is answered with the reason.
        RecordingLink link = new RecordingLink(UUID.randomUUID(), "Alex", "survival");
        assertTrue(Delivery.deliver(core, MessageOrigin.PLAYER, link, Optional.of("survival"), "ledger:action", new byte[0]));
        assertTrue(link.sent.isEmpty());
        assertTrue(Delivery.deliver(core, MessageOrigin.BACKEND, link, Optional.of("survival"), "ledger:action", new byte[0]));
        assertTrue(Delivery.deliver(core, MessageOrigin.PLAYER, link, Optional.of("survival"), "ledger:handshake", new byte[1]));
        assertTrue(link.sent.isEmpty(), "a handshake is dropped silently");
        assertTrue(Delivery.deliver(core, MessageOrigin.PLAYER, link, Optional.of("survival"), "ledger:rollback",
                LedgerProtocol.encode(new RollbackC2S(false, "source:Steve after:1h range:5"))));
        assertEquals(1, link.sent.size());
        assertEquals("client", link.sent.get(0).to());
        assertEquals(new ResponseS2C(new Identifier("ledger", "rollback"), ResponseS2C.ERROR),
                LedgerProtocol.decodeS2C("ledger:response", link.sent.get(0).payload()));
        assertThat(link.told).singleElement().asString().contains("not running").contains("is not a supported JDBC URL");
    }

    @Test
    void wrongSideMessagesAreDroppedAndTheLogIsThrottled() {
        LedgerNetCore core = injector.getInstance(LedgerNetCore.class);
        core.load();
        core.enable();
        RecordingLink link = new RecordingLink(UUID.randomUUID(), "Alex", "survival");
        for (int i = 0; i < 50; i++) {
            assertTrue(Delivery.deliver(core, MessageOrigin.PLAYER, link, Optional.of("survival"), "ledger:response", new byte[4]));
        }
        verify(logger, times(1)).warn(contains("player Alex sent ledger:response, which only backends may send"));
        assertTrue(link.sent.isEmpty(), "a dropped message gets no answer");
        assertTrue(Delivery.deliver(core, MessageOrigin.BACKEND, link, Optional.of("survival"), "ledger:response", new byte[4]),
                "a response that does not decode is not passed on");
        assertFalse(Delivery.deliver(core, MessageOrigin.BACKEND, link, Optional.of("survival"), "ledger:response",
                LedgerProtocol.encode(new ResponseS2C(new Identifier("ledger", "search"), ResponseS2C.COMPLETED))));
        assertTrue(Delivery.deliver(core, MessageOrigin.PLAYER, link, Optional.of("survival"), "ledger:unknown", new byte[4]),
                "an unknown channel in Ledger's namespace is dropped");
    }

    @Test
    void aReloadThatCannotStartKeepsTheRunningConfigurationAndSaysWhy() throws Exception {
        Files.writeString(dir.resolve("config.yml"), "config-version: 1\nbackends:\n  survival:\n"
                + "    jdbc-url: \"jdbc:sqlite:survival.sqlite\"\n    ledger-version: \"1.3.23\"\n");
        LedgerNetCore core = injector.getInstance(LedgerNetCore.class);
        core.load();
        core.enable();
        Object running = core.router().orElseThrow();
        // Passes the file's checks, but the pool cannot start: the driver refuses the upper-case prefix.
        Files.writeString(dir.resolve("config.yml"), "config-version: 1\nbackends:\n  survival:\n"
                + "    jdbc-url: \"JDBC:MARIADB://127.0.0.1:3306/ledger_survival\"\n");
        Optional<String> problem = core.reload();
        assertThat(problem).isPresent();
        assertEquals(LedgerNetCore.State.ENABLED, core.state());
        assertSame(running, core.router().orElseThrow(), "the old configuration keeps running, untouched");
        RecordingLink link = new RecordingLink(UUID.randomUUID(), "Alex", "survival");
        assertTrue(Delivery.deliver(core, MessageOrigin.PLAYER, link, Optional.of("survival"), "ledger:rollback",
                LedgerProtocol.encode(new RollbackC2S(false, "source:Steve after:1h range:5"))));
        assertThat(link.sent).noneMatch(sent -> sent.to().equals("backend"));
    }
}
