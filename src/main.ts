import { dayOf } from './dates.js'
import { InputError, parseConfig, type Config } from './inputs.js'
import { realClock, type Clock } from './polling.js'
import { redactor } from './redact.js'
import { issueCommand, readInput } from './workflow-commands.js'

/**
 * The Action's face: inputs in, verdict out. Inputs are read and validated before anything heavy
 * loads, so a bad input fails in milliseconds with an ::error:: per problem and no request sent.
 */
export async function run(clock: Clock = realClock): Promise<void> {
  const apiKey = readInput('api-key')
  // Masked before anything else can print it.
  if (apiKey) issueCommand('add-mask', apiKey)
  const config = validConfig(clock, apiKey)
  if (!config) return
  const { checkAndReport } = await import('./action-sinks.js')
  await checkAndReport(config, clock)
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
