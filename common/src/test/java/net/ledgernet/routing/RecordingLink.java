package net.ledgernet.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.ledgernet.protocol.LedgerChannel;

/** A player link that records what the core sent, for assertions on the bytes. */
public class RecordingLink implements PlayerLink {
    public record Sent(String to, LedgerChannel channel, byte[] payload) {
    }

    private final PlayerRef player;
    private final String backend;
    public final List<Sent> sent = new ArrayList<>();
    public final List<String> chat = new ArrayList<>();
    public final List<String> told = new ArrayList<>();

    public RecordingLink(UUID uuid, String name, String backend) {
        this.player = new PlayerRef(uuid, name);
        this.backend = backend;
    }

    @Override
    public PlayerRef player() {
        return player;
    }

    @Override
    public Optional<String> currentBackend() {
        return Optional.ofNullable(backend);
    }

    @Override
    public void sendToClient(LedgerChannel channel, byte[] payload) {
        sent.add(new Sent("client", channel, payload));
    }

    @Override
    public boolean sendToBackend(LedgerChannel channel, byte[] payload) {
        sent.add(new Sent("backend", channel, payload));
        return backend != null;
    }

    /** Whether the platform can run commands for this client (BungeeCord cannot for 1.19+). */
    public boolean canRunCommands = true;
    /** (message, command) pairs offered to the player on a click. */
    public final List<List<String>> suggested = new ArrayList<>();

    @Override
    public boolean canRunCommands() {
        return canRunCommands;
    }

    @Override
    public void runCommand(String commandLine) {
        chat.add(commandLine);
    }

    @Override
    public void suggestCommand(String message, String commandLine) {
        suggested.add(List.of(message, commandLine));
    }

    @Override
    public void tell(String message) {
        told.add(message);
    }
}
