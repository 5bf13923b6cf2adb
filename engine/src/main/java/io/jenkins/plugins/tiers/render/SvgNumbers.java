package io.jenkins.plugins.tiers.render;

/** Writes SVG coordinates with one decimal, without the cost of {@code String.format}. */
final class SvgNumbers {

    private SvgNumbers() {}

    static StringBuilder num(StringBuilder out, double v) {
        long tenths = Math.round(v * 10);
        if (tenths < 0) {
            out.append('-');
            tenths = -tenths;
        }
        out.append(tenths / 10);
        long frac = tenths % 10;
        if (frac != 0) {
            out.append('.').append(frac);
        }
        return out;
    }
}
