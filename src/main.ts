import { Worker } from 'node:worker_threads'
import { dayOf } from './dates.js'
import { InputError, parseConfig, type Config } from './inputs.js'
import { realClock, type Clock } from './polling.js'
import { redactor } from './redact.js'
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
   * Check in a worker thread whose entry is this bundle (dist/index.js), whose young generation
   * stays small: V8 lets the young generation of a busy heap grow to 128 MB, and an action cannot
   * pass V8 flags, but a worker's young generation is bounded by its resource limits.
   */
  inWorker?: boolean
}

/** The young generation of the worker that checks: 600,000 scores keep many objects alive briefly. */
const YOUNG_GENERATION_MB = 16

/** The check and its reports, in this thread. */
export async function checkAndReportHere(config: Config, clock: Clock = realClock): Promise<void> {
  const { checkAndReport } = await import('./action-sinks.js')
  await checkAndReport(config, clock)
}

/** Runs this bundle again in a worker, which checks and reports; the step ends with its exit code. */
async function checkAndReportInWorker(config: Config): Promise<void> {
  const worker = new Worker(new URL(import.meta.url), { workerData: config, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } })
  const exitCode = await new Promise<number>((resolve, reject) => {
    worker.on('error', reject)
    worker.on('exit', resolve)
  })
  if (exitCode !== 0) process.exitCode = exitCode
}

function validConfig(clock: Clock, apiKey: string): Config | undefined {
  try {
    return parseConfig(readInput, dayOf(new Date(clock.now())))
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    const redact = redactor(apiKey)
    for (const problem of error.problems) issueCommand('error', redact(`Input "${problem.input}": ${problem.message}`))
    issueCommand('error', `Invalid input: ${error.problems.map((problem) => problem.input).join(', ')}; nothing was sent to SendGrid`)
    process.exitCode = 1
    return undefined
  }
}
