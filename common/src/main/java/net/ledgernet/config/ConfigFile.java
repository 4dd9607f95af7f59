package net.ledgernet.config;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
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
            ConfigProblem problem = Files.exists(file)
                    ? syntaxProblem(e)
                    : new ConfigProblem("(file)", "cannot be read: " + oneLine(e.getMessage()));
            throw new InvalidConfigException(file, List.of(problem));
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

    // --- YAML syntax errors ---

    /**
     * Where SnakeYAML stopped and why, as {@code config.yml line 12, column 3: ...} (the problem's key is
     * the file and position). Configurate wraps the parser's exception as "Unknown error occurred while
     * loading"; the position is in its cause.
     */
    private ConfigProblem syntaxProblem(ConfigurateException e) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException unreadable) {
            lines = List.of();
        }
        Throwable deepest = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            Optional<YamlError> error = YamlError.of(t);
            if (error.isPresent()) {
                return describe(error.get(), lines);
            }
            deepest = t;
        }
        return new ConfigProblem("(file)", (deepest instanceof IOException ? "cannot be read: " : "not valid YAML: ")
                + oneLine(deepest.getMessage()));
    }

    private ConfigProblem describe(YamlError error, List<String> lines) {
        String problem = error.problem() == null ? "" : error.problem();
        String context = error.context() == null ? "" : error.context();
        Position at = error.problemAt();
        Position opened = error.contextAt();
        // SnakeYAML counts a tab as one column of indentation; where that breaks the structure, say so.
        Optional<Position> tab = tabIndent(lines, at.line());
        if (tab.isEmpty() && opened != null) {
            tab = tabIndent(lines, opened.line());
        }
        if (tab.isPresent()) {
            return at(tab.get(), TAB_MESSAGE);
        }
        boolean endOfFile = problem.contains("end of stream") || problem.contains("<stream end>");
        if (opened != null && endOfFile && context.contains("quoted scalar")) {
            return at(opened, "this quoted value is never closed; add the closing quote");
        }
        if (opened != null && endOfFile && context.contains("flow sequence")) {
            return at(opened, "this [ list is never closed; add the closing ]");
        }
        if (opened != null && endOfFile && context.contains("flow mapping")) {
            return at(opened, "this { map is never closed; add the closing }");
        }
        boolean indentation = problem.contains("expected <block end>") || problem.contains("mapping values are not allowed");
        if (indentation) {
            for (int line = at.line() - 1; line >= 1 && line >= (opened == null ? 1 : opened.line()); line--) {
                tab = tabIndent(lines, line);
                if (tab.isPresent()) {
                    return at(tab.get(), TAB_MESSAGE);
                }
            }
        }
        if (problem.contains("expected <block end>")) {
            return at(at, "the indentation of this line matches no key above it");
        }
        if (problem.contains("mapping values are not allowed")) {
            return at(at, "unexpected ':'; this line may be indented too far, or a value containing ': ' needs quotes");
        }
        String reason = problem.isEmpty() ? context : problem;
        if (!context.isEmpty() && !problem.isEmpty() && opened != null) {
            reason += " (" + context + " at line " + opened.line() + ", column " + opened.column() + ")";
        }
        return at(at, oneLine(reason.isEmpty() ? "not valid YAML" : reason));
    }

    private static final String TAB_MESSAGE = "found a tab character where an indent is expected; indent with spaces";

    private ConfigProblem at(Position position, String reason) {
        return new ConfigProblem(file.getFileName() + " line " + position.line() + ", column " + position.column(), reason);
    }

    /** The first tab in a line's indentation (1-based line and column), when the line holds more than a comment. */
    private static Optional<Position> tabIndent(List<String> lines, int line) {
        if (line < 1 || line > lines.size()) {
            return Optional.empty();
        }
        String text = lines.get(line - 1);
        int content = 0;
        while (content < text.length() && (text.charAt(content) == ' ' || text.charAt(content) == '\t')) {
            content++;
        }
        int tab = text.indexOf('\t');
        if (tab < 0 || tab >= content || content == text.length() || text.charAt(content) == '#') {
            return Optional.empty();
        }
        return Optional.of(new Position(line, tab + 1));
    }

    /** A 1-based line and column. */
    private record Position(int line, int column) {
    }

    /**
     * SnakeYAML's MarkedYAMLException, read reflectively: SnakeYAML is Configurate's runtime dependency
     * (not on LedgerNet's compile classpath), and relocated in the BungeeCord jar.
     */
    private record YamlError(String problem, Position problemAt, String context, Position contextAt) {
        static Optional<YamlError> of(Throwable t) {
            try {
                Method problemMark = t.getClass().getMethod("getProblemMark");
                Position at = position(problemMark.invoke(t));
                if (at == null) {
                    return Optional.empty();
                }
                return Optional.of(new YamlError((String) t.getClass().getMethod("getProblem").invoke(t), at,
                        (String) t.getClass().getMethod("getContext").invoke(t),
                        position(t.getClass().getMethod("getContextMark").invoke(t))));
            } catch (ReflectiveOperationException | RuntimeException notSnakeYaml) {
                return Optional.empty();
            }
        }

        private static Position position(Object mark) throws ReflectiveOperationException {
            if (mark == null) {
                return null;
            }
            int line = (int) mark.getClass().getMethod("getLine").invoke(mark);
            int column = (int) mark.getClass().getMethod("getColumn").invoke(mark);
            return new Position(line + 1, column + 1);
        }
    }
}
