package net.ledgernet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** JDBC URLs in config.yml: no password is ever echoed, and H2's .mv.db ending is not doubled. */
class ConfigUrlTest {
    @TempDir
    Path dir;

    private static final String SECRET = "hunter2";
    private static final String OTHER_BACKEND = "  a:\n    jdbc-url: \"jdbc:sqlite:a.sqlite\"\n";

    static Stream<Arguments> urlsWithPasswords() {
        return Stream.of(
                Arguments.of("userinfo in a server URL",
                        "database-servers:\n  main:\n    url: \"jdbc:mariadb://ledgernet:hunter2@db.example:3306/\"\nbackends:\n",
                        "database-servers.main.url: 'jdbc:mariadb://ledgernet:***@db.example:3306/' has a user in the URL;"
                                + " put it under user: and password: instead"),
                Arguments.of("userinfo with an @ and a / in the password",
                        "backends:\n  b:\n    jdbc-url: \"jdbc:postgresql://ledgernet:hun/ter@2@db/ledger\"\n",
                        "backends.b.jdbc-url: 'jdbc:postgresql://ledgernet:***@db/ledger' has a user in the URL;"
                                + " put it under user: and password: instead"),
                Arguments.of("password parameter in a server URL naming a database",
                        "database-servers:\n  main:\n    url: \"jdbc:mariadb://db/ledger?user=x&password=hunter2&useSsl=true\"\nbackends:\n",
                        "database-servers.main.url: a shared MariaDB server URL must not name a database ('ledger'):"
                                + " each backend names its own with database:"),
                Arguments.of("password parameter in a backend URL without a database",
                        "backends:\n  b:\n    jdbc-url: \"jdbc:mysql://db:3306/?user=x&password=hunter2&sslPassword=hunter2\"\n",
                        "backends.b.jdbc-url: 'jdbc:mysql://db:3306/?user=x&password=***&sslPassword=***' must name the"
                                + " backend's database, e.g. jdbc:mysql://host/ledger_b"),
                Arguments.of("password parameter in a URL that is no server URL",
                        "database-servers:\n  main:\n    url: \"jdbc:postgresql:ledger?PASSWORD=hunter2\"\nbackends:\n",
                        "database-servers.main.url: 'jdbc:postgresql:ledger?PASSWORD=***' is not a JDBC URL of a database"
                                + " server; expected e.g. jdbc:mariadb://host:3306/, jdbc:mysql://host:3306/ or"
                                + " jdbc:postgresql://host:5432/database (SQLite and H2 files go directly on a backend as jdbc-url)"),
                Arguments.of("H2 password option",
                        "backends:\n  b:\n    jdbc-url: \"jdbc:h2:mem:ledger;USER=sa;PASSWORD=hunter2\"\n",
                        "backends.b.jdbc-url: 'jdbc:h2:mem:ledger;USER=sa;PASSWORD=***' must name a database file"
                                + " (in-memory and remote H2 URLs cannot hold a backend's Ledger data)"),
                Arguments.of("unsupported URL, whose layout is unknown",
                        "backends:\n  b:\n    jdbc-url: \"jdbc:oracle:thin:scott/hunter2@//db:1521/ledger\"\n",
                        "backends.b.jdbc-url: 'jdbc:oracle:thin:***@//db:1521/ledger' is not a supported JDBC URL;"
                                + " expected jdbc:sqlite:, jdbc:h2:, jdbc:mariadb:, jdbc:mysql: or jdbc:postgresql:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urlsWithPasswords")
    void noConfigMessageEchoesAPassword(String what, String yaml, String message) throws IOException {
        Files.writeString(dir.resolve("config.yml"), "config-version: 1\n" + yaml + OTHER_BACKEND);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new ConfigFile(dir).load());
        assertThat(e.problems()).map(ConfigProblem::toString).contains(message);
        assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("hun/ter");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:mariadb://user:hunter2@db:3306/ledger | jdbc:mariadb://user:***@db:3306/ledger",
            "jdbc:mariadb://db/ledger?user=u&password=hunter2 | jdbc:mariadb://db/ledger?user=u&password=***",
            "jdbc:mariadb://db/ledger?password=hunter2&user=u | jdbc:mariadb://db/ledger?password=***&user=u",
            "jdbc:postgresql://db/ledger?sslpassword=hunter2#x | jdbc:postgresql://db/ledger?sslpassword=***#x",
            "jdbc:h2:./ledger;USER=sa;PASSWORD=hunter2;MODE=MySQL | jdbc:h2:./ledger;USER=sa;PASSWORD=***;MODE=MySQL",
            "jdbc:mysql://db/ledger?trustCertificateKeyStorePassword=hunter2 | jdbc:mysql://db/ledger?trustCertificateKeyStorePassword=***",
            "jdbc:mariadb://user@db/ledger | jdbc:mariadb://user@db/ledger",
            "jdbc:sqlite:/srv/ledger.sqlite | jdbc:sqlite:/srv/ledger.sqlite",
            "jdbc:mariadb://db:3306/ledger?user=u | jdbc:mariadb://db:3306/ledger?user=u"})
    void redactMasksEveryPasswordAndNothingElse(String url, String redacted) {
        assertEquals(redacted, DatabaseTarget.redact(url));
    }

    @Test
    void aLoadedTargetPrintsItsUrlWithoutThePassword() throws Exception {
        Files.writeString(dir.resolve("config.yml"), "config-version: 1\nbackends:\n"
                + "  b:\n    jdbc-url: \"jdbc:mariadb://db/ledger_b?user=u&password=hunter2\"\n" + OTHER_BACKEND);
        DatabaseTarget target = new ConfigFile(dir).load().backends().get("b").database();
        assertEquals("jdbc:mariadb://db/ledger_b?user=u&password=hunter2", target.jdbcUrl(), "the driver still gets it");
        assertEquals("jdbc:mariadb://db/ledger_b?user=u&password=***", target.redactedUrl());
        assertThat(target.toString()).doesNotContain(SECRET);
    }

    // --- H2's .mv.db ending ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:h2:data/ledger.mv.db | ''",
            "jdbc:h2:file:data/ledger.mv.db;MODE=MySQL | ;MODE=MySQL",
            "jdbc:h2:data/ledger | ''",
            "jdbc:h2:data/ledger.MV.DB | ''"})
    void anH2FileIsNamedWithoutItsMvDbEnding(String url, String options) throws Exception {
        Files.writeString(dir.resolve("config.yml"), "config-version: 1\nbackends:\n  lobby:\n    jdbc-url: \"" + url + "\"\n");
        DatabaseTarget target = new ConfigFile(dir).load().backends().get("lobby").database();
        Path file = dir.resolve("data/ledger").toAbsolutePath().normalize();
        assertEquals(Optional.of(file), target.file());
        assertEquals("jdbc:h2:" + file + options, target.jdbcUrl(), "H2 appends .mv.db itself");
    }

    @Test
    void theSameH2FileWithAndWithoutTheEndingIsOneDatabase() throws IOException {
        Files.writeString(dir.resolve("config.yml"), "config-version: 1\nbackends:\n"
                + "  a:\n    jdbc-url: \"jdbc:h2:data/ledger\"\n  b:\n    jdbc-url: \"jdbc:h2:./data/ledger.mv.db\"\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new ConfigFile(dir).load());
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertEquals("backends.b", p.key());
            assertThat(p.reason()).startsWith("uses the same database as backend 'a'");
        });
    }

    @Test
    void anH2UrlThatIsOnlyTheEndingNamesNoFile() throws IOException {
        Files.writeString(dir.resolve("config.yml"), "config-version: 1\nbackends:\n  lobby:\n    jdbc-url: \"jdbc:h2:.mv.db\"\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new ConfigFile(dir).load());
        assertEquals(List.of("backends.lobby.jdbc-url: 'jdbc:h2:.mv.db' must name a database file (in-memory and remote H2"
                + " URLs cannot hold a backend's Ledger data)"), e.problems().stream().map(ConfigProblem::toString).toList());
    }
}
