/** Time as the engine sees it: real in a run, virtual in tests, so no test waits or races the machine. */
export interface Clock {
  now(): number
  /** Resolves after `ms`, or sooner once `until` aborts (a clock may ignore `until`; callers check it). */
  sleep(ms: number, until?: AbortSignal): Promise<void>
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, until) =>
    new Promise((resolve) => {
      if (until?.aborted) return resolve()
      // Cleared on abort, so that a sleep nobody waits for any more does not keep the process alive.
      const stop = (): void => {
        clearTimeout(timer)
        resolve()
      }
      const timer = setTimeout(() => {
        until?.removeEventListener('abort', stop)
        resolve()
      }, ms)
      until?.addEventListener('abort', stop, { once: true })
    })
}
