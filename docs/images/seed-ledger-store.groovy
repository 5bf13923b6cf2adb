// Seed for docs/images/jenkins-ledger-store-*.png (see docs/ledger-postgresql.md, "In Jenkins").
// From the project's root, with the Jenkins test runtime of ../shared/jenkins-runtime and a PostgreSQL
// server as the tests use it (TIERS_TEST_POSTGRES_URL, _USER, _PASSWORD; see README, "The tests"):
//   ../shared/jenkins-runtime/serve 8093 docs/images/seed-ledger-store.groovy
// Installs the PostgreSQL API plugin as a controller would have it (a plugin holding the driver jar
// from the local Maven repository: the test runtime has none), adds the credential 'ledger-db',
// chooses the PostgreSQL ledger store (schema tiers_docs) and deploys 1.0 of 'shop' into dev.
import com.cloudbees.plugins.credentials.CredentialsScope
import com.cloudbees.plugins.credentials.SystemCredentialsProvider
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl
import io.jenkins.plugins.tiers.config.DeploymentTiersJobProperty
import io.jenkins.plugins.tiers.config.TierConfig
import io.jenkins.plugins.tiers.ledger.PostgresLocation
import io.jenkins.plugins.tiers.store.LedgerStoreConfiguration
import io.jenkins.plugins.tiers.store.PostgresLedgerStore
import java.util.jar.Attributes
import java.util.jar.JarOutputStream
import java.util.jar.Manifest
import java.util.zip.ZipEntry
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition
import org.jenkinsci.plugins.workflow.job.WorkflowJob

def location = PostgresLocation.parse(System.getenv('TIERS_TEST_POSTGRES_URL'))
def repo = new File(System.getProperty('user.home'), '.m2/repository/org/postgresql/postgresql')
def driver = repo.listFiles().collect { new File(it, "postgresql-${it.name}.jar") }.findAll { it.file }
        .max { it.parentFile.name.tokenize('.').collect { String.format('%08d', it as int) }.join() }
def archive = new File(jenkins.rootDir, 'plugins/postgresql-api.jpi')
archive.parentFile.mkdirs()
def manifest = new Manifest()
manifest.mainAttributes.put(Attributes.Name.MANIFEST_VERSION, '1.0')
manifest.mainAttributes.putValue('Short-Name', 'postgresql-api')
manifest.mainAttributes.putValue('Long-Name', 'PostgreSQL API Plugin')
manifest.mainAttributes.putValue('Plugin-Version', driver.parentFile.name)
new JarOutputStream(new FileOutputStream(archive), manifest).withCloseable { jar ->
    jar.putNextEntry(new ZipEntry('WEB-INF/lib/' + driver.name))
    driver.withInputStream { jar << it }
    jar.closeEntry()
}
jenkins.pluginManager.dynamicLoad(archive)

SystemCredentialsProvider.instance.credentials.add(new UsernamePasswordCredentialsImpl(
        CredentialsScope.GLOBAL, 'ledger-db', 'Ledger database (release role)',
        System.getenv('TIERS_TEST_POSTGRES_USER'), System.getenv('TIERS_TEST_POSTGRES_PASSWORD')))
SystemCredentialsProvider.instance.save()
def store = new PostgresLedgerStore(location.jdbcUrl())
store.schema = 'tiers_docs'
store.credentialsId = 'ledger-db'
LedgerStoreConfiguration.get().store = store

def tiers = ['dev', 'test', 'staging', 'production'].collect { new TierConfig(it) }
def property = new DeploymentTiersJobProperty()
property.application = 'shop'
property.tiers = tiers
def job = jenkins.createProject(WorkflowJob, 'shop')
job.addProperty(property)
job.definition = new CpsFlowDefinition('''node {
  writeFile file: 'reports/TEST-shop.CartTest.xml', text: '<testsuite name="shop.CartTest" tests="2"><testcase classname="shop.CartTest" name="adds"/><testcase classname="shop.CartTest" name="totals"/></testsuite>'
  deployTo(tier: 'dev', version: '1.0', tests: 'reports/*.xml') { echo 'deploying 1.0' }
}''', true)
j.buildAndAssertSuccess(job)
