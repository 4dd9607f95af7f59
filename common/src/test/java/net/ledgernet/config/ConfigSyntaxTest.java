package net.ledgernet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A YAML syntax error is reported with its line and column and what to do, not as "Unknown error". */
class ConfigSyntaxTest {
    @TempDir
    Path dir;

    private static final String HEAD = "config-version: 1\nbackends:\n  a:\n";

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                Arguments.of("tab as indent", HEAD + "    jdbc-url: \"jdbc:sqlite:a.sqlite\"\n\ttime-zone: UTC\n",
                        "config.yml line 5, column 1: found a tab character where an indent is expected; indent with spaces"),
                Arguments.of("tab after spaces", HEAD + "    jdbc-url: \"jdbc:sqlite:a.sqlite\"\n  \ttime-zone: UTC\n"
                                + "    legacy-nbt: false\n",
                        "config.yml line 5, column 3: found a tab character where an indent is expected; indent with spaces"),
                Arguments.of("tab-indented block above a space-indented key", "config-version: 1\nlimits:\n\tmax-pages: 5\n"
                                + "  page-size: 8\n",
                        "config.yml line 3, column 1: found a tab character where an indent is expected; indent with spaces"),
                Arguments.of("unclosed double quote", HEAD + "    jdbc-url: \"jdbc:sqlite:a.sqlite\n    time-zone: UTC\n",
                        "config.yml line 4, column 15: this quoted value is never closed; add the closing quote"),
                Arguments.of("unclosed single quote", HEAD + "    jdbc-url: 'jdbc:sqlite:a.sqlite\n",
                        "config.yml line 4, column 15: this quoted value is never closed; add the closing quote"),
                Arguments.of("key indented less than its siblings", HEAD + "    jdbc-url: \"jdbc:sqlite:a.sqlite\"\n   time-zone: UTC\n",
                        "config.yml line 5, column 4: the indentation of this line matches no key above it"),
                Arguments.of("key indented more than its siblings", HEAD + "    jdbc-url: \"jdbc:sqlite:a.sqlite\"\n"
                                + "      time-zone: UTC\n",
                        "config.yml line 5, column 7: the indentation of this line matches no key above it"),
                Arguments.of("key indented more than its siblings, below a plain value", HEAD
                                + "    jdbc-url: \"jdbc:sqlite:a.sqlite\"\n    time-zone: UTC\n      legacy-nbt: true\n",
                        "config.yml line 6, column 17: unexpected ':'; this line may be indented too far, or a value"
                                + " containing ': ' needs quotes"),
                Arguments.of("unclosed list", "config-version: 1\ncommand:\n  aliases: [ledgernet\n",
                        "config.yml line 3, column 12: this [ list is never closed; add the closing ]"),
                Arguments.of("unclosed map", "config-version: 1\nlimits:\n  rate-limit: {burst: 5\n",
                        "config.yml line 3, column 15: this { map is never closed; add the closing }"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntaxErrors")
    void aSyntaxErrorNamesItsLineColumnAndCause(String what, String yaml, String message) throws IOException {
        InvalidConfigException e = load(yaml);
        assertEquals(List.of(message), e.problems().stream().map(ConfigProblem::toString).toList());
        assertThat(e.getMessage()).contains("\n  - " + message).doesNotContain("Unknown error");
    }

    @Test
    void anotherParserErrorStillNamesItsLineAndColumn() throws IOException {
        InvalidConfigException e = load("config-version: 1\nmessages:\n  prefix: \"\\q\"\n");
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertEquals("config.yml line 3, column 13", p.key());
            assertThat(p.reason()).contains("escape character");
        });
    }

    @Test
    void aTabInACommentOrInsideAValueIsNotBlamed() throws IOException {
        InvalidConfigException e = load("config-version: 1\n\t# a comment\nbackends:\n  a:\n    jdbc-url: \"jdbc:sqlite:\ta\n");
        assertEquals(List.of("config.yml line 5, column 15: this quoted value is never closed; add the closing quote"),
                e.problems().stream().map(ConfigProblem::toString).toList());
    }

    private InvalidConfigException load(String yaml) throws IOException {
        Files.writeString(dir.resolve("config.yml"), yaml);
        return assertThrows(InvalidConfigException.class, () -> new ConfigFile(dir).load());
    }
}
