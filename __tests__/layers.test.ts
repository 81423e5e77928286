import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, posix, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The folders of src/ are layers, and imports run only downward: a face (`action/`, `cli/`) may
 * use anything below it but never the other face; the records and the small helpers at the
 * bottom use nothing above them. `sendgrid/` (fetching) and
 * `gate/` (judging) sit side by side and never import each other, and `sendgrid/` knows no
 * thresholds: it never reads the config that holds them.
 */

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', 'src')

/** Each layer by rank (higher may import lower), with the modules or folders in it. */
const LAYERS: { name: string; rank: number; members: string[] }[] = [
  /** The two faces stand side by side: neither imports the other. */
  { name: 'action', rank: 5, members: ['action/'] },
  { name: 'cli', rank: 5, members: ['cli/'] },
  { name: 'engine', rank: 4, members: ['engine.ts'] },
  { name: 'report', rank: 3, members: ['report/'] },
  { name: 'sendgrid', rank: 2, members: ['sendgrid/'] },
  { name: 'gate', rank: 2, members: ['gate/'] },
  { name: 'inputs', rank: 1.5, members: ['inputs.ts'] },
  { name: 'records', rank: 1, members: ['records/'] },
  { name: 'helpers', rank: 0, members: ['dates.ts', 'json.ts', 'messages.ts', 'clock.ts'] },
  /** The CLI's --version reads the package's own. */
  { name: 'package', rank: 0, members: ['../package.json'] }
]

/** Packages only some layers may use: GitHub's toolkit belongs to the Action's face and the report, HTTP to the client. */
const PACKAGES: Record<string, string[]> = {
  '@actions/': ['action', 'report'],
  undici: ['sendgrid']
}

/** Pairs that may not meet even where the ranks allow. */
const FORBIDDEN: [from: string, to: string, why: string][] = [
  ['sendgrid', 'inputs', 'the SendGrid layer knows no thresholds; take what it needs as its own type'],
  ['sendgrid', 'gate', 'fetching and judging sit side by side'],
  ['gate', 'sendgrid', 'fetching and judging sit side by side']
]

function layerOf(path: string): string | undefined {
  return LAYERS.find((layer) => layer.members.some((member) => (member.endsWith('/') ? path.startsWith(member) : path === member)))?.name
}

function rankOf(name: string): number {
  return LAYERS.find((layer) => layer.name === name)?.rank ?? Number.NaN
}

/** Every module specifier a source imports or re-exports, statically or dynamically. */
export function importsOf(source: string): string[] {
  const specifiers = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g), ...source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)]
  return specifiers.map((match) => match[1] as string)
}

/** What is wrong with `file` (relative to src/) importing `specifier`; undefined when it may. */
export function crossing(file: string, specifier: string): string | undefined {
  const from = layerOf(file)
  if (from === undefined) return `${file} belongs to no layer: add it to LAYERS in __tests__/layers.test.ts`
  if (!specifier.startsWith('.')) {
    const restricted = Object.entries(PACKAGES).find(([prefix]) => specifier.startsWith(prefix))
    if (restricted && !restricted[1].includes(from)) return `${file} (${from}) imports ${specifier}, which only ${restricted[1].join(' and ')} may use`
    return undefined
  }
  const target = posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.js$/, '.ts')
  const to = layerOf(target)
  if (to === undefined) return `${file} imports ${target}, which belongs to no layer`
  const forbidden = FORBIDDEN.find(([a, b]) => a === from && b === to)
  if (forbidden) return `${file} (${from}) imports ${target} (${to}): ${forbidden[2]}`
  if (rankOf(to) > rankOf(from)) return `${file} (${from}) imports ${target} (${to}), a layer above it`
  if (from !== to && rankOf(to) === rankOf(from)) return `${file} (${from}) imports ${target} (${to}), a layer beside it`
  return undefined
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []
  )
}

describe('layers of src/', () => {
  it('has every import of every module run downward', () => {
    const crossings = sourceFiles(SRC).flatMap((path) => {
      const file = relative(SRC, path).split('\\').join('/')
      return importsOf(readFileSync(path, 'utf8')).flatMap((specifier) => crossing(file, specifier) ?? [])
    })
    expect(crossings).toEqual([])
  })

  it('keeps at most six files at the top of src/: the engine, the inputs and what every layer shares', () => {
    const top = readdirSync(SRC, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name)
    expect(top.length).toBeLessThanOrEqual(6)
    expect(top).toEqual(expect.arrayContaining(['engine.ts', 'inputs.ts']))
  })

  it('finds imports in every form a module uses', () => {
    const source = [
      "import { a } from './a.js'",
      "import type { B } from '../b.js'",
      "export { c } from './c.js'",
      'import {\n  d,\n  e\n} from "./d.js"',
      "const f = await import('./f.js')"
    ].join('\n')
    expect(importsOf(source)).toEqual(['./a.js', '../b.js', './c.js', './d.js', './f.js'])
  })

  it('refuses an import that runs upward, sideways between fetching and judging, or into thresholds', () => {
    expect(crossing('records/record-store.ts', '../report/summary.js')).toMatch(/a layer above it/)
    expect(crossing('gate/evaluate.ts', '../sendgrid/collect.js')).toMatch(/side by side/)
    expect(crossing('sendgrid/collect.ts', '../gate/evaluate.js')).toMatch(/side by side/)
    expect(crossing('sendgrid/planner.ts', '../inputs.js')).toMatch(/knows no thresholds/)
    expect(crossing('gate/evaluate.ts', '../action/main.js')).toMatch(/a layer above it/)
    expect(crossing('cli/main.ts', '../action/sinks.js')).toMatch(/a layer beside it/)
    expect(crossing('action/main.ts', '../cli/arguments.js')).toMatch(/a layer beside it/)
    expect(crossing('cli/main.ts', '@actions/core')).toMatch(/only action and report may use/)
    expect(crossing('sendgrid/client.ts', '@actions/core')).toMatch(/only action and report may use/)
    expect(crossing('report/summary.ts', 'undici')).toMatch(/only sendgrid may use/)
    expect(crossing('new-module.ts', './dates.js')).toMatch(/belongs to no layer/)
  })

  it('lets an import run down or stay in its own folder', () => {
    expect(crossing('gate/evaluate.ts', '../inputs.js')).toBeUndefined()
    expect(crossing('report/summary.ts', '../gate/evaluate.js')).toBeUndefined()
    expect(crossing('sendgrid/collect.ts', './client.js')).toBeUndefined()
    expect(crossing('action/main.ts', './sinks.js')).toBeUndefined()
    expect(crossing('cli/main.ts', '../engine.js')).toBeUndefined()
    expect(crossing('report/github.ts', '@actions/github')).toBeUndefined()
  })
})
