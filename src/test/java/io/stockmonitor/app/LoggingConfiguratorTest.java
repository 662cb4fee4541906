package io.stockmonitor.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggingConfiguratorTest {
    @TempDir
    Path dir;

    @Test
    void logsToTheFileInTheLogDirectoryWithJettyAtWarn() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // logback's service provider does this for the real one
        try {
            LoggingConfigurator.configure(context, dir.resolve("logs"));
            context.getLogger("io.stockmonitor.x").info("hello from the test");
            context.getLogger("org.eclipse.jetty.io").info("jetty chatter");
            context.getLogger("org.eclipse.jetty.io").warn("jetty trouble");

            Path file = dir.resolve("logs/stock-monitor.log");
            assertThat(file).exists();
            String text = Files.readString(file);
            assertThat(text).contains("INFO  [main] io.stockmonitor.x - hello from the test")
                    .contains("jetty trouble").doesNotContain("jetty chatter");
            assertThat(context.getLogger("org.eclipse.jetty").getLevel()).isEqualTo(Level.WARN);
            assertThat(context.getStatusManager().getCopyOfStatusList())
                    .noneMatch(s -> s.getLevel() >= ch.qos.logback.core.status.Status.WARN);
        } finally {
            context.stop();
        }
    }

    @Test
    void isFoundByLogbackAndLeavesTheTestsOwnConfigurationAlone() {
        LoggingConfigurator found = ServiceLoader.load(Configurator.class).stream()
                .map(ServiceLoader.Provider::get).filter(LoggingConfigurator.class::isInstance)
                .map(LoggingConfigurator.class::cast).findFirst().orElseThrow();
        LoggerContext context = new LoggerContext();
        found.setContext(context);
        // logback-test.xml is on the test class path, so the tests' configuration must win.
        assertThat(found.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger("ROOT").iteratorForAppenders().hasNext()).isFalse();
    }
}
