package io.stockmonitor.app;

import io.stockmonitor.ui.ProcessStart;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the window with JavaFX as named modules, the only configuration JavaFX supports.
 *
 * <p>{@code java -jar stock-monitor.jar} puts everything on the class path, and JavaFX then greets every launch
 * with "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'". A jar's manifest cannot name
 * a module path, so the window mode runs the same command once more in a child JVM, with the JavaFX jars it was
 * given on {@code --module-path}, and passes through its streams and exit code. The installed app needs none of
 * this: its runtime was linked with the JavaFX modules (packaging/build-installers.sh), so they are already named
 * and no second JVM starts. Headless runs never load JavaFX and never relaunch.
 */
final class JavaFxModuleLaunch {
    private static final Logger LOG = LoggerFactory.getLogger(JavaFxModuleLaunch.class);
    /** Set in the child so it can never relaunch again, whatever it finds. */
    static final String RELAUNCHED = "stockmonitor.javafxRelaunched";
    private static final String MODULES = "javafx.controls,javafx.fxml";
    /** One class per JavaFX module the window needs: where each is found is that module's jar. */
    private static final List<String> MODULE_CLASSES = List.of("javafx/beans/Observable.class",
            "javafx/application/Application.class", "javafx/scene/control/Control.class",
            "javafx/fxml/FXMLLoader.class");

    private JavaFxModuleLaunch() {
    }

    /** True when JavaFX already runs as named modules (the installed app, or a module-path launch). */
    static boolean javafxIsNamed() {
        return ModuleLayer.boot().findModule("javafx.graphics").isPresent();
    }

    /**
     * The child command that runs {@code args} with JavaFX on the module path, or empty when this JVM should open
     * the window itself: JavaFX is already named, this is the child, or the JavaFX module jars cannot be found (then
     * the window still opens, with JavaFX's warning).
     */
    static Optional<List<String>> command(String[] args, long launchStartMs) {
        if (javafxIsNamed() || Boolean.getBoolean(RELAUNCHED)) {
            return Optional.empty();
        }
        Optional<List<Path>> jars = moduleJars(JavaFxModuleLaunch.class.getClassLoader());
        if (jars.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-D" + RELAUNCHED + "=true");
        command.add("-D" + ProcessStart.LAUNCH_START + "=" + launchStartMs);
        command.add("--module-path");
        command.add(String.join(File.pathSeparator, jars.get().stream().map(Path::toString).toList()));
        command.add("--add-modules");
        command.add(MODULES);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Launcher.class.getName());
        command.addAll(List.of(args));
        return Optional.of(command);
    }

    /**
     * The jars that hold the JavaFX modules the window needs, each a real module (Maven's classifier-less
     * {@code javafx-*.jar} are empty placeholders whose automatic module names would clash with the real ones).
     */
    static Optional<List<Path>> moduleJars(ClassLoader loader) {
        Set<Path> jars = new LinkedHashSet<>();
        for (String resource : MODULE_CLASSES) {
            Optional<Path> jar = jarOf(loader.getResource(resource));
            if (jar.isEmpty() || !isJavafxModule(jar.get())) {
                return Optional.empty();
            }
            jars.add(jar.get());
        }
        return Optional.of(List.copyOf(jars));
    }

    /**
     * Runs the child with this process's streams; returns its exit code, or empty if it could not start (then the
     * window opens in this JVM). A stop of this JVM stops the child.
     */
    static OptionalInt run(List<String> command) throws InterruptedException {
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (java.io.IOException e) {
            LOG.warn("Could not start JavaFX on the module path ({}); opening the window here", e.toString());
            return OptionalInt.empty();
        }
        Thread stopChild = new Thread(() -> {
            child.destroy();
            try {
                child.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-window-process");
        Runtime.getRuntime().addShutdownHook(stopChild);
        int code = child.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stopChild);
        } catch (IllegalStateException alreadyStopping) {
            // This JVM is exiting anyway; the hook stops a child that has stopped already.
        }
        return OptionalInt.of(code);
    }

    private static Optional<Path> jarOf(URL resource) {
        if (resource == null || !"jar".equals(resource.getProtocol())) {
            return Optional.empty();
        }
        String spec = resource.getPath();
        int bang = spec.indexOf("!/");
        if (bang < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(URI.create(spec.substring(0, bang))));
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    private static boolean isJavafxModule(Path jar) {
        try {
            Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
            return found.size() == 1 && found.stream().allMatch(m -> !m.descriptor().isAutomatic()
                    && m.descriptor().name().startsWith("javafx."));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
