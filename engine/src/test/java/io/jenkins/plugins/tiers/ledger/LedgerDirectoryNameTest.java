package io.jenkins.plugins.tiers.ledger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.Test;

public class LedgerDirectoryNameTest {

    @Test
    public void keepsAReadableSlugOfTheApplicationBeforeItsHash() {
        assertThat(LedgerDirectoryName.of("shop/checkout"), matchesPattern("shop-checkout-[0-9a-f]{12}"));
    }

    @Test
    public void isStableForTheSameName() {
        assertThat(LedgerDirectoryName.of("shop"), is(LedgerDirectoryName.of("shop")));
    }

    @Test
    public void namesThatDifferOnlyInCaseGetDifferentDirectories() {
        assertThat(LedgerDirectoryName.of("Shop"), is(not(LedgerDirectoryName.of("shop"))));
    }

    @Test
    public void namesThatSlugAlikeGetDifferentDirectories() {
        assertThat(LedgerDirectoryName.of("shop/web"), is(not(LedgerDirectoryName.of("shop web"))));
    }

    @Test
    public void pathTricksBecomeHarmless() {
        assertThat(LedgerDirectoryName.of(".."), matchesPattern("-[0-9a-f]{12}"));
        assertThat(LedgerDirectoryName.of("../../etc/passwd"), startsWith("etc-passwd-"));
        assertThat(LedgerDirectoryName.of("a\u0000b\\c:d"), matchesPattern("a-b-c-d-[0-9a-f]{12}"));
    }

    @Test
    public void boundsTheLengthOfLongNames() {
        String name = LedgerDirectoryName.of("x".repeat(5_000));
        assertThat(name.length(), lessThanOrEqualTo(LedgerDirectoryName.MAX_SLUG + 1 + 12));
    }

    @Test(expected = IllegalArgumentException.class)
    public void refusesABlankName() {
        LedgerDirectoryName.of("  ");
    }
}
