package net.ledgernet.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The small text rules behind every action line: relative times and trimmed extra data. */
class ChatMessagesTest {
    private static final Instant NOW = Instant.parse("2026-11-21T02:00:00Z");

    private static String ago(Duration d) {
        return RelativeTime.ago(NOW.minus(d), NOW);
    }

    @Test
    void relativeTimesUseTheLargestWholeUnit() {
        assertEquals("just now", ago(Duration.ofSeconds(4)));
        assertEquals("42s ago", ago(Duration.ofSeconds(42)));
        assertEquals("3m ago", ago(Duration.ofSeconds(3 * 60 + 59)));
        assertEquals("5h ago", ago(Duration.ofHours(5).plusMinutes(59)));
        assertEquals("13d ago", ago(Duration.ofDays(13)));
        assertEquals("2w ago", ago(Duration.ofDays(14)));
        assertEquals("1y ago", ago(Duration.ofDays(400)));
        assertEquals("in 14h", ago(Duration.ofHours(-14)), "a time ahead of the clock (wrong time zone) says so");
    }

    @Test
    void extraDataIsFlattenedAndTrimmedWithItsLength() {
        assertEquals("{count:14, id:\"minecraft:rotten_flesh\"}", ChatMessages.trim("{count:14,\n  id:\"minecraft:rotten_flesh\"}"));
        String nbt = "{Items:[" + "{Slot:0b,id:\"minecraft:stone\",count:64},".repeat(20) + "]}";
        String shown = ChatMessages.trim(nbt);
        assertEquals(nbt.substring(0, ChatMessages.EXTRA_DATA_CHARS) + "… (" + nbt.length() + " chars)", shown);
    }

    @Test
    void objectsReadAsTheChangeTheyRecord() {
        assertEquals("stone", ActionText.shortId("minecraft:stone"));
        assertEquals("mymod:crystal", ActionText.shortId("mymod:crystal"));
    }
}
