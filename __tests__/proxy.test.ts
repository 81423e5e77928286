import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { DEFAULT_API_KEY, startSimulator, type Simulator } from '../sim/simulator.js'
import type { Failure } from '../src/records/collection.js'
import { annotations, runDist, runInProcess, type ActionRun, type Inputs } from './support/runner.js'
import { startProxy, type TestProxy } from './support/proxy.js'

/**
 * HTTP_PROXY / HTTPS_PROXY / NO_PROXY, through a real proxy on loopback. undici's
 * EnvHttpProxyAgent reads the variables when it is built, which run() does on every run, so the
 * in-process runs set them before run() and the dist runs pass them to the child process. The
 * bundle proves that its own copy of undici goes through the proxy and around it; the rest runs in
 * process, on a virtual clock.
 */

let simulator: Simulator | undefined
let proxy: TestProxy | undefined
afterEach(async () => {
  await proxy?.close()
  await simulator?.close()
  proxy = undefined
  simulator = undefined
})

async function setUp(options: { refuseConnect?: number } = {}): Promise<{ sim: Simulator; proxy: TestProxy; inputs: Inputs }> {
  simulator = await startSimulator({ parent: { username: 'acme', score: 4 } })
  proxy = await startProxy(options)
  return { sim: simulator, proxy, inputs: { 'api-key': DEFAULT_API_KEY, 'base-url': simulator.url, from: '-2d' } }
}

const target = (sim: Simulator): string => `127.0.0.1:${sim.port}`
/** What the failures in the run's report file are, apart from their words. */
const causesIn = async (run: ActionRun): Promise<Failure['cause'][]> =>
  (JSON.parse(await readFile(run.outputs['report-file'] ?? '', 'utf8')) as { failures: Failure[] }).failures.map((failure) => failure.cause)
/**
 * Proxy variables a developer's shell might have set are removed for this file, so the in-process
 * runs see only the ones a test sets (an empty lower-case variable would shadow the upper-case one).
 */
const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'NO_PROXY', 'no_proxy']
const saved = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, process.env[name]]))
beforeAll(() => {
  for (const name of PROXY_VARIABLES) delete process.env[name]
})
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value
})

describe('through a proxy', () => {
  it('sends every request across HTTP_PROXY (dist, proxy variables in the child environment)', async () => {
    const { sim, proxy, inputs } = await setUp()
    const run = await runDist(inputs, { HTTP_PROXY: proxy.url })

    expect(run.exitCode).toBe(0)
    expect(run.outputs.result).toBe('passed')
    expect(sim.requests).toHaveLength(1)
    expect(proxy.requests).toEqual([{ method: 'CONNECT', target: target(sim) }])
  })

  it('honours the lower-case https_proxy as well (in process, variables set before run())', async () => {
    const { sim, proxy, inputs } = await setUp()
    const run = await runInProcess(inputs, { https_proxy: proxy.url, http_proxy: proxy.url })

    expect(run.outputs.result).toBe('passed')
    expect(sim.requests).toHaveLength(1)
    expect(proxy.requests).toEqual([{ method: 'CONNECT', target: target(sim) }])
  })

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    const { sim, proxy, inputs } = await setUp()
    const run = await runDist(inputs, { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' })

    expect(run.outputs.result).toBe('passed')
    expect(sim.requests).toHaveLength(1)
    expect(proxy.requests).toEqual([])
  })

  it('bypasses the proxy for NO_PROXY in process too, and uses it again once NO_PROXY is gone', async () => {
    const { sim, proxy, inputs } = await setUp()
    const bypassed = await runInProcess(inputs, { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' })
    expect(bypassed.outputs.result).toBe('passed')
    expect(proxy.requests).toEqual([])

    const proxied = await runInProcess(inputs, { HTTP_PROXY: proxy.url })
    expect(proxied.outputs.result).toBe('passed')
    expect(sim.requests).toHaveLength(2)
    expect(proxy.requests).toEqual([{ method: 'CONNECT', target: target(sim) }])
  })

  it('goes direct without any proxy variable', async () => {
    const { sim, proxy, inputs } = await setUp()
    const run = await runInProcess(inputs)

    expect(run.outputs.result).toBe('passed')
    expect(sim.requests).toHaveLength(1)
    expect(proxy.requests).toEqual([])
  })

  it('says the proxy refused the tunnel, not that SendGrid timed out, and does not retry it', async () => {
    const { sim, proxy, inputs } = await setUp({ refuseConnect: 407 })
    const run = await runInProcess(inputs, { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url })

    expect(run.exitCode).toBe(1)
    expect(run.outputs.result).toBe('error')
    expect(sim.requests).toEqual([])
    expect(proxy.requests).toEqual([{ method: 'CONNECT', target: target(sim) }])
    expect(annotations(run.stdout, 'error')[0]).toMatch(
      /^parent account: the proxy refused to connect to 127\.0\.0\.1:\d+ \(HTTP 407\); check HTTPS_PROXY, HTTP_PROXY and NO_PROXY, and the proxy's credentials$/
    )
    expect(run.stdout).not.toContain('request-timeout')
    expect(await causesIn(run)).toEqual([{ endpoint: 'scores', network: 'proxy 407' }])
  })

  it('reports a proxy that does not listen as a network error naming the proxy\'s address', async () => {
    const { sim, proxy, inputs } = await setUp()
    const deadProxy = proxy.url
    const proxyAddress = deadProxy.replace('http://', '')
    await proxy.close()
    const run = await runInProcess({ ...inputs, 'wait-timeout': '1500ms' }, { HTTPS_PROXY: deadProxy, HTTP_PROXY: deadProxy })

    expect(run.outputs.result).toBe('error')
    expect(sim.requests).toEqual([])
    expect(annotations(run.stdout, 'error')[0]).toMatch(
      new RegExp(`^parent account: could not talk to ${target(sim)}: connect ECONNREFUSED ${proxyAddress} \\(wait-timeout ran out while retrying, after \\d+(ms|s)\\)$`)
    )
    expect(await causesIn(run)).toEqual([{ endpoint: 'scores', network: 'ECONNREFUSED' }])
  })
})
