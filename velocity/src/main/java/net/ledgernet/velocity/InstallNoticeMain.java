package net.ledgernet.velocity;

import net.ledgernet.platform.InstallNotice;

/** The jar's Main-Class: {@code java -jar LedgerNet-Velocity-*.jar} says where the jar goes and exits 0. */
public final class InstallNoticeMain {
    /** Velocity names a plugin's folder after its id (velocity-plugin.json). */
    static final String DATA_FOLDER = "plugins/ledgernet";

    private InstallNoticeMain() {
    }

    public static void main(String[] args) {
        System.out.print(InstallNotice.text("Velocity", DATA_FOLDER));
    }
}
