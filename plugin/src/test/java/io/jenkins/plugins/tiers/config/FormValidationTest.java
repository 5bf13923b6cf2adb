package io.jenkins.plugins.tiers.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import java.net.URL;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

public class FormValidationTest {

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private FreeStyleProject p;

    @Before
    public void security() throws Exception {
        p = j.createFreeStyleProject("p");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("configurer")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader"));
    }

    private WebResponse check(String user, String path, String value) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login(user);
        WebRequest request = new WebRequest(wc.createCrumbedUrl(path), HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("value", value)));
        return wc.loadWebResponse(request);
    }

    private static String tierCheck(String field) {
        return "job/p/descriptorByName/" + TierConfig.class.getName() + "/check" + field;
    }

    private static String gateCheck(String field) {
        return "job/p/descriptorByName/" + GateConfig.class.getName() + "/check" + field;
    }

    @Test
    public void tierIdIsCheckedByTheEngine() throws Exception {
        WebResponse bad = check("configurer", tierCheck("Id"), "Bad Id");
        assertThat(bad.getStatusCode(), is(200));
        assertThat(bad.getContentAsString(), containsString("error"));
        assertThat(bad.getContentAsString(), containsString("must match"));
        WebResponse good = check("configurer", tierCheck("Id"), "staging");
        assertThat(good.getContentAsString(), not(containsString("error")));
    }

    private WebResponse check(String path, List<NameValuePair> parameters) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login("configurer");
        WebRequest request = new WebRequest(wc.createCrumbedUrl(path), HttpMethod.POST);
        request.setRequestParameters(parameters);
        return wc.loadWebResponse(request);
    }

    @Test
    public void strategyOptionsAreCheckedWithTheirStrategy() throws Exception {
        String badPause = check(
                        tierCheck("CanaryPause"),
                        List.of(
                                new NameValuePair("value", "10m, 20m, 30m"),
                                new NameValuePair("strategy", "canary"),
                                new NameValuePair("canarySteps", "5, 25, 100")))
                .getContentAsString();
        assertThat(badPause, containsString("error"));
        assertThat(badPause, containsString("one per step but the last (2), not 3"));
        assertThat(
                check(
                                tierCheck("CanaryPause"),
                                List.of(
                                        new NameValuePair("value", "10m, 30m"),
                                        new NameValuePair("strategy", "canary"),
                                        new NameValuePair("canarySteps", "5, 25, 100")))
                        .getContentAsString(),
                not(containsString("error")));
        assertThat(
                check(
                                tierCheck("SwitchMode"),
                                List.of(new NameValuePair("value", "auto"), new NameValuePair("strategy", "canary")))
                        .getContentAsString(),
                containsString("only a blue-green strategy switches"));
        assertThat(
                check(
                                tierCheck("PreviewUrl"),
                                List.of(
                                        new NameValuePair("value", "javascript:alert(1)"),
                                        new NameValuePair("strategy", "blue-green")))
                        .getContentAsString(),
                containsString("must be an http or https address"));
    }

    @Test
    public void gateFieldsExplainWhatIsWrong() throws Exception {
        assertThat(
                check("configurer", gateCheck("MinPassRate"), "101").getContentAsString(), containsString("0 to 100"));
        assertThat(
                check("configurer", gateCheck("Soak"), "two hours").getContentAsString(),
                containsString("not a duration"));
        assertThat(check("configurer", gateCheck("MinTests"), "-1").getContentAsString(), containsString("error"));
        assertThat(
                check("configurer", gateCheck("Flaky"), "allow 2").getContentAsString(), not(containsString("error")));
    }

    @Test
    public void validationEscapesWhatTheUserTyped() throws Exception {
        String reply = check("configurer", tierCheck("Id"), "<img src=x onerror=alert(1)>")
                .getContentAsString();
        assertThat(reply, not(containsString("<img")));
        assertThat(reply, containsString("&lt;img"));
    }

    @Test
    public void checksRefuseUsersWhoCannotConfigure() throws Exception {
        assertThat(check("reader", tierCheck("Id"), "dev").getStatusCode(), is(403));
        assertThat(check("reader", gateCheck("Soak"), "2h").getStatusCode(), is(403));
    }

    @Test
    public void globalChecksNeedAdministerPermission() throws Exception {
        String path = "descriptorByName/" + NamedLadder.class.getName() + "/checkName";
        assertThat(check("configurer", path, "standard").getStatusCode(), is(403));
        assertThat(check("admin", path, "standard").getStatusCode(), is(200));
    }

    @Test
    public void checksRefuseGet() throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login("configurer");
        URL url = new URL(j.getURL(), tierCheck("Id") + "?value=dev");
        assertThat(wc.loadWebResponse(new WebRequest(url, HttpMethod.GET)).getStatusCode(), is(404));
    }

    private String credentialsList(String user) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login(user);
        WebRequest request = new WebRequest(
                wc.createCrumbedUrl("job/p/descriptorByName/" + TierConfig.class.getName() + "/fillCredentialsIdItems"),
                HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("credentialsId", "prod-deployer")));
        return wc.loadWebResponse(request).getContentAsString();
    }

    @Test
    public void credentialsAreListedOnlyForThoseWhoMayChoose() throws Exception {
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new UsernamePasswordCredentialsImpl(
                        CredentialsScope.GLOBAL, "staging-deployer", "staging", "deployer", "s3cret"));
        SystemCredentialsProvider.getInstance().save();
        String forConfigurer = credentialsList("configurer");
        assertThat(forConfigurer, containsString("staging-deployer"));
        assertThat(forConfigurer, not(containsString("s3cret")));
        String forReader = credentialsList("reader");
        // Only the current value comes back, as the consumer pattern asks.
        assertThat(forReader, containsString("prod-deployer"));
        assertThat(forReader, not(containsString("staging-deployer")));
    }
}
