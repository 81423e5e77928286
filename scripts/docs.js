// @ts-check
/**
 * Writes the README's input and output tables from action.yml, so the docs cannot drift from the
 * action. `node scripts/docs.js` rewrites README.md; `--check` only reports drift (exit 1).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const ROOT = new URL('..', import.meta.url)

/**
 * @typedef {{ description: string, required?: boolean, default?: string }} ActionInput
 * @typedef {{ inputs: Record<string, ActionInput>, outputs: Record<string, { description: string }> }} ActionMetadata
 */

/** @param {string} text */
function cell(text) {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').trim()
}

/** @param {ActionMetadata} action */
export function inputsTable(action) {
  const rows = Object.entries(action.inputs).map(([name, input]) => {
    const fallback = input.required ? 'required' : input.default === '' ? '_empty_' : `\`${input.default}\``
    return `| \`${name}\` | ${fallback} | ${cell(input.description)} |`
  })
  return ['| Input | Default | Description |', '|---|---|---|', ...rows].join('\n')
}

/** @param {ActionMetadata} action */
export function outputsTable(action) {
  const rows = Object.entries(action.outputs).map(([name, output]) => `| \`${name}\` | ${cell(output.description)} |`)
  return ['| Output | Value |', '|---|---|', ...rows].join('\n')
}

/**
 * The README with its generated sections replaced.
 * @param {string} readme
 * @param {string} actionYml
 */
export function renderReadme(readme, actionYml) {
  /** @type {ActionMetadata} */
  const action = parse(actionYml)
  return replaceSection(replaceSection(readme, 'inputs', inputsTable(action)), 'outputs', outputsTable(action))
}

/**
 * @param {string} text
 * @param {string} name
 * @param {string} content
 */
function replaceSection(text, name, content) {
  const start = `<!-- ${name}:start (generated from action.yml by npm run docs) -->`
  const end = `<!-- ${name}:end -->`
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  if (from < 0 || to < from) throw new Error(`README.md lacks the markers ${start} ... ${end}`)
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readmePath = new URL('README.md', ROOT)
  const readme = await readFile(readmePath, 'utf8')
  const rendered = renderReadme(readme, await readFile(new URL('action.yml', ROOT), 'utf8'))
  if (process.argv.includes('--check')) {
    if (rendered !== readme) {
      console.error('README.md input/output tables differ from action.yml: run npm run docs')
      process.exit(1)
    }
  } else {
    await writeFile(readmePath, rendered)
  }
}
