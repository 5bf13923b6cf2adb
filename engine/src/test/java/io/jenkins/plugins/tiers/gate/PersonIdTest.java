package io.jenkins.plugins.tiers.gate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import org.junit.Test;

public class PersonIdTest {

    @Test
    public void idsDifferingOnlyInCaseAreOnePerson() {
        assertThat(PersonId.same("bob", "BOB"), is(true));
        assertThat(PersonId.same("Carol", "carol"), is(true));
        assertThat(PersonId.same("strauß", "STRAUSS"), is(true));
    }

    @Test
    public void compatibilityFormsAreOnePersonAfterNfkc() {
        assertThat(PersonId.same("\uFF42\uFF4F\uFF42", "bob"), is(true)); // full-width ｂｏｂ
        assertThat(PersonId.same("e\u0301ric", "\u00E9ric"), is(true)); // combining acute against é
    }

    @Test
    public void invisibleCharactersAndSurroundingSpaceDoNotMakeAnotherPerson() {
        for (String disguised : List.of(
                "b\u200Bob", "bo\u200Db", "\uFEFFbob", "bob\u00AD", "\u202Ebob", "bob\uFE0F", "bo\u2060b", " bob ")) {
            assertThat(disguised, PersonId.same(disguised, "bob"), is(true));
        }
    }

    @Test
    public void differentPeopleStayDifferent() {
        assertThat(PersonId.same("bob", "bobby"), is(false));
        assertThat(PersonId.same("bob", "b-ob"), is(false));
        assertThat(PersonId.same("bob", ""), is(false));
        assertThat(PersonId.among("BOB", List.of("alice", "bob")), is(true));
        assertThat(PersonId.among("mallory", List.of("alice", "bob")), is(false));
    }
}
