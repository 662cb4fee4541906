package io.stockmonitor.ui.alerts;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A short two-tone chime, synthesised and played through {@code javax.sound.sampled} on its own thread
 * ("alert-sound"); a chime asked for while one plays is dropped. No audio device: silent, said once in the log.
 */
public class AlertSound implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertSound.class);
    private static final float RATE = 22_050f;
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1), r -> {
                Thread t = new Thread(r, "alert-sound");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());
    private volatile boolean unavailable;

    /** Plays the chime unless one is already waiting; returns at once. */
    public void play() {
        if (!unavailable) {
            worker.execute(this::chime);
        }
    }

    private void chime() {
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        byte[] pcm = tones(new double[] {880, 1320}, 0.12);
        try (SourceDataLine line = AudioSystem.getSourceDataLine(format)) {
            line.open(format);
            line.start();
            line.write(pcm, 0, pcm.length);
            line.drain();
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            unavailable = true;
            LOG.info("no audio output for alert sounds: {}", e.toString());
        }
    }

    /** 16-bit little-endian mono PCM: each frequency for {@code seconds}, faded in and out (no clicks). */
    static byte[] tones(double[] frequencies, double seconds) {
        int per = (int) (RATE * seconds);
        byte[] out = new byte[per * frequencies.length * 2];
        int k = 0;
        for (double f : frequencies) {
            for (int i = 0; i < per; i++) {
                double envelope = Math.min(1, Math.min(i, per - i) / (RATE * 0.01));
                short v = (short) (Math.sin(2 * Math.PI * f * i / RATE) * envelope * 0.3 * Short.MAX_VALUE);
                out[k++] = (byte) v;
                out[k++] = (byte) (v >> 8);
            }
        }
        return out;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
