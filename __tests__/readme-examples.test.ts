import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { parse, parseDocument } from 'yaml'
import { InputError, parseConfig, type InputName } from '../src/inputs.js'

/** The workflow examples of the README and docs/examples.md are what newcomers copy: they must parse and name only real inputs. */

const read = (path: string): Promise<string> => readFile(new URL(`../${path}`, import.meta.url), 'utf8')
const THIS_ACTION = /^sendgrid-engagement-quality-gate\/action@/
const TODAY = '2026-06-15'

/** Where the examples are: the README, and the ones it sends to docs/examples.md. */
const EXAMPLE_FILES = ['README.md', 'docs/examples.md']

interface Block {
  /** `README.md:42`: the file and the line the block starts on. */
  line: string
  text: string
}

type Step = Record<string, unknown> & { uses: string; with?: Record<string, unknown> }

function yamlBlocks(file: string, markdown: string): Block[] {
  return [...markdown.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((match) => ({
    line: `${file}:${markdown.slice(0, match.index).split('\n').length}`,
    text: match[1] ?? ''
  }))
}

async function exampleBlocks(): Promise<Block[]> {
  const files = await Promise.all(EXAMPLE_FILES.map(async (file) => yamlBlocks(file, await read(file))))
  return files.flat()
}

/** Every step, anywhere in a workflow or a fragment of one, that uses this action. */
function stepsOfThisAction(node: unknown): Step[] {
  if (Array.isArray(node)) return node.flatMap(stepsOfThisAction)
  if (typeof node !== 'object' || node === null) return []
  const here = typeof (node as Step).uses === 'string' && THIS_ACTION.test((node as Step).uses) ? [node as Step] : []
  return [...here, ...Object.values(node).flatMap(stepsOfThisAction)]
}

async function examples(): Promise<{ line: string; step: Step }[]> {
  return (await exampleBlocks()).flatMap(({ line, text }) => stepsOfThisAction(parse(text)).map((step) => ({ line, step })))
}

async function declaredInputs(): Promise<Record<string, { required?: boolean }>> {
  return (parse(await read('action.yml')) as { inputs: Record<string, { required?: boolean }> }).inputs
}

/** The runner passes `with:` values as strings; expressions are only known at run time. */
function withValue(step: Step, name: string): string {
  const value = step.with?.[name]
  if (value === undefined) return ''
  const text = String(value)
  if (!text.includes('${{')) return text
  return name === 'api-key' ? 'SG.from-a-secret' : ''
}

describe('workflow examples of the README and docs/examples.md', () => {
  it('are valid YAML, every block of them', async () => {
    const blocks = await exampleBlocks()

    expect(blocks.length).toBeGreaterThanOrEqual(7)
    for (const { line, text } of blocks) {
      const errors = parseDocument(text).errors.map((error) => error.message)
      expect({ line, errors }).toEqual({ line, errors: [] })
    }
  })

  it('use this action in at least the seven documented examples', async () => {
    expect((await examples()).length).toBeGreaterThanOrEqual(7)
  })

  it('name only inputs that action.yml declares, and every required one', async () => {
    const inputs = await declaredInputs()
    const required = Object.keys(inputs).filter((name) => inputs[name]?.required === true)
    for (const { line, step } of await examples()) {
      const names = Object.keys(step.with ?? {})
      expect({ line, undeclared: names.filter((name) => !(name in inputs)) }).toEqual({ line, undeclared: [] })
      expect({ line, missing: required.filter((name) => !names.includes(name)) }).toEqual({ line, missing: [] })
    }
  })

  it('give values the action accepts (expressions aside)', async () => {
    for (const { line, step } of await examples()) {
      let problems: string[] = []
      try {
        parseConfig((name: InputName) => withValue(step, name), TODAY)
      } catch (error) {
        if (!(error instanceof InputError)) throw error
        problems = error.problems.map(({ input, message }) => `${input}: ${message}`)
      }
      expect({ line, problems }).toEqual({ line, problems: [] })
    }
  })
})
