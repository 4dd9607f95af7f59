package net.ledgernet.velocity;

import net.ledgernet.platform.PluginJarContract;

/** The built Velocity jar: see {@link PluginJarContract}. */
class PluginJarIT extends PluginJarContract {
    PluginJarIT() {
        super("Velocity", "plugins/ledgernet", InstallNoticeMain::main);
    }

    @Test
    @EnabledIfSystemProperty(named = "pluginJar", matches = ".+")
    void jettyIsRelocatedWithItsServiceFileAndServesFromTheJar() throws Exception {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(System.getProperty("pluginJar"))) {
            List<String> names = jar.stream().map(java.util.jar.JarEntry::getName).toList();
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
}
