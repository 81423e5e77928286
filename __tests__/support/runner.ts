import { spawn } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Runs the action the way the runner does: inputs as INPUT_* variables, outputs and the job
 * summary written to the files GITHUB_OUTPUT and GITHUB_STEP_SUMMARY name.
 */

export interface ActionRun {
  exitCode: number
  stdout: string
  outputs: Record<string, string>
  summary: string
}

export type Inputs = Record<string, string>

export const DIST_ENTRY = fileURLToPath(new URL('../../dist/index.js', import.meta.url))

/** The variable the runner sets for an input: upper-cased, spaces to underscores, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

interface RunnerFiles {
  env: Record<string, string>
  collect(): Promise<Pick<ActionRun, 'outputs' | 'summary'>>
}

let runnerDir: string | undefined

/**
 * Creates the files the runner provides (core.summary.write() needs the summary file to exist).
 * The paths stay the same for the whole test file because @actions/core caches the summary path.
 */
async function runnerFiles(inputs: Inputs): Promise<RunnerFiles> {
  runnerDir ??= await mkdtemp(join(tmpdir(), 'seq-gate-'))
  const outputPath = join(runnerDir, 'output')
  const summaryPath = join(runnerDir, 'summary.md')
  await writeFile(outputPath, '')
  await writeFile(summaryPath, '')
  const env: Record<string, string> = { GITHUB_OUTPUT: outputPath, GITHUB_STEP_SUMMARY: summaryPath, RUNNER_TEMP: runnerDir }
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value
  return {
    env,
    async collect() {
      return { outputs: parseOutputFile(await readFile(outputPath, 'utf8')), summary: await readFile(summaryPath, 'utf8') }
    }
  }
}

/** Reads the `name<<DELIMITER ... DELIMITER` blocks @actions/core writes to GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const header = /^([^<]+)<<(.+)$/.exec(lines[index] ?? '')
    if (!header) continue
    const [, name = '', delimiter] = header
    const end = lines.indexOf(delimiter ?? '', index + 1)
    outputs[name] = lines.slice(index + 1, end).join('\n')
    index = end
  }
  return outputs
}

/** Runs `run()` from src/main.ts in this process, capturing what it prints. */
export async function runInProcess(inputs: Inputs, extraEnv: Record<string, string> = {}): Promise<ActionRun> {
  const files = await runnerFiles(inputs)
  const env = { ...files.env, ...extraEnv }
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
  return { exitCode, stdout: printed.join(''), ...(await files.collect()) }
}

/** Runs the built dist/index.js in a child process, as the runner does. */
export async function runDist(inputs: Inputs, extraEnv: Record<string, string> = {}): Promise<ActionRun> {
  const files = await runnerFiles(inputs)
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', ...files.env, ...extraEnv }
  const child = spawn(process.execPath, [DIST_ENTRY], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  const printed: string[] = []
  child.stdout.on('data', (chunk: Buffer) => printed.push(chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => printed.push(chunk.toString()))
  const exitCode = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)))
  return { exitCode, stdout: printed.join(''), ...(await files.collect()) }
}

/** The `::error::`, `::warning::` lines (annotations) the run printed. */
export function annotations(stdout: string, level: 'error' | 'warning'): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(`::${level}`))
    .map((line) => line.replace(/^::[^:]*::/, ''))
}
