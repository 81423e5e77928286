import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { DEFAULT_API_KEY } from '../../sim/simulator.js'

/** The bundled CLI, run as a user runs it: `node dist/cli/index.js` with flags and SENDGRID_API_KEY. */
export const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url))

export interface CliRun {
  exitCode: number
  stdout: string
  stderr: string
}

/** Runs `command` in pipes with only PATH and `env` set (no proxy variables leak in from the machine). */
export async function runCommand(command: string, args: string[], env: Record<string, string> = {}, cwd?: string): Promise<CliRun> {
  const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const stdout: string[] = []
  const stderr: string[] = []
  child.stdout.on('data', (chunk) => stdout.push(String(chunk)))
  child.stderr.on('data', (chunk) => stderr.push(String(chunk)))
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve(code ?? -1))
  })
  return { exitCode, stdout: stdout.join(''), stderr: stderr.join('') }
}

/** Runs the built CLI with `node` (this test's Node by default). */
export function cli(args: string[], env: Record<string, string> = { SENDGRID_API_KEY: DEFAULT_API_KEY }, node = process.execPath): Promise<CliRun> {
  return runCommand(node, [CLI, ...args], env)
}
