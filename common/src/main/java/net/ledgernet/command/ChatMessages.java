package net.ledgernet.command;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.event.ClickEvent;
import net.kyori.adventure.text.event.HoverEvent;
import net.kyori.adventure.text.minimessage.MiniMessage;
import net.kyori.adventure.text.minimessage.tag.resolver.Placeholder;
import net.kyori.adventure.text.minimessage.tag.resolver.TagResolver;
import net.ledgernet.config.MessageTemplates;
import net.ledgernet.config.MessageTemplates.Key;
import net.ledgernet.storage.ActionRow;
import net.ledgernet.storage.BackendFailure;
import net.ledgernet.storage.NetworkSearch;

/**
 * Turns templates and results into Adventure components. Values from databases and players go in
 * as unparsed text, so an object id or a name can never inject tags or click events.
 */
final class ChatMessages {
    /** Extra data (NBT) can be kilobytes: the hover shows its start. */
    static final int EXTRA_DATA_CHARS = 160;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final MiniMessage MINI = MiniMessage.miniMessage();

    private final MessageTemplates templates;
    private final String command;

    ChatMessages(MessageTemplates templates, String command) {
        this.templates = templates;
        this.command = command;
    }

    String command() {
        return command;
    }

    Component render(Key key, TagResolver... placeholders) {
        TagResolver common = TagResolver.resolver(
                Placeholder.component("prefix", key == Key.PREFIX ? Component.empty()
                        : MINI.deserialize(templates.template(Key.PREFIX))),
                Placeholder.unparsed("command", command));
        return MINI.deserialize(templates.template(key), TagResolver.resolver(common, TagResolver.resolver(placeholders)));
    }

    static TagResolver text(String name, Object value) {
        return Placeholder.unparsed(name, String.valueOf(value));
    }

    static TagResolver component(String name, Component value) {
        return Placeholder.component(name, value);
    }

    /** One action, as a line with the details on hover. */
    Component action(ActionRow row, NetworkSearch search, Instant now) {
        String world = search.worldFor(row.backend(), row.world(), Optional.empty());
        Component hover = render(Key.ACTION_HOVER, text("x", row.x()), text("y", row.y()), text("z", row.z()),
                text("world", world), text("old", row.oldObject()), text("new", row.object()),
                text("extra", row.extraData().map(ChatMessages::trim).orElse("-")),
                text("when", WHEN.format(row.time())), text("backend", row.backend()), text("id", row.id()));
        return render(Key.ACTION, text("backend", row.backend()), text("time", ago(row.time(), now)),
                text("source", row.sourceLabel()), text("action", row.action()), text("object", ActionText.objects(row)),
                text("world", world),
                component("rolled-back", row.rolledBack() ? render(Key.ROLLED_BACK) : Component.empty()))
                .hoverEvent(HoverEvent.showText(hover));
    }

    /** "Page 2 [‹ previous] [next ›]", the arrows running {@code /<command> page N}. */
    Component pager(int page, boolean hasNext) {
        Component previous = page > 1 ? link(Key.PAGE_PREVIOUS, page - 1) : Component.empty();
        Component next = hasNext ? link(Key.PAGE_NEXT, page + 1) : Component.empty();
        return render(Key.PAGER, text("page", page), component("previous", previous), component("next", next));
    }

    /** The web console's login link: the whole line opens it, the URL is in it as text to copy. */
    Component webLink(java.net.URI url, String name, long minutes) {
        return render(Key.WEB_LINK, text("url", url), text("minutes", minutes))
                .clickEvent(ClickEvent.openUrl(url.toString()))
                .hoverEvent(HoverEvent.showText(render(Key.WEB_LINK_HOVER, text("name", name))));
    }

    /** A space, then the clickable link: an absent link leaves no gap behind. */
    private Component link(Key key, int page) {
        return Component.space().append(render(key).clickEvent(ClickEvent.runCommand("/" + command + " page " + page))
                .hoverEvent(HoverEvent.showText(render(Key.PAGE_HOVER, text("page", page)))));
    }

    static String list(List<String> names) {
        return String.join(", ", names);
    }

    static List<String> described(Map<String, BackendFailure> missing) {
        List<String> out = new ArrayList<>();
        missing.forEach((backend, failure) -> out.add(backend + " (" + reason(failure) + ")"));
        return out;
    }

    static String reason(BackendFailure failure) {
        return failure.summary();
    }

    static String shortId(String id) {
        return ActionText.shortId(id);
    }

    static String trim(String extra) {
        String flat = extra.replaceAll("\\s+", " ");
        return flat.length() <= EXTRA_DATA_CHARS ? flat : flat.substring(0, EXTRA_DATA_CHARS) + "… ("
                + flat.length() + " chars)";
    }

    static String ago(Instant time, Instant now) {
        return RelativeTime.ago(time, now);
    }

}
