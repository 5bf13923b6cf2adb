package io.jenkins.plugins.tiers.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import io.jenkins.plugins.tiers.render.ProgressView;
import io.jenkins.plugins.tiers.render.PromotionPageRenderer;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class ProgressViewGeneratorTest {

    @Test
    public void generatesTheRequestedHistory() {
        ProgressView view = new ProgressViewGenerator(200, 6).generate();
        assertThat(view.journeys().size(), is(200));
        assertThat(view.tiers().size(), is(6));
        // every seventh is blocked at the second tier, so never reaches production
        assertThat(view.leadTimes().size(), is(200 - 200 / 7));
    }

    @Test
    public void theBenchmarkedPageStaysUnderOneHundredKilobytes() {
        String page = new PromotionPageRenderer().render(new ProgressViewGenerator(200, 6).generate());
        assertThat(page.getBytes(StandardCharsets.UTF_8).length, lessThan(100 * 1024));
    }
}
