package io.jenkins.plugins.tiers.ledger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import java.util.Optional;
import org.junit.Test;

public class PostgresLocationTest {

    @Test
    public void readsHostPortDatabaseSchemaAndUser() {
        PostgresLocation l = PostgresLocation.parse("postgresql://release@db.example:6543/ledgers?schema=shop_tiers");
        assertThat(l.host(), is("db.example"));
        assertThat(l.port(), is(6543));
        assertThat(l.database(), is("ledgers"));
        assertThat(l.schema(), is("shop_tiers"));
        assertThat(l.user(), is(Optional.of("release")));
        assertThat(l.jdbcUrl(), is("jdbc:postgresql://db.example:6543/ledgers"));
    }

    @Test
    public void defaultsToPort5432AndSchemaTiers() {
        PostgresLocation l = PostgresLocation.parse("postgres://db/ledgers");
        assertThat(l.port(), is(5432));
        assertThat(l.schema(), is("tiers"));
        assertThat(l.user(), is(Optional.empty()));
    }

    @Test
    public void namesItselfWithoutTheUser() {
        assertThat(
                PostgresLocation.parse("postgresql://release@db:5432/ledgers").toString(),
                is("postgresql://db:5432/ledgers?schema=tiers"));
    }

    @Test
    public void refusesAPasswordInTheUrlWithoutRepeatingIt() {
        IllegalArgumentException inUserInfo = assertThrows(
                IllegalArgumentException.class, () -> PostgresLocation.parse("postgresql://u:hunter2@db/ledgers"));
        assertThat(inUserInfo.getMessage(), containsString("PGPASSWORD"));
        assertThat(inUserInfo.getMessage(), not(containsString("hunter2")));
        IllegalArgumentException inQuery = assertThrows(
                IllegalArgumentException.class,
                () -> PostgresLocation.parse("postgresql://db/ledgers?password=hunter2"));
        assertThat(inQuery.getMessage(), not(containsString("hunter2")));
    }

    @Test
    public void refusesASchemaThatIsNotAPlainIdentifier() {
        assertThrows(
                IllegalArgumentException.class,
                () -> PostgresLocation.parse("postgresql://db/ledgers?schema=tiers%22;drop"));
        assertThrows(
                IllegalArgumentException.class, () -> PostgresLocation.parse("postgresql://db/ledgers?schema=Tiers"));
        assertThrows(IllegalArgumentException.class, () -> PostgresLocation.parse("postgresql://db/"));
        assertThrows(IllegalArgumentException.class, () -> PostgresLocation.parse("postgresql://db/x?sslmode=off"));
    }

    @Test
    public void tellsAUrlFromADirectory() {
        assertThat(PostgresLocation.isUrl("postgresql://db/x"), is(true));
        assertThat(PostgresLocation.isUrl("POSTGRES://db/x"), is(true));
        assertThat(PostgresLocation.isUrl(".tiers/shop"), is(false));
    }

    @Test
    public void readsAJdbcUrlWithTheSchemaGivenApartAndLeavesDriverParametersToTheDriver() {
        PostgresLocation l =
                PostgresLocation.ofJdbcUrl("jdbc:postgresql://db.example:6543/jenkins?sslmode=require", "shop");
        assertThat(l.host(), is("db.example"));
        assertThat(l.port(), is(6543));
        assertThat(l.database(), is("jenkins"));
        assertThat(l.schema(), is("shop"));
        assertThat(l.toString(), is("postgresql://db.example:6543/jenkins?schema=shop"));
        assertThat(
                PostgresLocation.ofJdbcUrl(" JDBC:PostgreSQL://db/jenkins ", " ")
                        .schema(),
                is("tiers"));
        assertThat(
                PostgresLocation.ofJdbcUrl("jdbc:postgresql://db/jenkins", null).port(), is(5432));
    }

    @Test
    public void refusesAJdbcUrlThatIsNotPostgresOrCarriesCredentialsWithoutRepeatingThem() {
        for (String url : new String[] {
            "jdbc:postgresql://u:hunter2@db/jenkins",
            "jdbc:postgresql://db/jenkins?password=hunter2",
            "jdbc:postgresql://db/jenkins?sslmode=require&PASSWORD=hunter2",
            "jdbc:postgresql://db/jenkins?user=admin"
        }) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> PostgresLocation.ofJdbcUrl(url, "tiers"));
            assertThat(url, e.getMessage(), containsString("credential"));
            assertThat(e.getMessage(), not(containsString("hunter2")));
        }
        assertThrows(
                IllegalArgumentException.class, () -> PostgresLocation.ofJdbcUrl("jdbc:mysql://db/jenkins", "tiers"));
        assertThrows(
                IllegalArgumentException.class, () -> PostgresLocation.ofJdbcUrl("postgresql://db/jenkins", "tiers"));
        assertThrows(
                IllegalArgumentException.class,
                () -> PostgresLocation.ofJdbcUrl("jdbc:postgresql:///jenkins", "tiers"));
        assertThrows(
                IllegalArgumentException.class, () -> PostgresLocation.ofJdbcUrl("jdbc:postgresql://db/", "tiers"));
        assertThrows(
                IllegalArgumentException.class, () -> PostgresLocation.ofJdbcUrl("jdbc:postgresql://db/x", "Tiers;"));
        assertThrows(IllegalArgumentException.class, () -> PostgresLocation.ofJdbcUrl(null, "tiers"));
    }
}
