import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the Stock Monitor app icon (rising candlesticks and a trend line on a dark rounded square) and writes every
 * format the installers need, so no platform tool is required: the PNG (Linux, 512 px), a PNG-compressed .ico
 * (Windows, 16-256 px) and a PNG-compressed .icns (macOS, 16-1024 px).
 *
 * <p>Run from the repository root: {@code java packaging/icons/IconGenerator.java packaging/icons}. The output is
 * committed; re-run only when the drawing changes. Deterministic: same code, same bytes.
 */
public final class IconGenerator {
    private static final Color BACKGROUND_TOP = new Color(0x1F, 0x2A, 0x3A);
    private static final Color BACKGROUND_BOTTOM = new Color(0x0B, 0x10, 0x18);
    private static final Color GRID = new Color(255, 255, 255, 22);
    private static final Color UP = new Color(0x2E, 0xCC, 0x71);
    private static final Color DOWN = new Color(0xE7, 0x4C, 0x3C);
    private static final Color TREND = new Color(0x4F, 0xC3, 0xF7);

    /** Candles in a 0..1 box, y up: open, close, low, high. Mostly rising, one dip, so it reads as "market". */
    private static final double[][] CANDLES = {
        {0.20, 0.32, 0.14, 0.38},
        {0.32, 0.44, 0.27, 0.50},
        {0.44, 0.36, 0.30, 0.49},
        {0.37, 0.58, 0.33, 0.63},
        {0.58, 0.76, 0.53, 0.82},
    };

    private IconGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "packaging/icons");
        Files.createDirectories(out);
        ImageIO.write(draw(512), "png", out.resolve("stock-monitor.png").toFile());
        Files.write(out.resolve("stock-monitor.ico"), ico(new int[] {16, 24, 32, 48, 64, 128, 256}));
        Files.write(out.resolve("stock-monitor.icns"), icns());
    }

    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            double s = size;
            // macOS-style margin so the square does not touch the edges of the canvas.
            double margin = s * 0.06;
            double box = s - 2 * margin;
            RoundRectangle2D square = new RoundRectangle2D.Double(margin, margin, box, box, box * 0.36, box * 0.36);
            g.setPaint(new GradientPaint(0, (float) margin, BACKGROUND_TOP, 0, (float) (margin + box),
                    BACKGROUND_BOTTOM));
            g.fill(square);
            g.setClip(square);

            // Plot area inside the square, y grows upwards.
            double left = margin + box * 0.16;
            double right = margin + box * 0.84;
            double bottom = margin + box * 0.84;
            double top = margin + box * 0.16;
            double w = right - left;
            double h = bottom - top;

            if (size >= 48) {
                g.setColor(GRID);
                g.setStroke(new BasicStroke((float) Math.max(1, s / 256)));
                for (int i = 1; i <= 3; i++) {
                    double y = top + h * i / 4.0;
                    g.draw(new java.awt.geom.Line2D.Double(left - box * 0.06, y, right + box * 0.06, y));
                }
            }

            double slot = w / CANDLES.length;
            double body = slot * 0.62;
            float wick = (float) Math.max(1, slot * 0.10);
            for (int i = 0; i < CANDLES.length; i++) {
                double[] c = CANDLES[i];
                double cx = left + slot * (i + 0.5);
                Color color = c[1] >= c[0] ? UP : DOWN;
                g.setColor(color);
                g.setStroke(new BasicStroke(wick, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(new java.awt.geom.Line2D.Double(cx, bottom - h * c[2], cx, bottom - h * c[3]));
                double y0 = bottom - h * Math.max(c[0], c[1]);
                double y1 = bottom - h * Math.min(c[0], c[1]);
                g.fill(new RoundRectangle2D.Double(cx - body / 2, y0, body, Math.max(y1 - y0, s / 64), body * 0.25,
                        body * 0.25));
            }

            // The trend line over the closes, ending in an arrow head that leaves the plot upwards.
            // Drawn above the highs so the candles stay readable at small sizes.
            Path2D trend = new Path2D.Double();
            for (int i = 0; i < CANDLES.length; i++) {
                double x = left + slot * (i + 0.5);
                double y = bottom - h * (CANDLES[i][3] + 0.08);
                if (i == 0) {
                    trend.moveTo(x - slot * 0.45, y + h * 0.05);
                }
                trend.lineTo(x, y);
            }
            double endX = right + box * 0.04;
            double endY = top - box * 0.04;
            trend.lineTo(endX, endY);
            float line = (float) Math.max(1.5, s * 0.026);
            g.setColor(new Color(TREND.getRed(), TREND.getGreen(), TREND.getBlue(), 55));
            g.setStroke(new BasicStroke(line * 2.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(trend);
            g.setColor(TREND);
            g.setStroke(new BasicStroke(line, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(trend);
            double headLength = box * 0.13;
            double angle = Math.atan2(endY - (bottom - h * (CANDLES[CANDLES.length - 1][3] + 0.08)),
                    endX - (left + slot * (CANDLES.length - 0.5)));
            Path2D head = new Path2D.Double();
            head.moveTo(endX + Math.cos(angle) * headLength * 0.35, endY + Math.sin(angle) * headLength * 0.35);
            head.lineTo(endX + Math.cos(angle + 2.5) * headLength, endY + Math.sin(angle + 2.5) * headLength);
            head.lineTo(endX + Math.cos(angle - 2.5) * headLength, endY + Math.sin(angle - 2.5) * headLength);
            head.closePath();
            g.fill(head);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static byte[] png(int size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(draw(size), "png", bytes);
        return bytes.toByteArray();
    }

    /** ICO with PNG-compressed entries (supported since Windows Vista); little-endian header and directory. */
    private static byte[] ico(int[] sizes) throws IOException {
        byte[][] images = new byte[sizes.length][];
        int offset = 6 + 16 * sizes.length;
        ByteBuffer header = ByteBuffer.allocate(offset).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            images[i] = png(sizes[i]);
            int dimension = sizes[i] >= 256 ? 0 : sizes[i]; // 0 means 256 in the ICO directory.
            header.put((byte) dimension).put((byte) dimension).put((byte) 0).put((byte) 0);
            header.putShort((short) 1).putShort((short) 32);
            header.putInt(images[i].length).putInt(offset);
            offset += images[i].length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header.array());
        for (byte[] image : images) {
            out.write(image);
        }
        return out.toByteArray();
    }

    /** ICNS with PNG entries (OS X 10.7+): big-endian 'icns' header, then type + length + PNG per size. */
    private static byte[] icns() throws IOException {
        String[] types = {"icp4", "icp5", "icp6", "ic07", "ic08", "ic09", "ic10"};
        int[] sizes = {16, 32, 64, 128, 256, 512, 1024};
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(entries);
        for (int i = 0; i < types.length; i++) {
            byte[] image = png(sizes[i]);
            data.writeBytes(types[i]);
            data.writeInt(8 + image.length);
            data.write(image);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream file = new DataOutputStream(out);
        file.writeBytes("icns");
        file.writeInt(8 + entries.size());
        file.write(entries.toByteArray());
        return out.toByteArray();
    }
}
