import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { parse } from 'yaml'
import { renderReadme } from '../scripts/docs.js'

const read = (path: string): Promise<string> => readFile(new URL(`../${path}`, import.meta.url), 'utf8')

describe('README', () => {
  it('has the input and output tables action.yml generates (run npm run docs when this fails)', async () => {
    const readme = await read('README.md')
    expect(renderReadme(readme, await read('action.yml'))).toBe(readme)
  })

  it('documents every input with a description and a default, and every output with a description', async () => {
    const action = parse(await read('action.yml')) as {
      inputs: Record<string, { description?: string; required?: boolean; default?: string }>
      outputs: Record<string, { description?: string }>
    }
    for (const [name, input] of Object.entries(action.inputs)) {
      expect([name, typeof input.description]).toEqual([name, 'string'])
      expect([name, input.required === true || typeof input.default === 'string']).toEqual([name, true])
    }
    for (const [name, output] of Object.entries(action.outputs)) expect([name, typeof output.description]).toEqual([name, 'string'])
  })

  it('names the install and test commands that CI runs', async () => {
    const [readme, ci] = await Promise.all([read('README.md'), read('.ci/run')])
    for (const command of ['npm ci', 'npm test']) {
      expect(readme).toContain(`\n${command}\n`)
      expect(ci).toContain(command)
    }
  })
})
