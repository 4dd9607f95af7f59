package net.ledgernet.bungee;

import static net.ledgernet.command.StaffNetwork.plain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import net.kyori.adventure.audience.Audience;
import net.kyori.adventure.text.Component;
import net.ledgernet.command.StaffNetwork;
import net.md_5.bungee.api.CommandSender;
import net.md_5.bungee.api.ProxyServer;
import net.md_5.bungee.api.config.ServerInfo;
import net.md_5.bungee.api.plugin.Plugin;
import net.md_5.bungee.api.plugin.PluginManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What BungeeCord's console shows for a /lgn reload run from it: LedgerNet's own lines, the reload said
 * once, and no HikariCP INFO chatter ("Starting...", "Start completed.", "Shutdown initiated...") from
 * the pools that open and close. SLF4J is bound to java.util.logging here, as in the plugin jar.
 */
class ReloadLogTest {
    @TempDir
    Path dataDirectory;

    private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private BungeeBootstrap bootstrap;

    @AfterEach
    void tearDown() {
        if (bootstrap != null) {
            bootstrap.disable();
        }
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void aReloadIsSaidOnceAndHikariCpKeepsItsInfoLinesToItself() throws Exception {
        Logger.getLogger("").addHandler(capture);
        Logger.getLogger("").setLevel(Level.ALL);
        ProxyServer proxy = mock(ProxyServer.class);
        when(proxy.getPluginManager()).thenReturn(mock(PluginManager.class));
        when(proxy.getServers()).thenReturn(Map.of("survival", mock(ServerInfo.class), "creative",
                mock(ServerInfo.class), "lobby", mock(ServerInfo.class)));
        Logger pluginLogger = Logger.getLogger("LedgerNet-test");
        List<Component> console = Collections.synchronizedList(new ArrayList<>());
        StaffNetwork.write(dataDirectory, StaffNetwork.config("", ""));
        bootstrap = new BungeeBootstrap(proxy, mock(Plugin.class), dataDirectory, pluginLogger,
                p -> sender -> new Audience() {
                    @Override
                    public void sendMessage(Component message) {
                        console.add(message);
                    }
                });
        bootstrap.load();
        bootstrap.enable();
        CommandSender sender = mock(CommandSender.class);
        when(sender.hasPermission(anyString())).thenReturn(true);
        // Searches make the pools open connections; reloads close them and open new ones.
        bootstrap.command().run(sender, new String[] {"search", "action:block-break"}).join();
        for (int i = 0; i < 2; i++) {
            bootstrap.command().run(sender, new String[] {"reload"}).join();
            bootstrap.command().run(sender, new String[] {"search", "action:block-break"}).join();
        }
        bootstrap.disable();
        bootstrap = null;

        List<String> hikari = records.stream().filter(r -> r.getLoggerName() != null
                        && r.getLoggerName().startsWith("com.zaxxer.hikari") && r.getLevel().intValue() < Level.WARNING.intValue())
                .map(r -> r.getLoggerName() + ": " + r.getMessage()).toList();
        assertThat(hikari).as("HikariCP lines below WARNING").isEmpty();
        List<String> reloadLines = new ArrayList<>();
        records.stream().filter(r -> "LedgerNet-test".equals(r.getLoggerName())).map(LogRecord::getMessage)
                .filter(m -> m.contains("Reloaded")).forEach(reloadLines::add);
        synchronized (console) {
            console.stream().map(c -> plain(c)).filter(l -> l.contains("Reloaded")).forEach(reloadLines::add);
        }
        assertThat(reloadLines).containsExactly("[LedgerNet] Reloaded config.yml: 3 backend(s).",
                "[LedgerNet] Reloaded config.yml: 3 backend(s).");
    }
}
