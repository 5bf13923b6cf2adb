package io.jenkins.plugins.tiers.render;

import java.nio.file.Path;

/** Writes the demo page for a manual look: {@code java ... ScreenshotPageMain OUTDIR}. */
final class ScreenshotPageMain {
    private ScreenshotPageMain() {}

    public static void main(String[] args) throws Exception {
        Path out = new PromotionPageWriter().write(SampleViews.demo(), Path.of(args[0]));
        System.out.println(out);
    }
}
