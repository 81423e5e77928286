// @ts-check
/**
 * Run the SEQ simulator from the command line (127.0.0.1 only):
 *
 *   node sim/serve.js [--scenario demo|fifty|bulk] [--count 20000] [--port 8787]
 *                     [--today YYYY-MM-DD] [--api-key KEY] [--no-pending] [--latency-ms N]
 *                     [--no-stats-access]
 *
 * Prints one JSON line {"url":..., "apiKey":...} on stdout once listening; stops on SIGINT/SIGTERM.
 */
import process from 'node:process'
import { parseArgs } from 'node:util'
import { startSimulator, DEFAULT_API_KEY } from './simulator.js'
import { demoScenario, bulkScenario, fiftyAccountsScenario } from './scenarios.js'

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'demo' },
    count: { type: 'string', default: '20000' },
    port: { type: 'string', default: '0' },
    today: { type: 'string' },
    'api-key': { type: 'string', default: DEFAULT_API_KEY },
    'no-pending': { type: 'boolean', default: false },
    'latency-ms': { type: 'string', default: '0' },
    'no-stats-access': { type: 'boolean', default: false }
  }
})

/** @type {import('./simulator.js').SimulatorOptions} */
let options
if (values.scenario === 'demo') options = demoScenario(values.today)
else if (values.scenario === 'fifty') options = fiftyAccountsScenario(values.today)
else if (values.scenario === 'bulk') options = bulkScenario(Number(values.count), { today: values.today })
else throw new Error(`unknown scenario: ${values.scenario} (demo|fifty|bulk)`)

if (values['no-pending']) options.pending = undefined
const sim = await startSimulator({
  ...options,
  apiKey: values['api-key'],
  port: Number(values.port),
  latencyMs: Number(values['latency-ms']),
  statsAccess: values['no-stats-access'] ? 'none' : 'read'
})
process.stdout.write(`${JSON.stringify({ url: sim.url, apiKey: values['api-key'] })}\n`)

const stop = () => {
  void sim.close().then(() => process.exit(0))
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
