package net.ledgernet;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** LedgerNet's own version, from the build. */
public final class LedgerNetVersion {
    private static final String VERSION = load();

    private LedgerNetVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = LedgerNetVersion.class.getResourceAsStream("ledgernet.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
