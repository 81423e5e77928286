import { Worker } from 'node:worker_threads'
import { dayOf } from '../dates.js'
import { messageOf, redactor } from '../messages.js'
import { InputError, parseConfig, type Config } from '../inputs.js'
import { isObject } from '../json.js'
import { realClock, type Clock } from '../clock.js'
import { issueCommand, readInput } from './workflow-commands.js'

/**
 * The Action's face: inputs in, verdict out. Inputs are read and validated before anything heavy
 * loads, so a bad input fails in milliseconds with an ::error:: per problem and no request sent.
 */
export async function run(clock: Clock = realClock, { inWorker = false }: RunOptions = {}): Promise<void> {
  const apiKey = readInput('api-key')
  // Masked before anything else can print it.
  if (apiKey) issueCommand('add-mask', apiKey)
  const config = validConfig(clock, apiKey)
  if (!config) return
  if (inWorker) await checkAndReportInWorker(config)
  else await checkAndReportHere(config, clock)
}

export interface RunOptions {
  /**
   * Check in a worker thread whose entry is this bundle (dist/index.js), with a bounded heap: an
   * action cannot pass V8 flags, but a worker's heap is bounded by its resource limits.
   */
  inWorker?: boolean
}

/**
 * The heap of the worker that checks. V8 sizes a heap by the machine: on a runner it lets the young
 * generation grow to 128 MB, and the old generation to four times what is live before collecting.
 * Bounded, `*` over 20,000 subusers and 30 days peaks at 161 to 171 MB instead of 171 to 204 MB.
 * Its 600,000 records need about 40 MB of heap at most, so 1 GiB leaves room for millions; past
 * it the worker stops, and the step says so.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 1024 }

/** The check and its reports, in this thread. */
export async function checkAndReportHere(config: Config, clock: Clock = realClock): Promise<void> {
  const { checkAndReport } = await import('./sinks.js')
  await checkAndReport(config, clock)
}

/** Runs this bundle again in a worker, which checks and reports; the step ends with its exit code. */
async function checkAndReportInWorker(config: Config): Promise<void> {
  const worker = new Worker(new URL(import.meta.url), { workerData: config, resourceLimits: WORKER_LIMITS })
  const exitCode = await new Promise<number>((resolve) => {
    worker.on('error', (error) => {
      issueCommand('error', redactor(config.apiKey)(workerFailure(error)))
      resolve(1)
    })
    worker.on('exit', resolve)
  })
  if (exitCode !== 0) process.exitCode = exitCode
}

/** What stopped the worker, without a stack trace. */
function workerFailure(error: unknown): string {
  const code = isObject(error) ? error.code : undefined
  if (code === 'ERR_WORKER_OUT_OF_MEMORY')
    return 'The check ran out of memory. Check fewer subusers or fewer days per run, for example one step per group of subusers.'
  return `Unexpected failure: ${messageOf(error)}`
}

function validConfig(clock: Clock, apiKey: string): Config | undefined {
  const redact = redactor(apiKey)
  try {
    const config = parseConfig(readInput, dayOf(new Date(clock.now())))
    for (const warning of config.warnings) issueCommand('warning', redact(`Input "${warning.input}": ${warning.message}`))
    return config
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    for (const problem of error.problems) issueCommand('error', redact(`Input "${problem.input}": ${problem.message}`))
    const inputs = new Set(error.problems.map((problem) => problem.input))
    issueCommand('error', `Invalid input: ${[...inputs].join(', ')}; nothing was sent to SendGrid`)
    process.exitCode = 1
    return undefined
  }
}
