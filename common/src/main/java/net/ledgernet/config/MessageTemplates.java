package net.ledgernet.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.kyori.adventure.text.minimessage.Context;
import net.kyori.adventure.text.minimessage.MiniMessage;
import net.kyori.adventure.text.minimessage.tag.Tag;
import net.kyori.adventure.text.minimessage.tag.resolver.ArgumentQueue;
import net.kyori.adventure.text.minimessage.tag.resolver.TagResolver;
import net.kyori.adventure.text.minimessage.tag.standard.StandardTags;

/**
 * The {@code /lgn} messages: one MiniMessage template per key, from config.yml's {@code messages:}
 * section, falling back to the defaults below. Every template may use {@code <prefix>} and
 * {@code <command>}, plus the placeholders of its key.
 */
public record MessageTemplates(Map<Key, String> templates) {
    /** A message, its config key, its default template and the placeholders it is given. */
    public enum Key {
        PREFIX("<dark_gray>[<gold>LedgerNet</gold>]</dark_gray>"),
        HELP("<prefix> <gray>Usage:</gray> <white><usage></white>", "usage"),
        INFO("<prefix> <gray><message></gray>", "message"),
        NO_PERMISSION("<prefix> <red>You may not <action> here.</red>", "action"),
        ERROR("<prefix> <red><message></red>", "message"),
        BUSY("<prefix> <red>Still working on your last request.</red>"),
        WORKING("<prefix> <gray>Still <task>...</gray>", "task"),
        DISABLED("<prefix> <red>LedgerNet is disabled: <reason></red>", "reason"),
        RESULTS_HEADER("<prefix> <gold>Page <page></gold> <gray>·</gray> <white><query></white>"
                + " <gray>on <servers></gray>", "page", "query", "servers"),
        ACTION("<dark_gray><backend></dark_gray> <gray><time></gray> <white><source></white> <yellow><action></yellow>"
                + " <aqua><object></aqua> <gray><world></gray><rolled-back>",
                "backend", "time", "source", "action", "object", "world", "rolled-back"),
        ACTION_HOVER("<gray>Where:</gray> <x> <y> <z> <gray>in</gray> <world><newline><gray>Before:</gray> <old>"
                + "<newline><gray>After:</gray> <new><newline><gray>Extra:</gray> <extra><newline><gray>When:</gray> <when>"
                + "<newline><gray>Id:</gray> <backend>#<id>",
                "x", "y", "z", "world", "old", "new", "extra", "when", "backend", "id"),
        ROLLED_BACK(" <dark_gray><italic>(rolled back)</italic></dark_gray>"),
        NO_RESULTS("<prefix> <gray>No actions match <query>.</gray>", "query"),
        HINT("<prefix> <yellow><hint></yellow>", "hint"),
        PAGER("<gray>Page <page></gray><previous><next>", "page", "previous", "next"),
        PAGE_PREVIOUS("<green>[‹ previous]</green>"),
        PAGE_NEXT("<green>[next ›]</green>"),
        PAGE_HOVER("<gray>Show page <page></gray>", "page"),
        LEFT_OUT("<prefix> <yellow>Not answering, left out: <servers></yellow>", "servers"),
        HIDDEN("<prefix> <gray>Left out, no permission there: <servers></gray>", "servers"),
        REVOKED("<prefix> <yellow><servers> left out: you no longer have <node> there</yellow>", "servers", "node"),
        PLAYER("<prefix> <white><name></white> <dark_gray><uuid></dark_gray><newline>  <gray>first joined</gray>"
                + " <first-join><gray>, last joined</gray> <last-join> <gray>on</gray> <backend><newline>"
                + "  <gray>near</gray> <position>", "name", "uuid", "first-join", "last-join", "backend", "position"),
        PLAYER_NOT_FOUND("<prefix> <gray>No player <name> on the servers you may see.</gray>", "name"),
        PLAYER_NOT_FOUND_PARTIAL("<prefix> <yellow>No player <name> on the servers that answered; <servers> did not,"
                + " so <name> may be there.</yellow>", "name", "servers"),
        STATUS_HEADER("<prefix> <gold>Backends</gold> <gray>· permissions: <permissions></gray>", "permissions"),
        STATUS("<white><backend></white> <state> <gray><latency> · <schema> · <rows> actions · zone <time-zone>"
                + " · breaker <breaker> · pool <pool></gray>",
                "backend", "state", "latency", "schema", "rows", "time-zone", "breaker", "pool"),
        RELOADED("<prefix> <green>Reloaded config.yml: <backends> backend(s).</green>", "backends"),
        RELOAD_FAILED("<prefix> <red>config.yml was not reloaded; the running configuration stays. <reason></red>",
                "reason"),
        WEB_LINK("<prefix> <gray>Web console, one use, valid <minutes> minutes:</gray> <aqua><underlined><url></underlined></aqua>",
                "url", "minutes"),
        WEB_LINK_HOVER("<gray>Open the web console as <name>.</gray><newline><red>Do not share this link: it logs in"
                + " as you.</red>", "name");

        /** Available in every template. */
        public static final List<String> COMMON = List.of("prefix", "command");

        private final String defaultTemplate;
        private final List<String> placeholders;

        Key(String defaultTemplate, String... placeholders) {
            this.defaultTemplate = defaultTemplate;
            this.placeholders = List.of(placeholders);
        }

        /** The key under {@code messages:} in config.yml. */
        public String configKey() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public String defaultTemplate() {
            return defaultTemplate;
        }

        public List<String> placeholders() {
            return placeholders;
        }

        public static Optional<Key> byConfigKey(String key) {
            for (Key k : values()) {
                if (k.configKey().equals(key)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    public static final MessageTemplates DEFAULTS = new MessageTemplates(Map.of());

    /** Missing keys take their default. */
    public MessageTemplates {
        Map<Key, String> all = new EnumMap<>(Key.class);
        for (Key key : Key.values()) {
            all.put(key, templates.getOrDefault(key, key.defaultTemplate()));
        }
        templates = Map.copyOf(all);
    }

    public String template(Key key) {
        return templates.get(key);
    }

    /**
     * The tags in {@code template} that are neither MiniMessage's own nor placeholders of {@code key}:
     * MiniMessage would print them as text, which is almost always a typo.
     */
    public static List<String> unknownTags(Key key, String template) {
        Set<String> allowed = new LinkedHashSet<>(Key.COMMON);
        allowed.addAll(key.placeholders());
        TagResolver standard = StandardTags.defaults();
        List<String> seen = new ArrayList<>();
        // MiniMessage leaves an unknown tag as text without complaint; this resolver notes each name it is asked for.
        TagResolver recorder = new TagResolver() {
            @Override
            public Tag resolve(String name, ArgumentQueue arguments, Context ctx) {
                seen.add(name);
                return null;
            }

            @Override
            public boolean has(String name) {
                return true;
            }
        };
        MiniMessage.builder().tags(TagResolver.resolver(standard, recorder)).build().deserialize(template);
        List<String> unknown = new ArrayList<>();
        for (String name : new LinkedHashSet<>(seen)) {
            if (!standard.has(name) && !allowed.contains(name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }
}
