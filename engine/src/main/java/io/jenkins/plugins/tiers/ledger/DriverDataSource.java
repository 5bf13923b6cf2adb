package io.jenkins.plugins.tiers.ledger;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} over a JDBC {@link Driver} object rather than {@link
 * java.sql.DriverManager}: in Jenkins the PostgreSQL driver lives in another plugin's class loader,
 * where {@code DriverManager} refuses to hand it to this plugin's code. Each connection is opened
 * with the connect and socket timeouts, so an unreachable or hung database fails a call within
 * seconds instead of holding a build.
 *
 * <p>The driver and the login are asked for at each connection, so a credential changed in
 * Jenkins, or a driver plugin installed after the store was configured, is used at the next call
 * without reopening anything; a supplier that cannot answer throws {@link LedgerException} saying
 * why, and it reaches the caller as it is. It does not pool: a ledger call opens one connection and
 * closes it. The password is put only in the driver's connection properties, never in a message.
 */
public final class DriverDataSource implements DataSource {

    private final Supplier<Driver> driver;
    private final String jdbcUrl;
    private final Supplier<Login> login;
    private final Duration connectTimeout;
    private final Duration socketTimeout;
    private final String applicationName;

    /**
     * @param driver the driver, from whichever class loader holds it
     * @param jdbcUrl the URL handed to the driver as it is
     * @param login the role to log in as and its password
     * @param connectTimeout how long to wait for the server to answer a connection
     * @param socketTimeout how long to wait for any one reply once connected
     * @param applicationName what {@code pg_stat_activity} shows for these connections
     */
    public DriverDataSource(
            Supplier<Driver> driver,
            String jdbcUrl,
            Supplier<Login> login,
            Duration connectTimeout,
            Duration socketTimeout,
            String applicationName) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.login = Objects.requireNonNull(login, "login");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.socketTimeout = Objects.requireNonNull(socketTimeout, "socketTimeout");
        this.applicationName = Objects.requireNonNull(applicationName, "applicationName");
    }

    @Override
    public Connection getConnection() throws SQLException {
        Driver jdbc = driver.get();
        Login as = login.get();
        Properties properties = new Properties();
        properties.setProperty("user", as.user());
        properties.setProperty("password", as.password());
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        properties.setProperty("loginTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        properties.setProperty("socketTimeout", Long.toString(Math.max(1, socketTimeout.toSeconds())));
        properties.setProperty("ApplicationName", applicationName);
        Connection connection = jdbc.connect(jdbcUrl, properties);
        if (connection == null) {
            throw new SQLException(
                    "the JDBC driver " + jdbc.getClass().getName() + " does not accept this URL", "08001");
        }
        return connection;
    }

    /** Always refused: the user and password are the configured ones. */
    @Override
    public Connection getConnection(String otherUser, String otherPassword) throws SQLException {
        throw new SQLFeatureNotSupportedException("the user is configured with the data source");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // no log: a driver's log may hold connection properties
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        throw new SQLFeatureNotSupportedException("the connect timeout is fixed when the data source is made");
    }

    @Override
    public int getLoginTimeout() {
        return (int) Math.max(1, connectTimeout.toSeconds());
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    /** The URL, never the login. */
    @Override
    public String toString() {
        return jdbcUrl;
    }

    /**
     * Whom a connection logs in as.
     *
     * @param user the role
     * @param password its password, possibly empty (trust or peer authentication)
     */
    public record Login(String user, String password) {

        public Login {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        /** The user alone: a login is never printed with its password. */
        @Override
        public String toString() {
            return user;
        }
    }
}
