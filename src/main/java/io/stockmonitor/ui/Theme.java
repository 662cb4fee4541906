package io.stockmonitor.ui;

import io.stockmonitor.ui.settings.Settings;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/** The two looks: AtlantaFX Primer dark (default) or light, under the app's own stylesheets. */
public enum Theme {
    DARK(Settings.DARK), LIGHT(Settings.LIGHT);

    private final String id;

    Theme(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Theme of(String id) {
        return Settings.LIGHT.equalsIgnoreCase(id) ? LIGHT : DARK;
    }

    /** Installs the theme's base stylesheet for the whole application (FX thread). */
    public void install() {
        String css = this == DARK ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet();
        Application.setUserAgentStylesheet(css);
    }

    /** Root style class ("dark" or "light"): the chart's stylesheet and the app's pick their palette by it. */
    public String styleClass() {
        return id;
    }
}
