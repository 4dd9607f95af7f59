package net.ledgernet.storage;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.Method;

/**
 * HikariCP logs every pool's start and shutdown at INFO ("Starting...", "Added connection",
 * "Start completed.", "Shutdown initiated...", ...): six lines on each /lgn reload, under HikariCP's own
 * logger names rather than LedgerNet's. LedgerNet reports the databases itself, so HikariCP's loggers (the
 * package as shipped, relocated in the plugin jars, so no other plugin's copy is touched) are set to
 * warnings only, in whichever logging backend the proxy binds SLF4J to: java.util.logging (BungeeCord)
 * or Log4j 2 (Velocity). Its warnings and errors still show, under pool names starting with LedgerNet-.
 */
final class PoolLogging {
    /** java.util.logging holds loggers weakly: a level set on a logger nobody references is lost. */
    private static volatile java.util.logging.Logger julLogger;
    private static volatile boolean done;

    private PoolLogging() {
    }

    /** The logger name of HikariCP's package, as shipped. */
    static String hikariPackage() {
        return HikariDataSource.class.getPackageName();
    }

    /** Once per JVM; never fails (a backend it cannot reach keeps its own level). */
    static synchronized void quiet() {
        if (done) {
            return;
        }
        done = true;
        String name = hikariPackage();
        try {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            logger.setLevel(java.util.logging.Level.WARNING);
            julLogger = logger;
        } catch (RuntimeException e) {
            // not the proxy's logging backend; nothing to do
        }
        try {
            Class<?> level = Class.forName("org.apache.logging.log4j.Level", false, PoolLogging.class.getClassLoader());
            Class<?> configurator = Class.forName("org.apache.logging.log4j.core.config.Configurator", true,
                    PoolLogging.class.getClassLoader());
            Method setLevel = configurator.getMethod("setLevel", String.class, level);
            setLevel.invoke(null, name, level.getField("WARN").get(null));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // no Log4j 2 core here (BungeeCord, the CLI): java.util.logging above, or slf4j-simple's own file
        }
    }
}
