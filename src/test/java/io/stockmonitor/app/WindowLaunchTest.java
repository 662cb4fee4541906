package io.stockmonitor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How the window starts: one plain line when there is no display (never JavaFX's stack trace), and JavaFX on the
 * module path when the launch put it on the class path.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WindowLaunchTest {

    @Test
    void withoutADisplayTheLauncherSaysSoInOneLineAndPointsToHeadless() throws Exception {
        Path home = Path.of(System.getProperty("stockmonitor.home", "target/test-home")).toAbsolutePath();
        Files.createDirectories(home);
        Path stderr = Files.createTempFile(home, "nodisplay", ".err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx256m", "-Dstockmonitor.home=" + home,
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        pb.environment().remove("DISPLAY");
        Process p = pb.start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).isEqualTo(AppModes.NO_DISPLAY);
        List<String> err = Files.readAllLines(stderr, StandardCharsets.UTF_8);
        assertThat(err).hasSize(1);
        assertThat(err.get(0)).startsWith("stock-monitor: cannot open a window: there is no display")
                .contains("--headless");
    }

    @Test
    void onlyX11SystemsWithoutDisplayAreRefused() {
        assertThat(DisplayCheck.problem(Map.of(), "Linux", null)).isPresent();
        assertThat(DisplayCheck.problem(Map.of("DISPLAY", " "), "Linux", null)).isPresent();
        assertThat(DisplayCheck.problem(Map.of("DISPLAY", ":0"), "Linux", null)).isEmpty();
        assertThat(DisplayCheck.problem(Map.of(), "Linux", "Monocle")).isEmpty();
        assertThat(DisplayCheck.problem(Map.of(), "Windows 11", null)).isEmpty();
        assertThat(DisplayCheck.problem(Map.of(), "Mac OS X", null)).isEmpty();
    }

    @Test
    void aDisplayThatCannotBeOpenedIsRecognised() {
        RuntimeException gtk = new UnsupportedOperationException("Unable to open DISPLAY");
        assertThat(DisplayCheck.isDisplayFailure(new RuntimeException("launch", gtk))).isTrue();
        assertThat(DisplayCheck.isDisplayFailure(new IllegalStateException("no FXML"))).isFalse();
    }

    @Test
    void theJavaFxModuleJarsAreTheRealModulesNotMavensPlaceholders() {
        List<Path> jars = JavaFxModuleLaunch.moduleJars(getClass().getClassLoader()).orElseThrow();
        assertThat(jars).hasSize(4).allSatisfy(j -> assertThat(j.getFileName().toString()).startsWith("javafx-"));
        assertThat(jars).extracting(j -> java.lang.module.ModuleFinder.of(j).findAll().iterator().next()
                .descriptor().name())
                .containsExactlyInAnyOrder("javafx.base", "javafx.graphics", "javafx.controls", "javafx.fxml");
    }

    @Test
    void aClassPathLaunchRunsItselfAgainWithJavaFxOnTheModulePath() {
        // The tests run JavaFX from the class path, as java -jar does.
        assertThat(JavaFxModuleLaunch.javafxIsNamed()).isFalse();
        List<String> command = JavaFxModuleLaunch.command(new String[] {"--symbols", "AAPL"}, 1234L).orElseThrow();
        assertThat(command).containsSubsequence("--module-path", "--add-modules", "javafx.controls,javafx.fxml",
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "--symbols", "AAPL");
        assertThat(command).contains("-D" + JavaFxModuleLaunch.RELAUNCHED + "=true",
                "-Dstockmonitor.launchStartMs=1234");
    }
}
