package net.ledgernet.bungee;

import net.ledgernet.platform.InstallNotice;

/** The jar's Main-Class: {@code java -jar LedgerNet-Bungee-*.jar} says where the jar goes and exits 0. */
public final class InstallNoticeMain {
    /** BungeeCord names a plugin's folder after its name (bungee.yml). */
    static final String DATA_FOLDER = "plugins/LedgerNet";

    private InstallNoticeMain() {
    }

    public static void main(String[] args) {
        System.out.print(InstallNotice.text("BungeeCord/Waterfall", DATA_FOLDER));
    }
}
