package net.ledgernet.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import net.ledgernet.protocol.LayoutGeneration;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.protocol.LedgerDecodeException;
import net.ledgernet.protocol.LedgerPacket;
import net.ledgernet.protocol.PacketMap;
import net.ledgernet.routing.MessageOrigin;

/**
 * Who did what: one line per refused client request and per destructive request (rollback,
 * restore, purge, whatever became of it), in a file of its own beside config.yml
 * ({@code audit/ledgernet-audit.0.log}, rotated at {@link #FILE_LIMIT_BYTES}, {@link #FILE_COUNT}
 * files kept). Lines are queued and written by one background thread, never on a proxy network
 * thread; when the queue is full the line is counted and the count written with the next line.
 *
 * <p>Line format, tab-separated: time (UTC, ISO-8601), player name, player UUID, backend, channel
 * (or {@code /lgn}), parameters (the request's string, as sent by the client), decision, reason.
 */
public final class AuditLog implements AutoCloseable {
    public static final String FOLDER = "audit";
    public static final String FILE_PATTERN = "ledgernet-audit.%g.log";
    public static final int FILE_LIMIT_BYTES = 10 * 1024 * 1024;
    public static final int FILE_COUNT = 5;
    private static final int QUEUE = 10_000;

    /** One event, as the core saw it; rendered to text on the writer thread. */
    public record Entry(Instant time, String player, String uuid, String backend, MessageOrigin origin,
                        LedgerChannel channel, byte[] payload, String decision, String reason) {
    }

    private final Optional<FileHandler> file;
    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    private AuditLog(Optional<FileHandler> file) {
        this.file = file;
        this.writer = new Thread(this::drain, "LedgerNet-audit");
        writer.setDaemon(true);
        if (file.isPresent()) {
            writer.start();
        }
    }

    /** Opens (creating) {@code <dataDirectory>/audit/}; an audit log that cannot be opened records nothing. */
    public static AuditLog open(Path dataDirectory) throws IOException {
        Path folder = dataDirectory.resolve(FOLDER);
        Files.createDirectories(folder);
        FileHandler handler = new FileHandler(folder.resolve(FILE_PATTERN).toString(), FILE_LIMIT_BYTES, FILE_COUNT, true);
        handler.setEncoding("UTF-8");
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                return record.getMessage() + System.lineSeparator();
            }
        });
        return new AuditLog(Optional.of(handler));
    }

    /** An audit log that records nothing (the CLI, tests, or a folder that cannot be written). */
    public static AuditLog disabled() {
        return new AuditLog(Optional.empty());
    }

    /** Queues one line; never blocks. */
    public void record(Entry entry) {
        if (file.isEmpty() || closed) {
            return;
        }
        if (!queue.offer(entry)) {
            dropped.incrementAndGet();
        }
    }

    /** Where the lines go, for the startup log and the README. */
    public static Path path(Path dataDirectory) {
        return dataDirectory.resolve(FOLDER).resolve(FILE_PATTERN.replace("%g", "0"));
    }

    private void drain() {
        while (!closed || !queue.isEmpty()) {
            try {
                Entry entry = queue.poll(200, TimeUnit.MILLISECONDS);
                if (entry != null) {
                    write(entry);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // one bad line must not stop the audit
            }
        }
    }

    private void write(Entry entry) {
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            file.get().publish(new LogRecord(Level.INFO, DateTimeFormatter.ISO_INSTANT.format(entry.time())
                    + "\t-\t-\t-\t-\t-\tqueue-full\t" + lost + " audit lines were not written (queue full)"));
        }
        file.get().publish(new LogRecord(Level.INFO, line(entry)));
        file.get().flush();
    }

    /** The text of one line. */
    static String line(Entry entry) {
        return String.join("\t", DateTimeFormatter.ISO_INSTANT.format(entry.time().atOffset(ZoneOffset.UTC)),
                clean(entry.player()), clean(entry.uuid()), clean(entry.backend()),
                entry.channel() == null ? "/lgn" : entry.channel().id(), clean(parameters(entry)),
                clean(entry.decision()), clean(entry.reason()));
    }

    /** The request's parameters as the client sent them, decoded with the documented layouts. */
    private static String parameters(Entry entry) {
        if (entry.channel() == null || entry.payload() == null) {
            return "-";
        }
        if (entry.origin() != MessageOrigin.PLAYER) {
            return entry.payload().length + " bytes";
        }
        return describeRequest(entry.channel(), entry.payload());
    }

    /**
     * A client request's parameters in words ({@code rollback "range:3"}), decoded with the documented
     * (protocol-2) layouts; for the log, never for a decision.
     */
    public static String describeRequest(LedgerChannel channel, byte[] payload) {
        try {
            LedgerPacket.C2S packet = PacketMap.c2s(LayoutGeneration.V2).decode(channel.id(), payload);
            if (packet instanceof LedgerPacket.RollbackC2S rollback) {
                return (rollback.restore() ? "restore " : "rollback ") + quoted(rollback.input());
            } else if (packet instanceof LedgerPacket.PurgeC2S purge) {
                return "purge " + quoted(purge.input());
            } else if (packet instanceof LedgerPacket.SearchC2S search) {
                return quoted(search.input()) + " pages " + search.pages();
            } else if (packet instanceof LedgerPacket.InspectC2S inspect) {
                return inspect.pos() + " pages " + inspect.pages();
            } else if (packet instanceof LedgerPacket.PlayerC2S players) {
                return players.players().size() + " players";
            }
            return packet.getClass().getSimpleName();
        } catch (LedgerDecodeException | IllegalArgumentException e) {
            return "malformed (" + payload.length + " bytes)";
        }
    }

    private static String quoted(String input) {
        String text = input.length() <= 300 ? input : input.substring(0, 300) + "...";
        return "\"" + text + "\"";
    }

    /** No tabs or line breaks from client text: one event stays one line. */
    private static String clean(String text) {
        if (text == null || text.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.toString();
    }

    @Override
    public void close() {
        closed = true;
        if (file.isPresent()) {
            try {
                writer.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            file.get().close();
        }
    }
}
