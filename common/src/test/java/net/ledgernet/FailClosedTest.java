package net.ledgernet;

import net.ledgernet.command.StaffNetwork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import net.ledgernet.platform.Platform;
import net.ledgernet.protocol.BlockPos;
import net.ledgernet.protocol.Identifier;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.protocol.LedgerPacket;
import net.ledgernet.protocol.LedgerPacket.ActionS2C;
import net.ledgernet.protocol.LedgerPacket.HandshakeC2S;
import net.ledgernet.protocol.LedgerPacket.HandshakeS2C;
import net.ledgernet.protocol.LedgerPacket.InspectC2S;
import net.ledgernet.protocol.LedgerPacket.PlayerC2S;
import net.ledgernet.protocol.LedgerPacket.PurgeC2S;
import net.ledgernet.protocol.LedgerPacket.ResponseS2C;
import net.ledgernet.protocol.LedgerPacket.RollbackC2S;
import net.ledgernet.protocol.LedgerPacket.SearchC2S;
import net.ledgernet.protocol.LedgerProtocol;
import net.ledgernet.routing.Interception;
import net.ledgernet.routing.MessageOrigin;
import net.ledgernet.routing.PlayerLink;
import net.ledgernet.routing.PlayerRef;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail closed, as a property over every message kind × LedgerNet state × point of failure: a
 * throwable at any step (the permission check, every call on the player's connection, running a
 * command) never lets the original message pass, never escapes to the proxy's event bus (which
 * would forward it), and a client's request is still answered. Whatever the state or fault, a
 * backend on Ledger 1.3.2+ never receives a rollback, purge or search packet.
 */
class FailClosedTest {
    @TempDir
    Path dir;

    enum State { NEW, LOADED, ENABLED, DISABLED, AFTER_FAILED_RELOAD }

    /** Where the throwable comes from. */
    enum Fault { NONE, PERMISSION, PLAYER, CURRENT_BACKEND, SEND_TO_CLIENT, SEND_TO_BACKEND, CAN_RUN_COMMANDS,
        RUN_COMMAND, TELL, SUGGEST }

    record Message(String name, MessageOrigin origin, LedgerChannel channel, LedgerPacket packet) {
        byte[] bytes() {
            return LedgerProtocol.encode(packet);
        }
    }

    static final List<Message> MESSAGES = List.of(
            new Message("handshake", MessageOrigin.PLAYER, LedgerChannel.HANDSHAKE, new HandshakeC2S("watson", "1", 3)),
            new Message("inspect", MessageOrigin.PLAYER, LedgerChannel.INSPECT, new InspectC2S(new BlockPos(1, 2, 3), 1)),
            new Message("search", MessageOrigin.PLAYER, LedgerChannel.SEARCH, new SearchC2S("action:block-break", 1)),
            new Message("range search", MessageOrigin.PLAYER, LedgerChannel.SEARCH, new SearchC2S("range:5", 1)),
            new Message("rollback", MessageOrigin.PLAYER, LedgerChannel.ROLLBACK,
                    new RollbackC2S(false, "source:Steve after:1h range:5")),
            new Message("restore", MessageOrigin.PLAYER, LedgerChannel.ROLLBACK,
                    new RollbackC2S(true, "source:Steve after:1h range:5")),
            new Message("purge", MessageOrigin.PLAYER, LedgerChannel.PURGE, new PurgeC2S("before:30d")),
            new Message("empty purge", MessageOrigin.PLAYER, LedgerChannel.PURGE, new PurgeC2S("")),
            new Message("player", MessageOrigin.PLAYER, LedgerChannel.PLAYER, new PlayerC2S(List.of(UUID.randomUUID()))),
            new Message("backend handshake", MessageOrigin.BACKEND, LedgerChannel.HANDSHAKE,
                    new HandshakeS2C(3, "1.3.23", List.of("block-break"))),
            new Message("action", MessageOrigin.BACKEND, LedgerChannel.ACTION, new ActionS2C(new BlockPos(1, 2, 3),
                    "block-break", Identifier.parse("minecraft:overworld"), Identifier.parse("minecraft:stone"),
                    Identifier.parse("minecraft:air"), "Steve", 1_700_000_000L, false, "")),
            new Message("response", MessageOrigin.BACKEND, LedgerChannel.RESPONSE,
                    new ResponseS2C(Identifier.parse("ledger:search"), ResponseS2C.COMPLETED)));

    static final String CONFIG = """
            config-version: 1
            backends:
              survival:
                jdbc-url: "jdbc:sqlite:survival.sqlite"
                ledger-version: "1.3.23"
              creative:
                jdbc-url: "jdbc:sqlite:creative.sqlite"
                ledger-version: "1.2.10"
            """;

    @TestFactory
    Stream<DynamicTest> noFaultInAnyStateLetsAMessageThroughUndecided() {
        List<DynamicTest> cells = new ArrayList<>();
        for (State state : State.values()) {
            for (Fault fault : Fault.values()) {
                for (String backend : List.of("survival", "creative")) {
                    for (Message message : MESSAGES) {
                        cells.add(DynamicTest.dynamicTest(message.name() + " via " + backend + ", " + state + ", fault "
                                + fault, () -> cell(state, fault, backend, message)));
                    }
                }
            }
        }
        return cells.stream();
    }

    /** One core per state, shared by its cells; the platform's fault is switched per cell. */
    private final java.util.Map<State, LedgerNetCore> cores = new java.util.EnumMap<>(State.class);
    private final java.util.concurrent.atomic.AtomicReference<Fault> platformFault = new java.util.concurrent.atomic.AtomicReference<>();
    private final AtomicBoolean fired = new AtomicBoolean();

    @org.junit.jupiter.api.AfterEach
    void closeCores() {
        cores.values().forEach(LedgerNetCore::disable);
    }

    private LedgerNetCore core(State state) throws Exception {
        LedgerNetCore existing = cores.get(state);
        if (existing != null) {
            return existing;
        }
        Path folder = Files.createTempDirectory(dir, state.name());
        Platform platform = StaffNetwork.platform(folder);
        when(platform.hasPermission(any(UUID.class), anyString())).thenAnswer(invocation -> {
            if (platformFault.get() == Fault.PERMISSION) {
                fired.set(true);
                throw new IllegalStateException("permission provider down");
            }
            return true;
        });
        Files.writeString(folder.resolve("config.yml"), state == State.DISABLED ? "config-version: 1\nbackends:\n  survival:\n    jdbc-url: \"jdbc:oracle:thin:@x\"\n" : CONFIG);
        LedgerNetCore core = new LedgerNetCore(platform);
        if (state != State.NEW) {
            core.load();
        }
        if (state == State.ENABLED || state == State.DISABLED || state == State.AFTER_FAILED_RELOAD) {
            core.enable();
        }
        if (state == State.AFTER_FAILED_RELOAD) {
            Files.writeString(folder.resolve("config.yml"), "config-version: 1\nbackends:\n  a: {\n");
            assertThat(core.reload()).isPresent();
        }
        cores.put(state, core);
        return core;
    }

    private void cell(State state, Fault fault, String backend, Message message) throws Exception {
        LedgerNetCore core = core(state);
        platformFault.set(fault);
        fired.set(false);
        {
            FaultyLink link = new FaultyLink(fault, backend, fired);
            Interception interception = core.intercept(message.origin(), link, Optional.of(backend),
                    message.channel().id(), message.bytes());
            boolean firedWhileDeciding = fired.get();
            interception.act();

            if (firedWhileDeciding) {
                assertFalse(interception.forwardsOriginal(), "a fault while deciding must stop the original");
            }
            boolean running = state == State.ENABLED || state == State.AFTER_FAILED_RELOAD;
            if (!running) {
                assertFalse(interception.forwardsOriginal(), "nothing passes while LedgerNet is not running");
            }
            // Whatever happened: Ledger 1.3.2+ never gets a rollback, purge or (non-range) search packet.
            boolean destructive = message.channel() == LedgerChannel.ROLLBACK || message.channel() == LedgerChannel.PURGE
                    || message.name().equals("search");
            if (backend.equals("survival") && destructive) {
                assertFalse(interception.forwardsOriginal(), "forwarded to Ledger 1.3.23");
                assertThat(link.toBackend).doesNotContain(message.channel());
            }
            if (message.name().equals("empty purge")) {
                assertFalse(interception.forwardsOriginal());
                assertThat(link.toBackend).isEmpty();
            }
            boolean request = message.origin() == MessageOrigin.PLAYER && message.channel() != LedgerChannel.HANDSHAKE;
            if (request && fault != Fault.SEND_TO_CLIENT && fault != Fault.PLAYER) {
                assertTrue(interception.forwardsOriginal() || link.answered(),
                        "a client request is answered: forwarded, run, refused or told");
            }
        }
    }

    /** A player's connection whose one chosen call throws, as a real proxy's may (player gone, switching). */
    static final class FaultyLink implements PlayerLink {
        private final Fault fault;
        private final String backend;
        private final AtomicBoolean fired;
        final List<LedgerChannel> toClient = new ArrayList<>();
        final List<LedgerChannel> toBackend = new ArrayList<>();
        boolean told;

        FaultyLink(Fault fault, String backend, AtomicBoolean fired) {
            this.fault = fault;
            this.backend = backend;
            this.fired = fired;
        }

        private void maybeFail(Fault at) {
            if (fault == at) {
                fired.set(true);
                throw new IllegalStateException("injected: " + at);
            }
        }

        boolean answered() {
            return !toClient.isEmpty() || !toBackend.isEmpty() || told;
        }

        @Override
        public PlayerRef player() {
            maybeFail(Fault.PLAYER);
            return new PlayerRef(UUID.fromString("8667ba71-b85a-4004-af54-457a9734eed7"), "Steve");
        }

        @Override
        public Optional<String> currentBackend() {
            maybeFail(Fault.CURRENT_BACKEND);
            return Optional.of(backend);
        }

        @Override
        public void sendToClient(LedgerChannel channel, byte[] payload) {
            maybeFail(Fault.SEND_TO_CLIENT);
            toClient.add(channel);
        }

        @Override
        public boolean sendToBackend(LedgerChannel channel, byte[] payload) {
            maybeFail(Fault.SEND_TO_BACKEND);
            toBackend.add(channel);
            return true;
        }

        @Override
        public boolean canRunCommands() {
            maybeFail(Fault.CAN_RUN_COMMANDS);
            return true;
        }

        @Override
        public void runCommand(String commandLine) {
            maybeFail(Fault.RUN_COMMAND);
            told = true;
        }

        @Override
        public void suggestCommand(String message, String commandLine) {
            maybeFail(Fault.SUGGEST);
            told = true;
        }

        @Override
        public void tell(String message) {
            maybeFail(Fault.TELL);
            told = true;
        }
    }

    /**
     * One thread sends rollbacks and purges as fast as it can while another reloads 20 times, every
     * other time onto a broken config.yml: not one of them may reach Ledger 1.3.23 as a packet, and
     * every one is answered (a command, or a refusal).
     */
    @org.junit.jupiter.api.Test
    void reloadingUnderLoadNeverForwardsToAMisreadingBackend() throws Exception {
        Path folder = Files.createTempDirectory(dir, "reload");
        Platform platform = StaffNetwork.platform(folder);
        when(platform.hasPermission(any(UUID.class), anyString())).thenReturn(true);
        String generous = CONFIG + "limits:\n  rate-limit:\n    per-second: 1000\n    burst: 1000\n";
        Files.writeString(folder.resolve("config.yml"), generous);
        LedgerNetCore core = new LedgerNetCore(platform);
        core.load();
        core.enable();
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger forwarded = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger unanswered = new java.util.concurrent.atomic.AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        Thread sender = new Thread(() -> {
            int i = 0;
            while (!done.get()) {
                LedgerPacket packet = i % 2 == 0 ? new RollbackC2S(i % 4 == 0, "source:Steve after:1h range:5")
                        : new PurgeC2S("before:30d");
                SyncLink link = new SyncLink();
                Interception interception = core.intercept(MessageOrigin.PLAYER, link, Optional.of("survival"),
                        ((LedgerPacket.C2S) packet).channel().id(), LedgerProtocol.encode(packet));
                interception.act();
                sent.incrementAndGet();
                if (interception.forwardsOriginal() || link.destructiveToBackend()) {
                    forwarded.incrementAndGet();
                }
                if (!link.answered()) {
                    unanswered.incrementAndGet();
                }
                i++;
            }
        });
        sender.start();
        try {
            for (int reload = 0; reload < 20; reload++) {
                Files.writeString(folder.resolve("config.yml"), reload % 2 == 0 ? "config-version: 1\nbackends: {\n"
                        : generous.replace("1.3.23", reload % 4 == 1 ? "1.3.23" : "auto"));
                core.reload();
                Thread.sleep(5);
            }
        } finally {
            done.set(true);
            sender.join();
            core.disable();
        }
        assertThat(sent.get()).as("rollbacks and purges sent while reloading").isGreaterThan(100);
        assertThat(forwarded.get()).as("reached Ledger 1.3.23 as a packet").isZero();
        assertThat(unanswered.get()).as("requests that got no answer").isZero();
    }

    /**
     * An answer from the databases that fails before it is under way (here: the client connection
     * throws on the first response) gives back the player's in-flight slot: the next request is
     * answered, not refused as busy until the player reconnects.
     */
    @org.junit.jupiter.api.Test
    void aFailedDatabaseAnswerGivesBackThePlayersInFlightSlot() throws Exception {
        LedgerNetCore core = core(State.ENABLED);
        platformFault.set(Fault.NONE);
        byte[] search = LedgerProtocol.encode(new SearchC2S("action:block-break backend:*", 1));
        for (int i = 0; i < 3; i++) {
            FaultyLink broken = new FaultyLink(Fault.SEND_TO_CLIENT, "survival", fired);
            Interception interception = core.intercept(MessageOrigin.PLAYER, broken, Optional.of("survival"),
                    "ledger:search", search);
            assertFalse(interception.forwardsOriginal());
            interception.act();
        }
        List<byte[]> responses = java.util.Collections.synchronizedList(new ArrayList<>());
        SyncLink healthy = new SyncLink() {
            @Override
            public void sendToClient(LedgerChannel channel, byte[] payload) {
                super.sendToClient(channel, payload);
                responses.add(payload);
            }
        };
        core.intercept(MessageOrigin.PLAYER, healthy, Optional.of("survival"), "ledger:search", search).act();
        ResponseS2C first = (ResponseS2C) LedgerProtocol.decodeS2C("ledger:response", responses.get(0));
        org.junit.jupiter.api.Assertions.assertEquals(ResponseS2C.EXECUTING, first.code(),
                "max-in-flight-per-player is 1: a leaked slot would make this 4 (busy)");
    }

    /** A well-behaved connection that records what reaches each side, from any thread. */
    static class SyncLink implements PlayerLink {
        private final List<LedgerChannel> toClient = java.util.Collections.synchronizedList(new ArrayList<>());
        private final List<LedgerChannel> toBackend = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile boolean ran;

        boolean destructiveToBackend() {
            return toBackend.contains(LedgerChannel.ROLLBACK) || toBackend.contains(LedgerChannel.PURGE);
        }

        boolean answered() {
            return !toClient.isEmpty() || ran;
        }

        @Override
        public PlayerRef player() {
            return new PlayerRef(UUID.fromString("8667ba71-b85a-4004-af54-457a9734eed7"), "Steve");
        }

        @Override
        public Optional<String> currentBackend() {
            return Optional.of("survival");
        }

        @Override
        public void sendToClient(LedgerChannel channel, byte[] payload) {
            toClient.add(channel);
        }

        @Override
        public boolean sendToBackend(LedgerChannel channel, byte[] payload) {
            toBackend.add(channel);
            return true;
        }

        @Override
        public boolean canRunCommands() {
            return true;
        }

        @Override
        public void runCommand(String commandLine) {
            ran = true;
        }

        @Override
        public void suggestCommand(String message, String commandLine) {
        }

        @Override
        public void tell(String message) {
        }
    }
}
