package io.jenkins.plugins.tiers.store;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Descriptor;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.tiers.config.ControllerCredentials;
import io.jenkins.plugins.tiers.ledger.DriverDataSource;
import io.jenkins.plugins.tiers.ledger.Ledger;
import io.jenkins.plugins.tiers.ledger.LedgerException;
import io.jenkins.plugins.tiers.ledger.PostgresLedger;
import io.jenkins.plugins.tiers.ledger.PostgresLocation;
import io.jenkins.plugins.tiers.ledger.PostgresProbe;
import java.sql.Driver;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Every application's ledger in one PostgreSQL schema, shared with other controllers and {@code
 * tiers --ledger postgresql://…} processes, so that all of them see one truth about what is live
 * where. Configured as pipeline-maven configures its database: a JDBC URL and a username/password
 * credential; the driver comes from the PostgreSQL API plugin, so that its security updates are
 * Jenkins' to ship and not this plugin's.
 */
public final class PostgresLedgerStore extends LedgerStore {

    /** The driver class the PostgreSQL API plugin provides. */
    static final String DRIVER_CLASS = "org.postgresql.Driver";

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

    private final String url;
    private String schema = PostgresLocation.DEFAULT_SCHEMA;

    @CheckForNull
    private String credentialsId;

    /**
     * @throws IllegalArgumentException when the URL is not a PostgreSQL JDBC URL, or holds a user or
     *     password (which would then be saved in the controller's configuration in clear)
     */
    @DataBoundConstructor
    public PostgresLedgerStore(String url) {
        this.url = Util.fixNull(url).trim();
        if (this.url.isEmpty()) {
            throw new IllegalArgumentException(Messages.PostgresLedgerStore_UrlRequired());
        }
        PostgresLocation.ofJdbcUrl(this.url, null);
    }

    public String getUrl() {
        return url;
    }

    public String getSchema() {
        return schema;
    }

    /** @throws IllegalArgumentException when the schema is not a plain lower-case identifier */
    @DataBoundSetter
    public void setSchema(String schema) {
        this.schema = PostgresLocation.ofJdbcUrl(url, schema).schema();
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    /**
     * Where the ledgers are, as messages name it.
     *
     * @throws LedgerException when the URL or schema is not one the store can use
     */
    PostgresLocation location() {
        try {
            return PostgresLocation.ofJdbcUrl(url, schema);
        } catch (IllegalArgumentException e) {
            throw new LedgerException(Messages.PostgresLedgerStore_Unnamed(), e.getMessage());
        }
    }

    @Override
    public Ledger open(String application) {
        PostgresLocation location = location();
        return PostgresLedger.open(dataSource(location), location.toString(), location.schema(), application);
    }

    DriverDataSource dataSource(PostgresLocation location) {
        String where = location.toString();
        return new DriverDataSource(
                () -> driver(where),
                url,
                () -> login(where, credentialsId),
                CONNECT_TIMEOUT,
                SOCKET_TIMEOUT,
                "Jenkins deployment tiers");
    }

    /** The driver of the PostgreSQL API plugin, looked up at each connection: it may be installed later. */
    static Driver driver(String where) {
        try {
            Class<?> type = Class.forName(DRIVER_CLASS, true, Jenkins.get().getPluginManager().uberClassLoader);
            return (Driver) type.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new LedgerException(where, Messages.PostgresLedgerStore_NoDriver());
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new LedgerException(where, Messages.PostgresLedgerStore_BadDriver(), e);
        }
    }

    /** The credential's user and password, looked up at each connection so a changed password is used. */
    static DriverDataSource.Login login(String where, @CheckForNull String credentialsId) {
        if (credentialsId == null) {
            throw new LedgerException(where, Messages.PostgresLedgerStore_NoCredential());
        }
        StandardUsernamePasswordCredentials credential = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(
                        StandardUsernamePasswordCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of()),
                CredentialsMatchers.withId(credentialsId));
        if (credential == null) {
            throw new LedgerException(where, Messages.PostgresLedgerStore_CredentialNotFound(credentialsId));
        }
        return new DriverDataSource.Login(
                credential.getUsername(), credential.getPassword().getPlainText());
    }

    @Override
    public String where() {
        try {
            return location().toString();
        } catch (LedgerException e) {
            return Messages.PostgresLedgerStore_Unnamed();
        }
    }

    /**
     * A database ledger is keyed by application name in shared tables that other controllers read
     * too; renaming it under them is not this controller's to do. The history stays under the old
     * name (nothing is lost) and {@code tiers ledger copy} moves it when wanted.
     */
    @Override
    public boolean rename(String from, String to) {
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PostgresLedgerStore that
                && url.equals(that.url)
                && schema.equals(that.schema)
                && Objects.equals(credentialsId, that.credentialsId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, schema, credentialsId);
    }

    @Extension
    @Symbol("postgresql")
    public static final class DescriptorImpl extends Descriptor<LedgerStore> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.PostgresLedgerStore_DisplayName();
        }

        public String getDefaultSchema() {
            return PostgresLocation.DEFAULT_SCHEMA;
        }

        public FormValidation doCheckUrl(@QueryParameter String value) {
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error(Messages.PostgresLedgerStore_UrlRequired());
            }
            try {
                PostgresLocation.ofJdbcUrl(value, null);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        public FormValidation doCheckSchema(@QueryParameter String value) {
            try {
                PostgresLocation.ofJdbcUrl("jdbc:postgresql://host/database", value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error(Messages.PostgresLedgerStore_NoCredential());
            }
            return FormValidation.ok();
        }

        /** Only administrators list the controller's credentials; the current choice is always kept. */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return ControllerCredentials.choices(StandardUsernamePasswordCredentials.class, credentialsId);
        }

        /**
         * Connects with what the form holds (saved or not) and says what the role may do, creating
         * nothing. POST and Administer: it reaches out from the controller with its credentials.
         */
        @POST
        public FormValidation doTestConnection(
                @QueryParameter String url, @QueryParameter String schema, @QueryParameter String credentialsId) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            PostgresLedgerStore store;
            try {
                store = new PostgresLedgerStore(url);
                store.setSchema(schema);
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
            store.setCredentialsId(credentialsId);
            try {
                PostgresLocation location = store.location();
                PostgresProbe probe = PostgresProbe.of(store.dataSource(location), location);
                String connected = Messages.PostgresLedgerStore_Connected(probe.serverVersion(), probe.user());
                if (probe.schemaExists() && probe.schemaUsable()) {
                    return FormValidation.ok(connected + " "
                            + Messages.PostgresLedgerStore_SchemaHolds(
                                    location.schema(), probe.applications().size()));
                }
                if (probe.schemaExists()) {
                    return FormValidation.error(
                            connected + " " + Messages.PostgresLedgerStore_SchemaNotUsable(location.schema()));
                }
                if (probe.mayCreateSchema()) {
                    return FormValidation.ok(
                            connected + " " + Messages.PostgresLedgerStore_SchemaWillBeCreated(location.schema()));
                }
                return FormValidation.error(
                        connected + " " + Messages.PostgresLedgerStore_SchemaCannotBeCreated(location.schema()));
            } catch (LedgerException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
