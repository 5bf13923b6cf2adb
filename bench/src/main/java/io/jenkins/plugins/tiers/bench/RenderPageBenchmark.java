package io.jenkins.plugins.tiers.bench;

import io.jenkins.plugins.tiers.render.ProgressView;
import io.jenkins.plugins.tiers.render.PromotionPageRenderer;
import io.jenkins.plugins.tiers.render.TierCardsRenderer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rendering the whole promotion page for 200 candidates over 6 tiers (target: under 20 ms and
 * under 100 KB), against two baselines in the same run: copying a string of the page's size into
 * a presized StringBuilder (the floor for producing that many characters) and rendering the tier cards
 * alone (the smallest fragment). The page size is printed at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class RenderPageBenchmark {

    @Param({"200"})
    public int candidates;

    @Param({"6"})
    public int tiers;

    private ProgressView view;
    private PromotionPageRenderer page;
    private TierCardsRenderer cards;
    private String rendered;

    @Setup(Level.Trial)
    public void prepare() {
        view = new ProgressViewGenerator(candidates, tiers).generate();
        page = new PromotionPageRenderer();
        cards = new TierCardsRenderer();
        rendered = page.render(view);
        System.out.println("page size: " + rendered.getBytes(StandardCharsets.UTF_8).length + " bytes for " + candidates
                + " candidates x " + tiers + " tiers");
    }

    @Benchmark
    public String renderPage() {
        return page.render(view);
    }

    @Benchmark
    public String baselineTierCards() {
        return cards.render(view);
    }

    @Benchmark
    public String baselineCopyPageSizedString() {
        return new StringBuilder(rendered.length()).append(rendered).toString();
    }
}
