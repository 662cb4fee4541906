package io.stockmonitor.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering the architecture relies on, checked on every build. */
@AnalyzeClasses(packages = "io.stockmonitor", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule headlessPackagesNeverTouchJavaFx = noClasses()
            .that().resideInAnyPackage("io.stockmonitor.protocol..", "io.stockmonitor.feed..",
                    "io.stockmonitor.source..", "io.stockmonitor.market..", "io.stockmonitor.simulator..",
                    "io.stockmonitor.relay..", "io.stockmonitor.cluster..", "io.stockmonitor.indicators..",
                    "io.stockmonitor.alerts..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..")
            .because("feed, sources, market, protocol, indicators, alerts and the feed server run and are tested "
                    + "headless");

    @ArchTest
    static final ArchRule indicatorsStandAlone = noClasses()
            .that().resideInAPackage("io.stockmonitor.indicators..")
            .should().dependOnClassesThat().resideInAnyPackage("io.stockmonitor.app..", "io.stockmonitor.feed..",
                    "io.stockmonitor.source..", "io.stockmonitor.market..", "io.stockmonitor.ui..",
                    "io.stockmonitor.chart..", "io.stockmonitor.simulator..", "io.stockmonitor.relay..",
                    "io.stockmonitor.cluster..")
            .because("indicators compute from bar columns alone, so any chart or tool can use them");

    @ArchTest
    static final ArchRule theServerNeverImportsUiCode = noClasses()
            .that().resideInAnyPackage("io.stockmonitor.simulator..", "io.stockmonitor.relay..",
                    "io.stockmonitor.cluster..")
            .should().dependOnClassesThat().resideInAnyPackage("io.stockmonitor.app..", "io.stockmonitor.ui..",
                    "io.stockmonitor.chart..", "io.stockmonitor.indicators..", "io.stockmonitor.alerts..")
            .because("feed-simulator.jar is the server: the protocol, the server and the headless feed client it "
                    + "relays with, never the app or its screens");

    @ArchTest
    static final ArchRule theServersPartsKnowNothingOfItsCore = noClasses()
            .that().resideInAnyPackage("io.stockmonitor.relay..", "io.stockmonitor.cluster..")
            .should().dependOnClassesThat().resideInAPackage("io.stockmonitor.simulator..")
            .because("the core (simulator) wires the relay and the shared history; they hand it what it asks for");

    @ArchTest
    static final ArchRule theSharedHistoryIsRedisAlone = noClasses()
            .that().resideInAPackage("io.stockmonitor.cluster..")
            .should().dependOnClassesThat().resideInAnyPackage("io.stockmonitor.feed..", "io.stockmonitor.source..",
                    "io.stockmonitor.market..", "io.stockmonitor.relay..");

    @ArchTest
    static final ArchRule theClientNeverDependsOnTheServer = noClasses()
            .that().resideInAnyPackage("io.stockmonitor.protocol..", "io.stockmonitor.feed..",
                    "io.stockmonitor.source..", "io.stockmonitor.market..")
            .should().dependOnClassesThat().resideInAnyPackage("io.stockmonitor.simulator..",
                    "io.stockmonitor.relay..", "io.stockmonitor.cluster..");

    @ArchTest
    static final ArchRule alertsDoNotKnowTheScreen = noClasses()
            .that().resideInAPackage("io.stockmonitor.alerts..")
            .should().dependOnClassesThat().resideInAnyPackage("io.stockmonitor.ui..", "io.stockmonitor.chart..",
                    "io.stockmonitor.app..")
            .because("alerts are evaluated on the feed thread, in the window and headless alike");

    @ArchTest
    static final ArchRule theFeedAndTheMarketKnowNoAlerts = noClasses()
            .that().resideInAnyPackage("io.stockmonitor.feed..", "io.stockmonitor.market..",
                    "io.stockmonitor.source..")
            .should().dependOnClassesThat().resideInAPackage("io.stockmonitor.alerts..")
            .because("alerts plug into the feed's output as a trade listener");

    @ArchTest
    static final ArchRule protocolDependsOnNothingOfOurs = noClasses()
            .that().resideInAPackage("io.stockmonitor.protocol..")
            .should().dependOnClassesThat().resideInAnyPackage("io.stockmonitor.app..", "io.stockmonitor.feed..",
                    "io.stockmonitor.source..", "io.stockmonitor.market..", "io.stockmonitor.ui..",
                    "io.stockmonitor.chart..", "io.stockmonitor.simulator..");

    @ArchTest
    static final ArchRule marketDoesNotKnowTheFeedOrTheScreen = noClasses()
            .that().resideInAPackage("io.stockmonitor.market..")
            .should().dependOnClassesThat().resideInAnyPackage("io.stockmonitor.feed..", "io.stockmonitor.ui..",
                    "io.stockmonitor.chart..", "io.stockmonitor.app..");

    @ArchTest
    static final ArchRule theFeedLayerKnowsNoSource = noClasses()
            .that().resideInAPackage("io.stockmonitor.feed..")
            .should().dependOnClassesThat().resideInAnyPackage("io.stockmonitor.source..", "io.stockmonitor.ui..",
                    "io.stockmonitor.chart..", "io.stockmonitor.app..")
            .because("the connection supervisor is shared by every source; sources plug into it");

    @ArchTest
    static final ArchRule sourcesDoNotKnowTheScreen = noClasses()
            .that().resideInAPackage("io.stockmonitor.source..")
            .should().dependOnClassesThat().resideInAnyPackage("io.stockmonitor.ui..", "io.stockmonitor.chart..",
                    "io.stockmonitor.app..");

    @ArchTest
    static final ArchRule chartIsAReusableControl = noClasses()
            .that().resideInAPackage("io.stockmonitor.chart..")
            .should().dependOnClassesThat().resideInAnyPackage("io.stockmonitor.feed..", "io.stockmonitor.ui..",
                    "io.stockmonitor.app..")
            .because("the chart draws numbers it is given; the UI feeds it");

    @ArchTest
    static final ArchRule nothingDependsOnTheApp = noClasses()
            .that().resideOutsideOfPackage("io.stockmonitor.app..")
            .should().dependOnClassesThat().resideInAPackage("io.stockmonitor.app..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule noPlatformRunLaterOutsideUiAndApp = noClasses()
            .that().resideOutsideOfPackages("io.stockmonitor.ui..", "io.stockmonitor.app..",
                    "io.stockmonitor.chart..")
            .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class);
}
