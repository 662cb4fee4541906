package io.stockmonitor.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;

/**
 * The app's logging set-up, found by logback through {@code META-INF/services}: stderr plus a rolling file in the
 * user's data directory (the launcher sets {@value #LOG_DIR_PROPERTY}: XDG_DATA_HOME/stock-monitor/logs on Linux,
 * %APPDATA% on Windows, ~/Library/Logs on macOS), 10 MB per file, 14 days, 200 MB in all; Jetty at WARN.
 *
 * <p>Written in Java rather than as logback.xml because reading the XML (a SAX parser and logback's configuration
 * model) took a quarter of a second of the desktop app's start-up, on the main thread before the window can open.
 * A {@code -Dlogback.configurationFile=...} still wins, as does a logback-test.xml on the class path (tests), and
 * the standalone simulator's own file.
 */
public final class LoggingConfigurator extends ContextAwareBase implements Configurator {
    static final String LOG_DIR_PROPERTY = "stockmonitor.logDir";
    static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";
    static final String FILE_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LoggingConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        String dir = System.getProperty(LOG_DIR_PROPERTY);
        configure(context, dir != null ? Path.of(dir) : Path.of(System.getProperty("java.io.tmpdir"),
                "stock-monitor-logs"));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code context} to log to stderr and to {@code logDir}/stock-monitor.log. */
    static void configure(LoggerContext context, Path logDir) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDERR");
        console.setTarget("System.err");
        console.setEncoder(encoder(context, CONSOLE_PATTERN));
        console.start();

        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(logDir.resolve("stock-monitor.log").toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(logDir.resolve("stock-monitor.%d{yyyy-MM-dd}.%i.log.gz").toString());
        rolling.setMaxFileSize(FileSize.valueOf("10MB"));
        rolling.setMaxHistory(14);
        rolling.setTotalSizeCap(FileSize.valueOf("200MB"));
        rolling.start();
        file.setRollingPolicy(rolling);
        file.setEncoder(encoder(context, FILE_PATTERN));
        file.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        root.addAppender(file);
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
