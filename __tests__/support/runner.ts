import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { actionRun, inputVariables, runnerFiles, type ActionRun } from '../../scripts/run-action.js'

export { runDist, type ActionRun } from '../../scripts/run-action.js'

export type Inputs = Record<string, string>

/** Runs in one process share one folder for the runner's files: @actions/core caches their paths. */
let runnerDir: string | undefined

/** Runs `run()` from src/main.ts in this process, as the runner runs the bundle, capturing what it prints. */
export async function runInProcess(inputs: Inputs, extraEnv: Record<string, string> = {}): Promise<ActionRun> {
  runnerDir ??= await mkdtemp(join(tmpdir(), 'seq-gate-'))
  const files = await runnerFiles(runnerDir)
  const env: Record<string, string> = { ...files.env, ...extraEnv, ...inputVariables(inputs) }
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]))
  Object.assign(process.env, env)
  const printed: string[] = []
  const write = process.stdout.write
  process.stdout.write = ((chunk: string | Uint8Array) => {
    printed.push(String(chunk))
    return true
  }) as typeof process.stdout.write
  try {
    const { run } = await import('../../src/main.js')
    await run()
  } finally {
    process.stdout.write = write
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
  const exitCode = Number(process.exitCode ?? 0)
  process.exitCode = undefined
  return actionRun(exitCode, printed.join(''), files)
}

/** The `::error::` or `::warning::` annotations a run printed, without their command prefix. */
export function annotations(stdout: string, level: 'error' | 'warning'): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(`::${level}`))
    .map((line) => line.replace(/^::[^:]*::/, ''))
}
