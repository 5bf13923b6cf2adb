// Seed for docs/images/jenkins-strategies-*.png (see docs/strategies.md, "In Jenkins").
// From the project's root, with the Jenkins test runtime of ../shared/jenkins-runtime:
//   ../shared/jenkins-runtime/serve 8092 docs/images/seed-strategies.groovy
// A Pipeline job 'shop' whose Staging is blue-green (manual switch) and Production a canary
// (10%, 50%, 100%, an hour at each step), then four builds:
//   #1 2.0.0  deployed into Staging's green slot, switched by tierSwitch, canary completed in Production
//   #2 2.1.0  deployed into Staging's blue slot (awaiting the switch), then a canary in Production
//             whose 10% step check fails: withdrawn, 2.0.0 stays live
//   #3 2.1.1  deployed into the blue slot again and switched, then a canary in Production that
//             waits at its 10% step for an approval (still running: Approve step, Refuse step, Abort)
//   #4 2.2.0  deployed into Staging's idle green slot, awaiting the switch (the Switch button)
// Anyone may do everything, so a browser needs no login; alice (password alice) presses buttons.
import io.jenkins.plugins.tiers.config.DeploymentTiersJobProperty
import io.jenkins.plugins.tiers.config.TierConfig
import jenkins.model.Jenkins
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition
import org.jenkinsci.plugins.workflow.job.WorkflowJob
import org.jvnet.hudson.test.MockAuthorizationStrategy

jenkins.securityRealm = j.createDummySecurityRealm()
jenkins.authorizationStrategy = new MockAuthorizationStrategy().grant(Jenkins.ADMINISTER).everywhere().toEveryone()

def staging = new TierConfig('staging')
staging.displayName = 'Staging'
staging.kind = 'staging'
staging.strategy = 'blue-green'
staging.previewUrl = 'https://preview.staging.shop.example.com'
def production = new TierConfig('production')
production.displayName = 'Production'
production.kind = 'production'
production.strategy = 'canary'
production.canarySteps = '10, 50, 100'
def ladder = new DeploymentTiersJobProperty()
ladder.application = 'shop'
ladder.tiers = [staging, production]

def p = jenkins.createProject(WorkflowJob, 'shop')
p.addProperty(ladder)
def script = { String version, boolean failCanary, boolean toProduction ->
    """
def report(String file, String suite, boolean fail) {
  writeFile file: file, text: "<testsuite name='\${suite}' tests='1' failures='\${fail ? 1 : 0}'><testcase classname='\${suite}' name='smoke'>\${fail ? '<failure message=\\'5xx rate 4%\\'>5xx rate 4%</failure>' : ''}</testcase></testsuite>"
  junit file
}
env.VERSION = '${version}'
node { report('build.xml', 'shop.CartTest', false) }
deployTo(tier: 'staging') { echo "deploying \${env.DEPLOY_VERSION} into \${env.DEPLOY_SLOT}" }
if (${!failCanary && toProduction}) { tierSwitch(tier: 'staging') { echo "routing to \${env.DEPLOY_SLOT}" } }
if (${toProduction}) deployTo(tier: 'production') {
  node {
    echo "weight \${env.DEPLOY_WEIGHT}%"
    report("canary-\${env.DEPLOY_STEP}.xml", "canary.Smoke\${env.DEPLOY_STEP}", ${failCanary} && env.DEPLOY_WEIGHT == '10')
  }
}
"""
}
p.definition = new CpsFlowDefinition(script('2.0.0', false, true), true)
j.buildAndAssertSuccess(p)
p.definition = new CpsFlowDefinition(script('2.1.0', true, true), true)
j.waitForCompletion(p.scheduleBuild2(0).waitForStart())
production.canaryApproveAt = '10'
p.definition = new CpsFlowDefinition(script('2.1.1', false, true), true)
def run = p.scheduleBuild2(0).waitForStart()
j.waitForMessage('waits at step 1 of 3 (10%)', run)
p.definition = new CpsFlowDefinition(script('2.2.0', false, false), true)
j.buildAndAssertSuccess(p)
