package io.stockmonitor.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The command lines for each platform: arguments, never a shell; AppleScript strings escaped. */
class PlatformNotifierTest {

    @Test
    void notifySendGetsTheTextAsArgumentsAfterTheOptions() {
        List<String> argv = PlatformNotifier.command(PlatformNotifier.Kind.NOTIFY_SEND, "/usr/bin/notify-send",
                "-AAPL>190", "AAPL crossed above 190 at 190.05; rm -rf /");
        assertThat(argv).containsExactly("/usr/bin/notify-send", "--app-name=Stock Monitor", "--urgency=normal",
                "--expire-time=8000", "--", "-AAPL>190", "AAPL crossed above 190 at 190.05; rm -rf /");
    }

    @Test
    void osascriptGetsEscapedStrings() {
        List<String> argv = PlatformNotifier.command(PlatformNotifier.Kind.OSASCRIPT, "/usr/bin/osascript",
                "AAPL>190", "say \"hi\" \\ done");
        assertThat(argv.get(2)).isEqualTo("display notification \"say \\\"hi\\\" \\\\ done\" with title "
                + "\"Stock Monitor\" subtitle \"AAPL>190\"");
    }
}
