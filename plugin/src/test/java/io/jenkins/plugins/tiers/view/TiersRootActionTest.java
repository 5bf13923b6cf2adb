package io.jenkins.plugins.tiers.view;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import io.jenkins.plugins.tiers.config.DeploymentTiersJobProperty;
import io.jenkins.plugins.tiers.store.ApplicationLedgers;
import jenkins.model.Jenkins;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

public class TiersRootActionTest {

    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Test
    public void listsOnlyApplicationsTheUserMayRead() throws Exception {
        FreeStyleProject shop = j.createFreeStyleProject("shop-build");
        shop.addProperty(TiersJobActionTest.shopLadder());
        TiersJobActionTest.history(ApplicationLedgers.forApplication("shop"));
        FreeStyleProject secret = j.createFreeStyleProject("secret-build");
        DeploymentTiersJobProperty secretTiers = TiersJobActionTest.shopLadder();
        secretTiers.setApplication("secret-app");
        secret.addProperty(secretTiers);
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ)
                .everywhere()
                .to("alice")
                .grant(Item.READ)
                .onItems(shop)
                .to("alice"));
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.login("alice");
        String html = wc.goTo("tiers/").getWebResponse().getContentAsString();
        assertThat(html, containsString("shop"));
        assertThat(html, containsString("job/shop-build/tiers/"));
        assertThat(html, not(containsString("secret-app")));
        assertThat(html, not(containsString(TiersJobActionTest.EVIL_VERSION)));
        // Jelly escapes '<' (and '&') only: assert the tag is never whole, and is shown escaped.
        assertThat(html, not(containsString("<script>alert")));
        assertThat(html, containsString("&lt;script"));
    }
}
