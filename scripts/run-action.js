// @ts-check
/**
 * Runs the built action the way the GitHub runner does: inputs as INPUT_* variables, outputs and
 * the job summary written to the files GITHUB_OUTPUT and GITHUB_STEP_SUMMARY name.
 * Shared by the demo, the benchmark and the tests.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const DIST_ENTRY = fileURLToPath(new URL('../dist/index.js', import.meta.url))

/**
 * @typedef {object} ActionRun
 * @property {number} exitCode
 * @property {string} stdout what the action printed (stdout and stderr, interleaved)
 * @property {Record<string, string>} outputs
 * @property {string} summary
 */

/**
 * The variable the runner sets for an input: upper-cased, spaces to underscores, hyphens kept.
 * @param {string} name
 */
export function inputVariable(name) {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/**
 * Reads the `name<<DELIMITER ... DELIMITER` blocks @actions/core writes to GITHUB_OUTPUT.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseOutputFile(text) {
  /** @type {Record<string, string>} */
  const outputs = {}
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const header = /^([^<]+)<<(.+)$/.exec(lines[index] ?? '')
    if (!header) continue
    const [, name = '', delimiter = ''] = header
    const end = lines.indexOf(delimiter, index + 1)
    outputs[name] = lines.slice(index + 1, end).join('\n')
    index = end
  }
  return outputs
}

/**
 * Runs dist/index.js in a child process with the given inputs.
 * @param {Record<string, string>} inputs
 * @param {Record<string, string>} [env] more variables (only PATH is inherited)
 * @returns {Promise<ActionRun>}
 */
export async function runDist(inputs, env = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'seq-gate-'))
  const outputPath = join(dir, 'output')
  const summaryPath = join(dir, 'summary.md')
  await writeFile(outputPath, '')
  await writeFile(summaryPath, '')
  /** @type {Record<string, string>} */
  const variables = { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: outputPath, GITHUB_STEP_SUMMARY: summaryPath, RUNNER_TEMP: dir, ...env }
  for (const [name, value] of Object.entries(inputs)) variables[inputVariable(name)] = value
  try {
    const child = spawn(process.execPath, [DIST_ENTRY], { env: variables, stdio: ['ignore', 'pipe', 'pipe'] })
    /** @type {string[]} */
    const printed = []
    child.stdout.on('data', (chunk) => printed.push(String(chunk)))
    child.stderr.on('data', (chunk) => printed.push(String(chunk)))
    /** @type {number} */
    const exitCode = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? -1)))
    return {
      exitCode,
      stdout: printed.join(''),
      outputs: parseOutputFile(await readFile(outputPath, 'utf8')),
      summary: await readFile(summaryPath, 'utf8')
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
