import { afterEach, describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { demoScenario } from '../sim/scenarios.js'
import { startSimulator, type Simulator } from '../sim/simulator.js'
import { cli } from './support/cli.js'

/**
 * The built CLI on the oldest Node.js it declares, and on one older than that. Both binaries come
 * from npm (`node` packages pinned in scripts/node-versions/, each its own package so that their
 * `node` never takes the place of Node 24 on the npm scripts' PATH).
 */

const read = async <T>(path: string): Promise<T> => JSON.parse(await readFile(new URL(`../${path}`, import.meta.url), 'utf8')) as T
const nodeOf = (folder: string): string => fileURLToPath(new URL(`../scripts/node-versions/${folder}/node_modules/node/bin/node`, import.meta.url))
const OLDEST = nodeOf('node-22')
const TOO_OLD = nodeOf('node-20')

let simulator: Simulator | undefined
afterEach(async () => {
  await simulator?.close()
  simulator = undefined
})

describe('Node.js versions', () => {
  it('the oldest declared is the one tested: engines says >=22, and node-22 pins 22.0.0', async () => {
    const { engines } = await read<{ engines: { node: string } }>('package.json')
    const pinned = await read<{ dependencies: { node: string } }>('scripts/node-versions/node-22/package.json')
    expect(engines.node).toBe('>=22')
    expect(pinned.dependencies.node).toBe('22.0.0')
    expect((await cli(['--version'], {}, OLDEST)).exitCode).toBe(0)
  })

  it('on the oldest, a breach reports and exits 1 in Markdown and JSON', async () => {
    const scenario = demoScenario()
    simulator = await startSimulator({ ...scenario, pending: undefined })
    const flags = ['--base-url', simulator.url, '--subusers', 'newsletters', '--min-metric-scores', 'spam_rate=3']

    const markdown = await cli(flags, undefined, OLDEST)
    expect([markdown.exitCode, markdown.stderr]).toEqual([1, expect.stringMatching(/^Fetching /)])
    expect(markdown.stdout).toMatch(/^## ❌ SendGrid engagement quality failed: 1 account below threshold: score on 2 days, spam rate on 2 days;/)
    expect(markdown.stdout).toContain('### What to fix')

    const json = await cli([...flags, '--format', 'json'], undefined, OLDEST)
    expect(json.exitCode).toBe(1)
    expect(JSON.parse(json.stdout)).toMatchObject({ outputs: { passed: false, result: 'failed', 'lowest-score': 2 } })
  })

  it('an older one gets one line and exit 2, before anything is read or sent', async () => {
    simulator = await startSimulator({ ...demoScenario(), pending: undefined })
    const run = await cli(['--base-url', simulator.url, '--subusers', 'newsletters'], undefined, TOO_OLD)

    expect(run).toEqual({ exitCode: 2, stdout: '', stderr: 'seq-gate needs Node.js 22 or later; this is v20.20.2\n' })
    expect(simulator.requests).toEqual([])
    expect((await cli(['--version'], {}, TOO_OLD)).stderr).toBe('seq-gate needs Node.js 22 or later; this is v20.20.2\n')
  })
})
