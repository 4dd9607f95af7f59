package net.ledgernet.command;

import net.ledgernet.storage.ActionRow;

/** How an action's objects read in chat and in the CLI's tables. */
public final class ActionText {
    private ActionText() {
    }

    /** {@code stone}, or {@code stone → air} when the action changed one object into another. */
    public static String objects(ActionRow row) {
        String object = shortId(row.object());
        String old = shortId(row.oldObject());
        return old.equals(object) ? object : old + " → " + object;
    }

    /** minecraft:stone reads as stone; modded ids keep their namespace. */
    public static String shortId(String id) {
        return id.startsWith("minecraft:") ? id.substring("minecraft:".length()) : id;
    }
}
