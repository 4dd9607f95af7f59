package net.ledgernet.bungee;

import net.md_5.bungee.api.plugin.Plugin;

/** BungeeCord/Waterfall entry point (named in bungee.yml). It only hands the lifecycle to {@link BungeeBootstrap}. */
public final class LedgerNetBungee extends Plugin {
    private BungeeBootstrap bootstrap;

    @Override
    public void onLoad() {
        bootstrap = new BungeeBootstrap(getProxy(), this, getDataFolder().toPath(), getLogger());
        bootstrap.load();
    }

    @Override
    public void onEnable() {
        bootstrap.enable();
    }

    @Override
    public void onDisable() {
        bootstrap.disable();
    }
}
