package net.ledgernet.dimension;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-backend dimension ids and their network-wide ids, both ways.
 *
 * <p>A network id comes from an explicit override, or else from the template, where
 * {@code {backend}} is the backend name (lower-cased) and {@code {dimension}} is the local id
 * written as a path: {@code minecraft:overworld -> overworld}, {@code mymod:sky -> mymod/sky}, and
 * {@code minecraft:a/b -> minecraft/a/b} (so that it cannot collide with {@code a:b}). The mapping is
 * injective by construction: {@code {backend}} must be followed by {@code :} or {@code /}, which no
 * backend name contains. Overrides are checked against each other and against the default ids of
 * the vanilla dimensions by {@link #validate}; other dimensions are only known once a backend's
 * worlds are read.
 */
public final class DimensionMap {
    public static final String BACKEND = "{backend}";
    public static final String DIMENSION = "{dimension}";
    /** Dimensions every backend has, so an override may not take their default network id. */
    public static final List<String> VANILLA_DIMENSIONS =
            List.of("minecraft:overworld", "minecraft:the_nether", "minecraft:the_end");

    private final String template;
    private final Map<String, String> namespaceByBackend;
    /** backend -> the template's text before and after {dimension}, with {backend} filled in. */
    private final Map<String, String[]> affixes;
    /** backend -> local -> network */
    private final Map<String, Map<String, String>> overrides;
    /** network -> (backend, local), for overrides only */
    private final Map<String, Dimension> overriddenByNetworkId;

    /** A dimension of one backend. */
    public record Dimension(String backend, String localId) {
    }

    private DimensionMap(String template, List<String> backends, Map<String, Map<String, String>> overrides) {
        this.template = template;
        this.namespaceByBackend = new HashMap<>();
        this.affixes = new HashMap<>();
        for (String backend : backends) {
            namespaceByBackend.put(backend, backend.toLowerCase(Locale.ROOT));
            affixes.put(backend, affixes(template, backend.toLowerCase(Locale.ROOT)));
        }
        this.overrides = Map.copyOf(overrides);
        this.overriddenByNetworkId = new HashMap<>();
        overrides.forEach((backend, map) -> map.forEach(
                (local, network) -> overriddenByNetworkId.putIfAbsent(network, new Dimension(backend, local))));
    }

    /**
     * Builds the map after checking it, reporting each problem with the config key it is about.
     *
     * @param problems receives (key, reason) pairs; the map is only usable if none were added
     */
    public static DimensionMap validate(
            String template,
            List<String> backends,
            Map<String, Map<String, String>> overrides,
            String templateKey,
            String overridesKey,
            ProblemSink problems) {
        boolean templateOk = checkTemplate(template, backends, templateKey, problems);
        DimensionMap map = new DimensionMap(template, backends, overrides);
        Map<String, String> seen = new HashMap<>();
        overrides.forEach((backend, locals) -> locals.forEach((local, network) -> {
            String key = overridesKey + "." + backend + ".\"" + local + "\"";
            if (!backends.contains(backend)) {
                problems.add(overridesKey + "." + backend, "unknown backend (not listed under backends)");
                return;
            }
            if (!isIdentifier(local)) {
                problems.add(key, "'" + local + "' is not a valid dimension identifier (namespace:path, lower case)");
                return;
            }
            if (!isIdentifier(network)) {
                problems.add(key, "'" + network + "' is not a valid identifier (namespace:path, lower case a-z 0-9 _ . - /)");
                return;
            }
            String earlier = seen.putIfAbsent(network, backend + " " + local);
            if (earlier != null) {
                problems.add(key, "duplicate network dimension id '" + network + "' (also used for " + earlier + ")");
                return;
            }
            if (templateOk) {
                // Only dimensions known to exist can be checked here; the vanilla three exist everywhere.
                Optional<Dimension> byTemplate = map.parseTemplate(network);
                if (byTemplate.isPresent()
                        && VANILLA_DIMENSIONS.contains(byTemplate.get().localId())
                        && !byTemplate.get().equals(new Dimension(backend, local))
                        && !map.isOverridden(byTemplate.get())) {
                    problems.add(key, "duplicate network dimension id '" + network + "': it is also what "
                            + byTemplate.get().localId() + " on " + byTemplate.get().backend() + " gets by default");
                }
            }
        }));
        return map;
    }

    /** Receives validation problems. */
    @FunctionalInterface
    public interface ProblemSink {
        void add(String key, String reason);
    }

    private static boolean checkTemplate(String template, List<String> backends, String key, ProblemSink problems) {
        int b = template.indexOf(BACKEND);
        int d = template.indexOf(DIMENSION);
        if (b < 0 || d < 0 || template.indexOf(BACKEND, b + 1) >= 0 || template.indexOf(DIMENSION, d + 1) >= 0) {
            problems.add(key, "must contain {backend} and {dimension} exactly once each, e.g. \"{backend}:{dimension}\"");
            return false;
        }
        int after = b + BACKEND.length();
        if (after >= template.length() || (template.charAt(after) != ':' && template.charAt(after) != '/')) {
            problems.add(key, "{backend} must be followed by ':' or '/' so that network ids of different backends cannot collide");
            return false;
        }
        for (String backend : backends) {
            for (String sample : List.of("minecraft:overworld", "mymod:sky")) {
                String rendered = render(template, backend.toLowerCase(Locale.ROOT), sample);
                if (!isIdentifier(rendered)) {
                    problems.add(key, "gives '" + rendered + "' for " + sample + " on backend " + backend
                            + ", which is not a valid identifier (backend names used here may only contain a-z 0-9 _ . -)");
                    return false;
                }
            }
        }
        return true;
    }

    /** The network id of a backend's dimension. */
    public String toNetwork(String backend, String localId) {
        Map<String, String> backendOverrides = overrides.get(backend);
        if (backendOverrides != null) {
            String network = backendOverrides.get(localId);
            if (network != null) {
                return network;
            }
        }
        String[] parts = affixes.get(backend);
        if (parts == null) {
            return render(template, backend.toLowerCase(Locale.ROOT), localId);
        }
        return parts[0] + localToPath(localId) + parts[1];
    }

    /** The template around {dimension} for one backend; computed once, since every packet uses it. */
    private static String[] affixes(String template, String backendNamespace) {
        int d = template.indexOf(DIMENSION);
        if (d < 0) {
            return new String[] {template.replace(BACKEND, backendNamespace), ""};
        }
        return new String[] {template.substring(0, d).replace(BACKEND, backendNamespace),
                template.substring(d + DIMENSION.length()).replace(BACKEND, backendNamespace)};
    }

    /** The backend dimension a network id stands for, if it is one. */
    public Optional<Dimension> toLocal(String networkId) {
        Dimension overridden = overriddenByNetworkId.get(networkId);
        if (overridden != null) {
            return Optional.of(overridden);
        }
        return parseTemplate(networkId).filter(d -> !isOverridden(d));
    }

    private boolean isOverridden(Dimension dimension) {
        Map<String, String> backendOverrides = overrides.get(dimension.backend());
        return backendOverrides != null && backendOverrides.containsKey(dimension.localId());
    }

    private Optional<Dimension> parseTemplate(String networkId) {
        for (Map.Entry<String, String[]> entry : affixes.entrySet()) {
            String prefix = entry.getValue()[0];
            String suffix = entry.getValue()[1];
            if (networkId.length() > prefix.length() + suffix.length()
                    && networkId.startsWith(prefix) && networkId.endsWith(suffix)) {
                String path = networkId.substring(prefix.length(), networkId.length() - suffix.length());
                String local = pathToLocal(path);
                if (isIdentifier(local)) {
                    return Optional.of(new Dimension(entry.getKey(), local));
                }
            }
        }
        return Optional.empty();
    }

    private static String render(String template, String backendNamespace, String localId) {
        return template.replace(BACKEND, backendNamespace).replace(DIMENSION, localToPath(localId));
    }

    private static String localToPath(String localId) {
        int colon = localId.indexOf(':');
        String namespace = colon < 0 ? "minecraft" : localId.substring(0, colon);
        String path = localId.substring(colon + 1);
        return namespace.equals("minecraft") && path.indexOf('/') < 0 ? path : namespace + "/" + path;
    }

    private static String pathToLocal(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? "minecraft:" + path : path.substring(0, slash) + ":" + path.substring(slash + 1);
    }

    /** namespace:path as Minecraft's ResourceLocation accepts it, with an explicit namespace. */
    static boolean isIdentifier(String id) {
        int colon = id.indexOf(':');
        if (colon <= 0 || colon == id.length() - 1) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean common = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
            if (i < colon ? !common : i > colon && !(common || c == '/')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DimensionMap other
                && template.equals(other.template)
                && namespaceByBackend.equals(other.namespaceByBackend)
                && overrides.equals(other.overrides);
    }

    @Override
    public int hashCode() {
        return Objects.hash(template, namespaceByBackend, overrides);
    }
}
