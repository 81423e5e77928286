// @ts-check
/**
 * `npm run demo`: the built action against the SEQ simulator, offline. Four subusers, one of them
 * breaching, one never scored, and SendGrid answering 202 for the first 1.5 s of each request.
 */
import { DEMO_INPUTS, demoScenario } from '../sim/scenarios.js'
import { DEFAULT_API_KEY, startSimulator } from '../sim/simulator.js'
import { runDist } from './run-action.js'

const simulator = await startSimulator(demoScenario())
const inputs = { 'api-key': DEFAULT_API_KEY, 'base-url': simulator.url, ...DEMO_INPUTS }
console.log(`SendGrid SEQ simulator on ${simulator.url}; running dist/index.js with:`)
for (const [name, value] of Object.entries(inputs)) console.log(`  ${name}: ${name === 'api-key' ? '***' : value}`)
const started = Date.now()
const run = await runDist(inputs)
await simulator.close()

console.log(`\n--- what the step printed ---\n${run.stdout.replace(/^::add-mask::.*\n/m, '')}`)
console.log(`--- job summary (GITHUB_STEP_SUMMARY) ---\n${run.summary}`)
console.log('--- outputs ---')
for (const [name, value] of Object.entries(run.outputs)) console.log(`${name}: ${value.length > 160 ? `${value.slice(0, 160)}…` : value}`)
console.log(`\n${simulator.requests.length} requests in ${((Date.now() - started) / 1000).toFixed(1)} s; the step would exit with code ${run.exitCode} (${run.exitCode === 0 ? 'passed' : 'failed'}).`)
