package net.ledgernet.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.spongepowered.configurate.ConfigurateException;
import org.spongepowered.configurate.ConfigurationNode;
import org.spongepowered.configurate.yaml.YamlConfigurationLoader;

/** config.yml on disk: written from the bundled default when missing, then loaded and validated. */
public final class ConfigFile {
    public static final String FILE_NAME = "config.yml";
    private static final String DEFAULT_RESOURCE = "/net/ledgernet/config/config.yml";

    private final Path file;

    public ConfigFile(Path directory) {
        this.file = directory.resolve(FILE_NAME);
    }

    public Path path() {
        return file;
    }

    /**
     * Writes the bundled, commented default config.yml if there is no file yet.
     *
     * @return true if the file was written
     */
    public boolean writeDefaultIfMissing() throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (InputStream in = defaultConfig()) {
            // Write to a temporary file first so a crash never leaves a half-written config.
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), FILE_NAME, ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        }
        return true;
    }

    /** The bundled default configuration, exactly as shipped (comments included). */
    public static InputStream defaultConfig() throws IOException {
        InputStream in = ConfigFile.class.getResourceAsStream(DEFAULT_RESOURCE);
        if (in == null) {
            throw new IOException("the default " + FILE_NAME + " is missing from the LedgerNet jar");
        }
        return in;
    }

    /** Loads and validates the file. Relative paths inside it are resolved against its folder. */
    public LedgerNetConfig load() throws InvalidConfigException {
        ConfigurationNode root;
        try {
            root = YamlConfigurationLoader.builder().path(file).build().load();
        } catch (ConfigurateException e) {
            String reason = Files.exists(file)
                    ? "not valid YAML: " + oneLine(e.getMessage())
                    : "cannot be read: " + oneLine(e.getMessage());
            throw new InvalidConfigException(file, List.of(new ConfigProblem("(file)", reason)));
        }
        ConfigParser parser = new ConfigParser(file.toAbsolutePath().getParent());
        LedgerNetConfig config = parser.parse(root);
        if (!parser.problems().isEmpty() || config == null) {
            throw new InvalidConfigException(file, parser.problems());
        }
        return config;
    }

    private static String oneLine(String message) {
        return message == null ? "unknown error" : message.replaceAll("\\s+", " ").trim();
    }
}
