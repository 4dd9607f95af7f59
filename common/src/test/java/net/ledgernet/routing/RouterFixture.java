package net.ledgernet.routing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.ledgernet.config.ConfigFile;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.permission.PermissionPolicy;
import net.ledgernet.protocol.LedgerChannel;

/** A router over a real config.yml, with permissions granted per (backend, node) by the test. */
final class RouterFixture {
    static final UUID ALEX = UUID.fromString("8667ba71-b85a-4004-af54-457a9734eed7");
    static final PlayerRef ALEX_REF = new PlayerRef(ALEX, "Alex");

    final LedgerNetConfig config;
    final Grants grants = new Grants();
    final LedgerRouter router;

    RouterFixture(Path dir, String backendsYaml, String extraYaml) throws Exception {
        Files.writeString(dir.resolve("config.yml"), "config-version: 1\nbackends:\n" + backendsYaml + extraYaml);
        config = new ConfigFile(dir).load();
        router = new LedgerRouter(config, grants, new RequestLimiter(config.limits(), System::nanoTime));
    }

    RouteDecision fromPlayer(String backend, LedgerChannel channel, byte[] data) {
        return router.route(MessageOrigin.PLAYER, new Link(backend), Optional.ofNullable(backend), channel, data);
    }

    RouteDecision fromBackend(String backend, LedgerChannel channel, byte[] data) {
        return router.route(MessageOrigin.BACKEND, new Link(backend), Optional.of(backend), channel, data);
    }

    /** Permissions as LuckPerms would answer them: per backend and node. */
    static final class Grants implements PermissionPolicy {
        final Set<String> granted = new HashSet<>();

        void grant(String backend, String... nodes) {
            for (String node : nodes) {
                granted.add(backend + " " + node);
            }
        }

        void grantAll(String backend) {
            grant(backend, "ledger.networking", "ledger.commands.search", "ledger.commands.inspect",
                    "ledger.commands.rollback", "ledger.commands.purge", "ledger.commands.player");
        }

        @Override
        public boolean has(UUID player, String backend, String node) {
            return granted.contains(backend + " " + node);
        }

        @Override
        public boolean hasOnProxy(UUID player, String node) {
            return false; // the router never asks
        }

        @Override
        public void forget(UUID player) {
        }

        @Override
        public String describe() {
            return "test grants";
        }

        @Override
        public void close() {
        }
    }

    /** The router only asks a link who the player is; the core does the sending. */
    record Link(String backend, boolean canRunCommands) implements PlayerLink {
        Link(String backend) {
            this(backend, true);
        }

        @Override
        public PlayerRef player() {
            return ALEX_REF;
        }

        @Override
        public Optional<String> currentBackend() {
            return Optional.ofNullable(backend);
        }

        @Override
        public void sendToClient(LedgerChannel channel, byte[] payload) {
            throw new AssertionError("the router must not send");
        }

        @Override
        public boolean sendToBackend(LedgerChannel channel, byte[] payload) {
            throw new AssertionError("the router must not send");
        }

        @Override
        public boolean canRunCommands() {
            return canRunCommands;
        }

        @Override
        public void runCommand(String commandLine) {
            throw new AssertionError("the router must not send");
        }

        @Override
        public void suggestCommand(String message, String commandLine) {
            throw new AssertionError("the router must not send");
        }

        @Override
        public void tell(String message) {
            throw new AssertionError("the router must not send");
        }
    }
}
