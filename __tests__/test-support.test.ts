import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { request } from 'undici'
import { startSimulator, SCORES_PATH, DEFAULT_API_KEY, utcToday } from '../sim/simulator.js'
import { VirtualClock } from './support/virtual-clock.js'

/** The support the other tests stand on: the virtual clock, and the warnings a run expects. */

describe('VirtualClock', () => {
  it('wakes sleeps in the order they are due, those due together at once, and says how long the work took', async () => {
    const clock = new VirtualClock(1_000_000)
    const woke: string[] = []
    const nap = async (name: string, ms: number): Promise<void> => {
      await clock.sleep(ms)
      woke.push(`${name}@${clock.now()}`)
    }

    const { value, elapsedMs } = await clock.drive(async () => {
      await Promise.all([nap('late', 300), nap('early', 100), nap('twin-a', 200), nap('twin-b', 200)])
      await nap('after', 50)
      return 'done'
    })

    expect(value).toBe('done')
    expect(woke).toEqual(['early@1000100', 'twin-a@1000200', 'twin-b@1000200', 'late@1000300', 'after@1000350'])
    expect(elapsedMs).toBe(350)
  })

  it('never moves while an HTTP request is on the wire, so a timer cannot overtake an answer', async () => {
    const clock = new VirtualClock()
    // The answer takes 100 ms of real time; the timer is due after 1 ms of virtual time.
    const sim = await startSimulator({ latencyMs: 100, clock })
    const order: string[] = []
    try {
      await clock.drive(async () => {
        const answer = request(`${sim.url}${SCORES_PATH}?from=${utcToday()}&to=${utcToday()}`, { headers: { authorization: `Bearer ${DEFAULT_API_KEY}` } })
          .then((response) => response.body.text())
          .then(() => order.push('answer'))
        const timer = clock.sleep(1).then(() => order.push('timer'))
        await Promise.all([answer, timer])
      })
    } finally {
      await sim.close()
    }

    expect(order).toEqual(['answer', 'timer'])
  })

  it('ends a sleep its signal aborts at once, so that time does not run on to it', async () => {
    const clock = new VirtualClock(0)
    const stop = new AbortController()
    const { elapsedMs } = await clock.drive(async () => {
      const long = clock.sleep(60_000, stop.signal)
      await clock.sleep(10)
      stop.abort()
      await long
      await clock.sleep(5, AbortSignal.abort())
    })
    expect(elapsedMs).toBe(10)
  })

  it('passes its errors on', async () => {
    const clock = new VirtualClock()
    await expect(clock.drive(async () => {
      await clock.sleep(10)
      throw new Error('broken')
    })).rejects.toThrow('broken')
  })
})

describe('the warnings a test run expects', () => {
  const PRELOAD = fileURLToPath(new URL('./support/expected-warnings.js', import.meta.url))

  it('are dropped by the preload every test process loads, and only they', () => {
    const emit = [
      "process.emitWarning('VM Modules is an experimental feature and might change at any time', 'ExperimentalWarning')",
      "process.emitWarning('EnvHttpProxyAgent is experimental, expect them to change at any time.', { code: 'UNDICI-EHPA' })",
      "process.emitWarning('Another feature is an experimental feature', 'ExperimentalWarning')",
      "process.emitWarning('Something new', { code: 'UNDICI-NEW' })",
      "process.emitWarning(new Error('deprecated thing'))"
    ].join(';')
    const child = spawnSync(process.execPath, ['--import', PRELOAD, '-e', emit], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } })

    expect(child.status).toBe(0)
    expect(child.stderr).not.toContain('VM Modules')
    expect(child.stderr).not.toContain('EnvHttpProxyAgent')
    expect(child.stderr).toContain('ExperimentalWarning: Another feature is an experimental feature')
    expect(child.stderr).toContain('[UNDICI-NEW] Warning: Something new')
    expect(child.stderr).toContain('Error: deprecated thing')
  })

  it('is preloaded by npm test', () => {
    const scripts = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts
    expect(scripts.test).toMatch(/NODE_OPTIONS='[^']*--import \.\/__tests__\/support\/expected-warnings\.js[^']*' jest/)
  })
})
