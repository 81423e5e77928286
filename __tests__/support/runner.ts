import { actionRun, inputVariables, runnerFiles, type ActionRun } from '../../scripts/run-action.js'
import { temporaryFolder } from './temp.js'
import { VirtualClock } from './virtual-clock.js'

export { runDist, type ActionRun } from '../../scripts/run-action.js'

export type Inputs = Record<string, string>

/** A run in this process: how long it took on its clock comes with it. */
export interface InProcessRun extends ActionRun {
  /** Virtual time the run spent waiting (polls, backoffs, rate-limit resets). */
  elapsedMs: number
}

/**
 * Runs in one test file share one folder for the runner's files (@actions/core caches their
 * paths), removed when the file ends.
 */
let runnerDir: string | undefined

/**
 * Runs `run()` from src/action/main.ts in this process, as the runner runs the bundle, capturing what it
 * prints. It runs on `clock`, a fresh virtual clock unless the test shares one with the simulator,
 * so no wait in it takes real time.
 */
export async function runInProcess(inputs: Inputs, extraEnv: Record<string, string> = {}, clock = new VirtualClock()): Promise<InProcessRun> {
  runnerDir ??= await temporaryFolder('seq-gate-')
  const files = await runnerFiles(runnerDir)
  const env: Record<string, string> = { ...files.env, ...extraEnv, ...inputVariables(inputs) }
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]))
  Object.assign(process.env, env)
  const printed: string[] = []
  const restore = [capture(process.stdout, printed), capture(process.stderr, printed)]
  let elapsedMs = 0
  try {
    const { run } = await import('../../src/action/main.js')
    elapsedMs = (await clock.drive(() => run(clock))).elapsedMs
  } finally {
    for (const undo of restore) undo()
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
  const exitCode = Number(process.exitCode ?? 0)
  process.exitCode = undefined
  return { ...(await actionRun(exitCode, printed.join(''), files)), elapsedMs }
}

/** Sends what `stream` is given to `printed` instead, as a child's piped output would; returns the undo. */
function capture(stream: NodeJS.WriteStream, printed: string[]): () => void {
  const write = stream.write
  stream.write = ((chunk: string | Uint8Array) => {
    printed.push(String(chunk))
    return true
  }) as typeof stream.write
  return () => {
    stream.write = write
  }
}

/** The `::error::` or `::warning::` annotations a run printed, without their command prefix. */
export function annotations(stdout: string, level: 'error' | 'warning'): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(`::${level}`))
    .map((line) => line.replace(/^::[^:]*::/, ''))
}
