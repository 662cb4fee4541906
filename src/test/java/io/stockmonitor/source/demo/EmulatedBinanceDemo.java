package io.stockmonitor.source.demo;

import io.stockmonitor.feed.testing.TcpProxy;
import io.stockmonitor.source.binance.BinanceEmulator;
import java.time.Duration;

/**
 * The Binance emulator standing in for Binance, with a scripted network drop, so the app can be watched (and
 * screenshotted) refilling a gap on a "real" provider feed these machines cannot reach. Loopback only; it stops
 * by itself after {@code --minutes}.
 *
 * <p>Run (from the project root, after {@code mvn -q -DskipTests test-compile}):
 * <pre>
 * mvn -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.stockmonitor.source.demo.EmulatedBinanceDemo \
 *     -Dexec.args="--drop-after 40 --drop-for 8 --minutes 10"
 * </pre>
 * It prints the {@code stock-monitor} command line to use ({@code --source binance --source-ws ... --source-rest ...}).
 */
public final class EmulatedBinanceDemo {
    private EmulatedBinanceDemo() {
    }

    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> a = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        int dropAfter = Integer.parseInt(a.getOrDefault("--drop-after", "40"));
        int dropFor = Integer.parseInt(a.getOrDefault("--drop-for", "8"));
        int minutes = Integer.parseInt(a.getOrDefault("--minutes", "10"));
        try (BinanceEmulator binance = new BinanceEmulator(2026)) {
            binance.addSymbol("BTCUSDT", "91234.56", "0.01", 4_817_300_000L);
            binance.addSymbol("ETHUSDT", "3121.45", "0.01", 2_310_400_000L);
            binance.addSymbol("SOLUSDT", "142.37", "0.01", 901_200_000L);
            binance.addSymbol("BNBUSDT", "604.10", "0.01", 650_100_000L);
            binance.addSymbol("XRPUSDT", "0.6231", "0.0001", 711_000_000L);
            binance.addSymbol("DOGEUSDT", "0.38123", "0.00001", 802_000_000L);
            binance.addSymbol("ADAUSDT", "0.4512", "0.0001", 512_000_000L);
            binance.addSymbol("ETHBTC", "0.03421", "0.00001", 433_000_000L);
            binance.start();
            binance.documentedPings();
            binance.startTrading(4);
            try (TcpProxy network = TcpProxy.to(binance.wsBase())) {
                System.out.println("Emulated Binance (loopback only). Run the app with:");
                System.out.println("  java -jar target/stock-monitor.jar --source binance --source-ws ws://127.0.0.1:"
                        + network.port() + " --source-rest " + binance.restBase()
                        + " --symbols BTCUSDT,ETHUSDT,SOLUSDT,BNBUSDT,XRPUSDT,DOGEUSDT,ADAUSDT,ETHBTC");
                System.out.flush();
                Thread.sleep(Duration.ofSeconds(dropAfter).toMillis());
                System.out.println("network drop: every connection reset, new ones refused for " + dropFor + " s");
                network.resetAll();
                network.refuseNew(true);
                Thread.sleep(Duration.ofSeconds(dropFor).toMillis());
                network.refuseNew(false);
                System.out.println("network back: the app reconnects and refills the gap by aggregate id");
                Thread.sleep(Duration.ofMinutes(minutes).toMillis());
            }
        }
    }
}
