import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import type { Clock } from '../../src/clock.js'

/**
 * Virtual time for tests that wait: a sleep on this clock never sleeps. `drive` runs a piece of work
 * to its end and, whenever that work is only waiting on this clock, moves time straight to the next
 * sleep that is due. It never moves while an HTTP exchange is on the wire (undici reports each
 * request it starts and ends), so an answer is never overtaken by a timer that, in real time, would
 * have fired later. A request-timeout stays real time (the client's own AbortSignal), and a request
 * that hangs until it fires takes no virtual time.
 *
 * Pass the same clock to the simulator (`startSimulator({ clock })`) when what it answers depends on
 * time: a 202 that lasts some milliseconds, a rate-limit window.
 */
export class VirtualClock implements Clock {
  private nowMs: number
  private readonly timers: Timer[] = []
  private timersMade = 0
  private readonly onTheWire = new Set<unknown>()
  /** Bumped by everything that moves the work forward, so `drive` can tell when it has settled. */
  private events = 0
  private wakeDriver: (() => void) | undefined

  /** Starts at `startMs` (default: now), so dates and rate-limit resets read as they would today. */
  constructor(startMs = Date.now()) {
    this.nowMs = startMs
  }

  now(): number {
    return this.nowMs
  }

  /** A sleep that `until` aborts ends at once, and no longer holds time back. */
  sleep(ms: number, until?: AbortSignal): Promise<void> {
    return new Promise((wake) => {
      if (until?.aborted) return wake()
      const timer: Timer = { at: this.nowMs + Math.max(0, ms), order: this.timersMade++, wake }
      this.timers.push(timer)
      until?.addEventListener(
        'abort',
        () => {
          const waiting = this.timers.indexOf(timer)
          if (waiting < 0) return
          this.timers.splice(waiting, 1)
          wake()
          this.happened()
        },
        { once: true }
      )
      this.happened()
    })
  }

  /** Runs `work` to its end on this clock, and says how much virtual time it took. */
  async drive<T>(work: () => Promise<T>): Promise<{ value: T; elapsedMs: number }> {
    const startedMs = this.nowMs
    const started = (message: unknown): void => {
      this.onTheWire.add(requestOf(message))
      this.happened()
    }
    const ended = (message: unknown): void => {
      this.onTheWire.delete(requestOf(message))
      this.happened()
    }
    subscribe('undici:request:create', started)
    subscribe('undici:request:trailers', ended)
    subscribe('undici:request:error', ended)
    let finished = false
    const running = work()
    const finish = (): void => {
      finished = true
      this.happened()
    }
    running.then(finish, finish)
    try {
      for (;;) {
        await this.settled()
        if (finished) return { value: await running, elapsedMs: this.nowMs - startedMs }
        if (this.onTheWire.size === 0 && this.timers.length > 0) this.advance()
        else await new Promise<void>((resolve) => (this.wakeDriver = resolve))
      }
    } finally {
      unsubscribe('undici:request:create', started)
      unsubscribe('undici:request:trailers', ended)
      unsubscribe('undici:request:error', ended)
      this.onTheWire.clear()
    }
  }

  private happened(): void {
    this.events++
    const wake = this.wakeDriver
    this.wakeDriver = undefined
    wake?.()
  }

  /**
   * Lets the work run until a few turns of the event loop pass with nothing new: what an answer
   * sets off (parsing it, the next request, the next sleep) happens before time moves.
   */
  private async settled(): Promise<void> {
    let quietTurns = 0
    while (quietTurns < QUIET_TURNS) {
      const before = this.events
      await new Promise((resolve) => setImmediate(resolve))
      quietTurns = this.events === before ? quietTurns + 1 : 0
    }
  }

  /** Moves to the earliest sleep due and wakes every sleep due then, in the order they began. */
  private advance(): void {
    this.timers.sort((a, b) => a.at - b.at || a.order - b.order)
    const at = (this.timers[0] as Timer).at
    this.nowMs = Math.max(this.nowMs, at)
    while (this.timers[0] && this.timers[0].at === at) (this.timers.shift() as Timer).wake()
  }
}

interface Timer {
  at: number
  order: number
  wake: () => void
}

const QUIET_TURNS = 3

function requestOf(message: unknown): unknown {
  return (message as { request?: unknown }).request
}
