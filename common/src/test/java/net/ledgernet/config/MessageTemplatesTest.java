package net.ledgernet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The messages: section and the command's nodes: parsed, defaulted, and checked key by key. */
class MessageTemplatesTest {
    @TempDir
    Path dir;

    private LedgerNetConfig load(String yaml) throws Exception {
        Files.writeString(dir.resolve("config.yml"), yaml);
        return new ConfigFile(dir).load();
    }

    private static final String BASE = """
            config-version: 1
            backends:
              survival:
                jdbc-url: "jdbc:sqlite:survival.sqlite"
            """;

    @Test
    void theShippedFileSpellsOutEveryDefaultTemplateAndNode() throws Exception {
        try (InputStream in = ConfigFile.defaultConfig()) {
            Files.copy(in, dir.resolve("config.yml"));
        }
        LedgerNetConfig config = new ConfigFile(dir).load();
        String shipped = Files.readString(dir.resolve("config.yml"));
        for (MessageTemplates.Key key : MessageTemplates.Key.values()) {
            assertThat(shipped).as("config.yml lists messages.%s", key.configKey()).contains("  " + key.configKey() + ": ");
            assertEquals(key.defaultTemplate(), config.command().messages().template(key), key.configKey());
        }
        assertEquals(CommandPermissions.DEFAULTS, config.command().permissions());
    }

    @Test
    void templatesAndNodesAreReadAndTheRestDefaulted() throws Exception {
        LedgerNetConfig config = load(BASE + """
                command:
                  permissions:
                    reload: staff.lgn.reload
                messages:
                  prefix: "<aqua>[LN]</aqua>"
                  rolled-back: " (undone)"
                """);
        assertEquals("<aqua>[LN]</aqua>", config.command().messages().template(MessageTemplates.Key.PREFIX));
        assertEquals(" (undone)", config.command().messages().template(MessageTemplates.Key.ROLLED_BACK),
                "leading spaces are kept");
        assertEquals(MessageTemplates.Key.ERROR.defaultTemplate(),
                config.command().messages().template(MessageTemplates.Key.ERROR));
        assertEquals("staff.lgn.reload", config.command().permissions().reload());
        assertEquals("ledgernet.command.search", config.command().permissions().search());
    }

    @Test
    void unknownTagsMessagesAndNodesAreProblemsNamingTheirKeys() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> load(BASE + """
                command:
                  permissions:
                    status: "Not A Node"
                    teleport: x.y
                messages:
                  error: "<red><mesage></red>"
                  action: "<backend> <tme> <source>"
                  greeting: "hi"
                  help: "<rainbow><usage></rainbow> <click:run_command:'/lgn status'>status</click>"
                """));
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder(
                "command.permissions.status", "command.permissions.teleport", "messages.error", "messages.action",
                "messages.greeting");
        assertThat(e.getMessage())
                .contains("messages.error: unknown tag <mesage>; this message has <prefix>, <command>, <message>")
                .contains("messages.action: unknown tag <tme>")
                .contains("messages.greeting: unknown message; expected one of prefix, help,");
    }
}
