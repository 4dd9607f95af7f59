package net.ledgernet.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What each built plugin jar must do, run as {@code java -jar}: name itself, say where it goes, what it
 * writes and which CLI checks the config, and exit 0; carry no sample generator; and keep Jetty relocated and working. Each platform's
 * {@code PluginJarIT} extends this with its proxy's name and data folder. The jar tests run in the verify
 * phase on the shaded jar (its path comes from the build as the system property pluginJar; before package,
 * as in a -Dtest run of the test phase, there is no jar yet and they are not run).
 */
public abstract class PluginJarContract {
    private final String proxy;
    private final String dataFolder;
    private final Consumer<String[]> main;

    /**
     * @param proxy      the proxy as the notice names it ("Velocity", "BungeeCord/Waterfall")
     * @param dataFolder where that proxy puts the plugin's folder ("plugins/ledgernet")
     * @param main       the jar's Main-Class entry point, called in-process
     */
    protected PluginJarContract(String proxy, String dataFolder, Consumer<String[]> main) {
        this.proxy = proxy;
        this.dataFolder = dataFolder;
        this.main = main;
    }

    @Test
    @EnabledIfSystemProperty(named = "pluginJar", matches = ".+")
    void javaDashJarSaysWhereTheJarGoes() throws Exception {
        Path jar = Path.of(System.getProperty("pluginJar"));
        assertThat(jar).as("the shaded plugin jar").exists();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-jar", jar.toString()))
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertEquals(0, process.exitValue(), output);
        assertThat(output).doesNotContain("Invalid or corrupt jarfile")
                .contains("for " + proxy + " is a proxy plugin; it does not run on its own.")
                .contains("Copy this jar into the plugins/ folder of your " + proxy + " proxy and restart the proxy.")
                .contains("LedgerNet writes " + dataFolder + "/config.yml; list your backends'")
                .contains("log in " + dataFolder + "/audit/, and never writes to a Ledger database")
                .contains("java -jar ledgernet-cli.jar doctor --dir " + dataFolder);
    }

    @Test
    @EnabledIfSystemProperty(named = "pluginJar", matches = ".+")
    void theJarCarriesNoSampleGenerator() throws Exception {
        try (JarFile jar = new JarFile(System.getProperty("pluginJar"))) {
            assertThat(jar.stream().map(JarEntry::getName))
                    .as("sample data and generators are not production code")
                    .noneMatch(name -> name.startsWith("net/ledgernet/sample/"))
                    .anyMatch(name -> name.startsWith("net/ledgernet/storage/"));
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "pluginJar", matches = ".+")
    void jettyIsRelocatedWithItsServiceFileAndServesFromTheJar() throws Exception {
        assertJettyRelocated(Path.of(System.getProperty("pluginJar")));
        // The relocated Jetty from the jar alone (plus slf4j-api, which the proxy provides), as the plugin's
        // class loader sees it: it starts, answers a request and stops.
        List<java.net.URL> urls = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("pluginJar")).toUri().toURL()));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (Path.of(entry).getFileName().toString().startsWith("slf4j-api")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(urls.toArray(java.net.URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            Class<?> serverClass = loader.loadClass("net.ledgernet.lib.jetty.server.Server");
            Object server = serverClass.getConstructor(java.net.InetSocketAddress.class)
                    .newInstance(new java.net.InetSocketAddress("127.0.0.1", 0));
            serverClass.getMethod("start").invoke(server);
            try {
                java.net.URI uri = (java.net.URI) serverClass.getMethod("getURI").invoke(server);
                java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(uri).GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(404, response.statusCode(), "no handler: Jetty's own answer");
            } finally {
                serverClass.getMethod("stop").invoke(server);
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /**
     * Jetty in a shaded jar only under {@code net.ledgernet.lib.jetty}, its services file renamed and its
     * entries relocated with it (else ServiceLoader finds nothing or the unrelocated classes).
     */
    public static void assertJettyRelocated(Path jarFile) throws IOException {
        try (JarFile jar = new JarFile(jarFile.toFile())) {
            List<String> names = jar.stream().map(JarEntry::getName).toList();
            assertThat(names).as("Jetty only under LedgerNet's own package")
                    .noneMatch(name -> name.startsWith("org/eclipse/jetty/"))
                    .contains("net/ledgernet/lib/jetty/server/Server.class", "net/ledgernet/web/WebConsole.class")
                    .doesNotContain("META-INF/services/org.eclipse.jetty.http.HttpFieldPreEncoder");
            String services = new String(jar.getInputStream(jar.getEntry(
                    "META-INF/services/net.ledgernet.lib.jetty.http.HttpFieldPreEncoder")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(services.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList())
                    .isNotEmpty().allMatch(l -> l.startsWith("net.ledgernet.lib.jetty.http."));
        }
    }

    @Test
    void theMainClassPrintsTheSameWithoutTheProxyOnTheClassPath() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.accept(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).startsWith("LedgerNet ")
                .contains("java -jar ledgernet-cli.jar doctor --dir " + dataFolder + "\n");
    }
}
