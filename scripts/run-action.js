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
function inputVariable(name) {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/**
 * Reads the `name<<DELIMITER ... DELIMITER` blocks @actions/core writes to GITHUB_OUTPUT.
 * @param {string} text
 * @returns {Record<string, string>}
 */
function parseOutputFile(text) {
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
  const files = await runnerFiles(dir)
  const variables = { PATH: process.env.PATH ?? '', ...files.env, ...env, ...inputVariables(inputs) }
  try {
    const child = spawn(process.execPath, [DIST_ENTRY], { env: variables, stdio: ['ignore', 'pipe', 'pipe'] })
    /** @type {string[]} */
    const printed = []
    child.stdout.on('data', (chunk) => printed.push(String(chunk)))
    child.stderr.on('data', (chunk) => printed.push(String(chunk)))
    /** @type {number} */
    const exitCode = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? -1)))
    return await actionRun(exitCode, printed.join(''), files)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * @typedef {object} RunnerFiles
 * @property {Record<string, string>} env GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and RUNNER_TEMP
 * @property {string} outputPath
 * @property {string} summaryPath
 */

/**
 * The runner's output and summary files in `dir`, emptied (core.summary.write() needs the summary
 * file to exist), and the variables that point at them.
 * @param {string} dir
 * @returns {Promise<RunnerFiles>}
 */
export async function runnerFiles(dir) {
  const outputPath = join(dir, 'output')
  const summaryPath = join(dir, 'summary.md')
  await writeFile(outputPath, '')
  await writeFile(summaryPath, '')
  return { env: { GITHUB_OUTPUT: outputPath, GITHUB_STEP_SUMMARY: summaryPath, RUNNER_TEMP: dir }, outputPath, summaryPath }
}

/**
 * The INPUT_* variable of each input.
 * @param {Record<string, string>} inputs
 * @returns {Record<string, string>}
 */
export function inputVariables(inputs) {
  return Object.fromEntries(Object.entries(inputs).map(([name, value]) => [inputVariable(name), value]))
}

/**
 * A finished run: its exit code, what it printed, and the outputs and summary it wrote.
 * @param {number} exitCode
 * @param {string} stdout
 * @param {RunnerFiles} files
 * @returns {Promise<ActionRun>}
 */
export async function actionRun(exitCode, stdout, files) {
  return { exitCode, stdout, outputs: parseOutputFile(await readFile(files.outputPath, 'utf8')), summary: await readFile(files.summaryPath, 'utf8') }
}
