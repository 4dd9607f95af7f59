package net.ledgernet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The web: section: defaults, every key read, every wrong value refused with its key and the fix. */
class WebConfigTest {
    private static final String BACKEND = "config-version: 1\nbackends:\n  a:\n    jdbc-url: \"jdbc:sqlite:a.sqlite\"\n";

    @TempDir
    Path dir;

    private LedgerNetConfig load(String yaml) throws Exception {
        Files.writeString(dir.resolve("config.yml"), yaml);
        return new ConfigFile(dir).load();
    }

    private List<String> problems(String web) throws IOException {
        Files.writeString(dir.resolve("config.yml"), BACKEND + "web:\n" + web);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new ConfigFile(dir).load());
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void leftOutTheConsoleIsOffOnLoopbackWithTheContractDefaults() throws Exception {
        WebSettings web = load(BACKEND).web();
        assertEquals(new WebSettings(false, "127.0.0.1", 8130, Optional.empty(), Duration.ofMinutes(30), 10_000, 20_000),
                web);
        assertEquals(WebSettings.DEFAULTS, web);
    }

    @Test
    void theShippedFileWritesEveryKeyWithItsDefault() throws Exception {
        String shipped;
        try (InputStream in = ConfigFile.defaultConfig()) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String web = shipped.substring(shipped.indexOf("\nweb:\n"));
        for (String key : List.of("enabled: false", "bind: 127.0.0.1", "port: 8130", "public-url: \"\"",
                "session-idle: 30m", "export-max-rows: 10000", "chart-max-rows: 20000")) {
            assertEquals(1, web.lines().filter(l -> l.equals("  " + key)).count(), key);
        }
        assertEquals(1, shipped.lines().filter(l -> l.startsWith("    web: ledgernet.command.web ")).count());
        LedgerNetConfig config = load(shipped);
        assertEquals(WebSettings.DEFAULTS, config.web());
        assertEquals("ledgernet.command.web", config.command().permissions().web());
    }

    @Test
    void everyKeyIsRead() throws Exception {
        WebSettings web = load(BACKEND + """
                web:
                  enabled: true
                  bind: "::1"
                  port: 65535
                  public-url: "HTTPS://Console.Example.net:8443"
                  session-idle: 2h
                  export-max-rows: 1000000
                  chart-max-rows: 100
                command:
                  permissions:
                    web: staff.web
                """).web();
        assertEquals(new WebSettings(true, "::1", 65535, Optional.of(URI.create("https://Console.Example.net:8443/")),
                Duration.ofHours(2), 1_000_000, 100), web);
        assertEquals("staff.web", load(BACKEND + "command:\n  permissions:\n    web: staff.web\n")
                .command().permissions().web());
        assertEquals("localhost", load(BACKEND + "web:\n  bind: localhost\n  port: 1\n").web().bind());
        assertEquals("0.0.0.0", load(BACKEND + "web:\n  bind: 0.0.0.0\n").web().bind());
        assertEquals(Optional.empty(), load(BACKEND + "web:\n  public-url:\n").web().publicUrl());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            enabled: yes please    | web.enabled: must be true or false
            port: 0                | web.port: 0 is too small (at least 1)
            port: 65536            | web.port: 65536 is too large (at most 65535)
            port: http             | web.port: must be a whole number from 1 to 65535
            bind: example.net      | web.bind: 'example.net' is not an IP address; write an IP address of this machine, e.g. 127.0.0.1 (this machine only, the default), 0.0.0.0 (every interface) or ::1, or localhost
            bind: 127.1            | web.bind: '127.1' is not an IP address; write an IP address of this machine, e.g. 127.0.0.1 (this machine only, the default), 0.0.0.0 (every interface) or ::1, or localhost
            bind: 256.0.0.1        | web.bind: '256.0.0.1' is not an IP address; write an IP address of this machine, e.g. 127.0.0.1 (this machine only, the default), 0.0.0.0 (every interface) or ::1, or localhost
            bind: '1::2::3'        | web.bind: '1::2::3' is not an IP address; write an IP address of this machine, e.g. 127.0.0.1 (this machine only, the default), 0.0.0.0 (every interface) or ::1, or localhost
            bind: '[::1]'          | web.bind: write the IPv6 address without brackets, e.g. ::1
            bind: ''               | web.bind: must not be empty; write an IP address of this machine, e.g. 127.0.0.1 (this machine only, the default), 0.0.0.0 (every interface) or ::1, or localhost
            public-url: ftp://x.net/ | web.public-url: 'ftp://x.net/' must start with https:// or http:// and name a host; write the address browsers use, e.g. https://ledgernet.example.net/ (or "" for none)
            public-url: ledgernet.example.net | web.public-url: 'ledgernet.example.net' must start with https:// or http:// and name a host; write the address browsers use, e.g. https://ledgernet.example.net/ (or "" for none)
            public-url: https://x.net/lgn/ | web.public-url: 'https://x.net/lgn/' has a path; the console is served at the root of its host (give it a host or port of its own in your reverse proxy), e.g. https://ledgernet.example.net/
            public-url: https://x.net/?a=1 | web.public-url: 'https://x.net/?a=1' must have no user, ?query or #fragment; write the address browsers use, e.g. https://ledgernet.example.net/ (or "" for none)
            public-url: https://x y/ | web.public-url: 'https://x y/' is not a URL; write the address browsers use, e.g. https://ledgernet.example.net/ (or "" for none)
            session-idle: 30       | web.session-idle: '30' is not a duration; write e.g. 500ms, 5s, 2m or 1h
            session-idle: 59s      | web.session-idle: 59s is too short (at least 1m)
            session-idle: 25h      | web.session-idle: 25h is too long (at most 24h)
            export-max-rows: 0     | web.export-max-rows: 0 is too small (at least 1)
            export-max-rows: 1000001 | web.export-max-rows: 1000001 is too large (at most 1000000)
            chart-max-rows: 99     | web.chart-max-rows: 99 is too small (at least 100)
            chart-max-rows: 99999999999999999999 | web.chart-max-rows: 99999999999999999999 is too large (at most 1000000)
            prot: 8130             | web.prot: unknown key; expected one of enabled, bind, port, public-url, session-idle, export-max-rows, chart-max-rows
            """)
    void aWrongValueIsRefusedWithItsKeyAndTheFix(String line, String problem) throws IOException {
        assertEquals(List.of(problem), problems("  " + line + "\n"));
    }

    @Test
    void aSectionThatIsNotAMapIsRefused() throws IOException {
        Files.writeString(dir.resolve("config.yml"), BACKEND + "web: true\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new ConfigFile(dir).load());
        assertEquals(List.of("web: must be a map of settings"), e.problems().stream().map(ConfigProblem::toString).toList());
    }
}
