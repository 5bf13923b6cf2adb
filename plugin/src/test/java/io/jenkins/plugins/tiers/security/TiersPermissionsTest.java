package io.jenkins.plugins.tiers.security;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.Permission;
import jenkins.model.Jenkins;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

public class TiersPermissionsTest {

    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Test
    public void promoteLivesInTheItemGroupAndResolvesById() {
        assertThat(TiersPermissions.PROMOTE.group, sameInstance(Item.PERMISSIONS));
        assertThat(TiersPermissions.PROMOTE.getId(), is("hudson.model.Item.Promote"));
        assertThat(Permission.fromId("hudson.model.Item.Promote"), sameInstance(TiersPermissions.PROMOTE));
        assertThat(Item.PERMISSIONS.getPermissions(), hasItem(TiersPermissions.PROMOTE));
    }

    @Test
    public void configureImpliesPromoteUnlessGrantedSeparately() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("p");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("configurer")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.READ, Item.READ, TiersPermissions.PROMOTE)
                .onItems(p)
                .to("manager"));
        assertThat(can("configurer", p), is(true));
        assertThat(can("reader", p), is(false));
        assertThat(can("manager", p), is(true));
    }

    private static boolean can(String user, Item item) {
        try (ACLContext ignored = ACL.as2(User.getById(user, true).impersonate2())) {
            return item.hasPermission(TiersPermissions.PROMOTE);
        }
    }
}
