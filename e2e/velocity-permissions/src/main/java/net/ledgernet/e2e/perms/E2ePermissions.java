package net.ledgernet.e2e.perms;

import com.google.inject.Inject;
import com.velocitypowered.api.event.Subscribe;
import com.velocitypowered.api.event.permission.PermissionsSetupEvent;
import com.velocitypowered.api.permission.PermissionFunction;
import com.velocitypowered.api.permission.Tristate;
import com.velocitypowered.api.plugin.annotation.DataDirectory;
import com.velocitypowered.api.proxy.Player;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Grants permission nodes to players for LedgerNet's end-to-end tests. The file
 * {@code plugins/e2e-permissions/permissions.txt} holds one line per player:
 * {@code <username> <node> <node> ...}; a node ending in {@code .*} grants everything below it and
 * {@code *} grants everything. Players not listed get UNDEFINED for every node (Velocity's default).
 * The file is re-read at every login, so a test can change grants between connections.
 */
public final class E2ePermissions {
  private final Path dataDirectory;

  @Inject
  public E2ePermissions(@DataDirectory Path dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  @Subscribe
  public void onPermissionsSetup(PermissionsSetupEvent event) {
    if (!(event.getSubject() instanceof Player player)) {
      return;
    }
    Set<String> nodes = read().getOrDefault(player.getUsername().toLowerCase(Locale.ROOT), Set.of());
    PermissionFunction function = permission -> granted(nodes, permission) ? Tristate.TRUE : Tristate.UNDEFINED;
    event.setProvider(subject -> function);
  }

  static boolean granted(Set<String> nodes, String permission) {
    String p = permission.toLowerCase(Locale.ROOT);
    if (nodes.contains("*") || nodes.contains(p)) {
      return true;
    }
    for (String n : nodes) {
      if (n.endsWith(".*") && p.startsWith(n.substring(0, n.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  private Map<String, Set<String>> read() {
    Map<String, Set<String>> grants = new HashMap<>();
    Path file = dataDirectory.resolve("permissions.txt");
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] words = line.trim().split("[\\s,:]+");
        if (words.length < 2 || words[0].startsWith("#")) {
          continue;
        }
        Set<String> nodes = grants.computeIfAbsent(words[0].toLowerCase(Locale.ROOT), k -> new HashSet<>());
        for (int i = 1; i < words.length; i++) {
          nodes.add(words[i].toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      System.err.println("[e2e-permissions] cannot read " + file + ": " + e);
    }
    return grants;
  }
}
