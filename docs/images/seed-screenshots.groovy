// Seed for the screenshots in docs/images/ (see docs/views.md, "How the screenshots were made").
// From the project's root, with the Jenkins test runtime of ../shared/jenkins-runtime:
//   ../shared/jenkins-runtime/serve 8091 docs/images/seed-screenshots.groovy
// It makes a Pipeline job 'shop' whose own ladder is Development -> Testing -> Staging -> Production
// (Production needs one approval of release-managers) and a named ladder 'standard' in the global
// configuration, then runs five builds:
//   #1 1.0.0  reaches Production (approved by alice)
//   #2 1.1.0  reaches Staging
//   #3 1.1.1  reaches Staging, fails its smoke check there and rolls Staging back to 1.1.0
//   #4 1.2.0  has a failing test and is blocked at Development's gate
//   #5 1.2.1  reaches Staging and waits at Production's gate for an approval (left waiting)
// Anyone (anonymous included) may do everything, so a browser needs no login; alice and bob are in
// release-managers (password = user name) to answer approvals.
import hudson.model.Result
import io.jenkins.plugins.tiers.config.ApprovalConfig
import io.jenkins.plugins.tiers.config.DeploymentTiersJobProperty
import io.jenkins.plugins.tiers.config.GateConfig
import io.jenkins.plugins.tiers.config.NamedLadder
import io.jenkins.plugins.tiers.config.NamedLaddersConfiguration
import io.jenkins.plugins.tiers.config.TierConfig
import jenkins.model.Jenkins
import org.htmlunit.HttpMethod
import org.htmlunit.WebRequest
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition
import org.jenkinsci.plugins.workflow.job.WorkflowJob
import org.jvnet.hudson.test.MockAuthorizationStrategy

def realm = j.createDummySecurityRealm()
realm.addGroups('alice', 'release-managers')
realm.addGroups('bob', 'release-managers')
jenkins.securityRealm = realm
jenkins.authorizationStrategy = new MockAuthorizationStrategy().grant(Jenkins.ADMINISTER).everywhere().toEveryone()

def tier = { String id, String name, String kind, Closure more = null ->
    def t = new TierConfig(id)
    t.displayName = name
    t.kind = kind
    if (more != null) { more(t) }
    t
}
def approval = { String required ->
    def gate = new GateConfig()
    def a = new ApprovalConfig(required)
    a.groups = 'release-managers'
    a.allowSelfApproval = false
    gate.approval = a
    gate
}

// A named ladder for the global configuration page (Manage Jenkins -> System -> Deployment tiers).
def standard = new NamedLadder('standard')
standard.applications = 'billing'
standard.allowedJobs = 'billing/*'
standard.tiers = [
    tier('dev', 'Development', 'development'),
    tier('staging', 'Staging', 'staging') { it.gate = new GateConfig(minTests: '100', noNewFailures: true) },
    tier('production', 'Production', 'production') {
        it.url = 'https://billing.example.com/'
        it.strategy = 'blue-green'
        def gate = approval('2')
        gate.minPassRate = '99.5'
        gate.soak = '2h'
        it.gate = gate
    },
]
NamedLaddersConfiguration.get().ladders = [standard]

// The job 'shop' with its own four tiers.
def ladder = new DeploymentTiersJobProperty()
ladder.application = 'shop'
ladder.tiers = [
    tier('dev', 'Development', 'development'),
    tier('test', 'Testing', 'testing'),
    tier('staging', 'Staging', 'staging') { it.url = 'https://staging.shop.example.com/' },
    tier('production', 'Production', 'production') {
        it.url = 'https://shop.example.com/'
        it.gate = approval('1')
    },
]
def job = jenkins.createProject(WorkflowJob, 'shop')
job.addProperty(ladder)
job.definition = new CpsFlowDefinition('''
def n = currentBuild.number
def version = ['1.0.0', '1.1.0', '1.1.1', '1.2.0', '1.2.1'][n - 1]
currentBuild.displayName = version
def failing = n == 4
node {
  stage('Build and test') {
    writeFile file: 'reports/TEST-shop.CartTest.xml', text: """<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="shop.CartTest" tests="4" failures="${failing ? 1 : 0}" errors="0" skipped="0" time="0.4">
  <testcase classname="shop.CartTest" name="adds" time="0.1"/>
  <testcase classname="shop.CartTest" name="removes" time="0.1"/>
  <testcase classname="shop.CartTest" name="totals" time="0.1">${failing ? '<failure message="expected 2 but was 3" type="java.lang.AssertionError">java.lang.AssertionError: expected 2 but was 3\\n\\tat shop.CartTest.totals(CartTest.java:42)</failure>' : ''}</testcase>
  <testcase classname="shop.CartTest" name="discounts" time="0.1"/>
</testsuite>
"""
    junit 'reports/*.xml'   // the evidence every gate below reads, inside node or not
  }
  for (t in ['dev', 'test', 'staging']) {
    stage(t) {
      deployTo(tier: t, version: version) { echo "deploying ${env.DEPLOY_VERSION} to ${env.DEPLOY_TIER}" }
    }
  }
  if (n == 3) {
    stage('rollback') {
      echo 'smoke check of 1.1.1 in staging failed: rolling staging back to 1.1.0'
      deployTo(tier: 'staging', version: '1.1.0', rollback: true) { echo "redeploying ${env.DEPLOY_VERSION}" }
    }
  }
}
if (n == 1 || n == 5) {
  stage('production') {
    tierGate(tier: 'production', version: version)
    node { deployTo(tier: 'production', version: version) { echo "deploying ${env.DEPLOY_VERSION} to production" } }
  }
}
''', true)

def approve = { int number, String user, String comment ->
    def wc = j.createWebClient().withBasicApiToken(user)
    def url = new URL(j.getURL(), "job/shop/${number}/deployment-tiers/approve?tier=production&comment=" + URLEncoder.encode(comment, 'UTF-8'))
    wc.getPage(new WebRequest(url, HttpMethod.POST))
}

def b1 = job.scheduleBuild2(0).waitForStart()
j.waitForMessage('The gate of production waits for 1.0.0', b1)
Thread.sleep(3000)
approve(1, 'alice', 'release 1.0.0')
j.assertBuildStatusSuccess(j.waitForCompletion(b1))
Thread.sleep(3000)
j.buildAndAssertSuccess(job)
Thread.sleep(3000)
j.buildAndAssertSuccess(job)
Thread.sleep(3000)
j.buildAndAssertStatus(Result.FAILURE, job)
Thread.sleep(3000)
def b5 = job.scheduleBuild2(0).waitForStart()
j.waitForMessage('The gate of production waits for 1.2.1', b5)
println 'seed-screenshots: done (build #5 waits at production)'
