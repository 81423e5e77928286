import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inputVariable, parseOutputFile, type ActionRun } from '../../scripts/run-action.js'

export { runDist, type ActionRun } from '../../scripts/run-action.js'

export type Inputs = Record<string, string>

let runnerDir: string | undefined

/**
 * The runner's output and summary files, emptied for each run (core.summary.write() needs the
 * file to exist). The paths stay the same for the whole test file: @actions/core caches them.
 */
async function runnerFiles(): Promise<{ env: Record<string, string>; outputPath: string; summaryPath: string }> {
  runnerDir ??= await mkdtemp(join(tmpdir(), 'seq-gate-'))
  const outputPath = join(runnerDir, 'output')
  const summaryPath = join(runnerDir, 'summary.md')
  await writeFile(outputPath, '')
  await writeFile(summaryPath, '')
  return { env: { GITHUB_OUTPUT: outputPath, GITHUB_STEP_SUMMARY: summaryPath, RUNNER_TEMP: runnerDir }, outputPath, summaryPath }
}

/** Runs `run()` from src/main.ts in this process, as the runner runs the bundle, capturing what it prints. */
export async function runInProcess(inputs: Inputs, extraEnv: Record<string, string> = {}): Promise<ActionRun> {
  const files = await runnerFiles()
  const env: Record<string, string> = { ...files.env, ...extraEnv }
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value
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
  return {
    exitCode,
    stdout: printed.join(''),
    outputs: parseOutputFile(await readFile(files.outputPath, 'utf8')),
    summary: await readFile(files.summaryPath, 'utf8')
  }
}

/** The `::error::` or `::warning::` annotations a run printed, without their command prefix. */
export function annotations(stdout: string, level: 'error' | 'warning'): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(`::${level}`))
    .map((line) => line.replace(/^::[^:]*::/, ''))
}
