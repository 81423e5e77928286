import { describe, expect, it } from '@jest/globals'
import { addDays, eachDay } from '../src/dates.js'
import { afterProbePage, planRequests, type ProbeDecision, type ProbeState } from '../src/sendgrid/planner.js'

const FROM = '2026-10-01'
const to = (days: number): string => addDays(FROM, days - 1)
const names = (count: number, prefix = 'sub-'): string[] => Array.from({ length: count }, (_, index) => `${prefix}${index + 1}`)

describe('planRequests', () => {
  it('reads every subuser ("*") from the listing, one task per day, plus the parent when asked', () => {
    const plan = planRequests({ parent: true, subusers: 'all', from: FROM, to: to(30) })

    expect(plan.probe).toBeUndefined()
    expect(plan.tasks[0]).toEqual({ kind: 'account' })
    expect(plan.tasks.slice(1)).toEqual(eachDay(FROM, to(30)).map((date) => ({ kind: 'subusers-day', date })))
  })

  it('asks for each name on its own when there are no more names than days: the listing costs at least a request a day', () => {
    const plan = planRequests({ parent: false, subusers: names(30), from: FROM, to: to(30) })

    expect(plan.probe).toBeUndefined()
    expect(plan.tasks).toEqual(names(30).map((onBehalfOf) => ({ kind: 'account', onBehalfOf })))
  })

  it('probes the first day of the listing when there are more names than days', () => {
    const plan = planRequests({ parent: true, subusers: names(31), from: FROM, to: to(30) })

    expect(plan.tasks).toEqual([{ kind: 'account' }])
    expect(plan.probe).toEqual({ names: names(31), date: FROM, otherDays: eachDay(addDays(FROM, 1), to(30)) })
  })

  it('always reads customer accounts on their own: the listing never names them', () => {
    const customers = names(40, 'account-id ')
    const plan = planRequests({ parent: false, subusers: [...customers, ...names(31)], from: FROM, to: to(30) })

    expect(plan.tasks).toEqual(customers.map((onBehalfOf) => ({ kind: 'account', onBehalfOf })))
    expect(plan.probe?.names).toEqual(names(31))
    // Only usernames count against the days: 40 customers and 3 names over 7 days probe nothing.
    expect(planRequests({ parent: false, subusers: [...customers, ...names(3)], from: FROM, to: to(7) }).probe).toBeUndefined()
  })

  it('probes a single day as soon as there are two names', () => {
    expect(planRequests({ parent: false, subusers: names(1), from: FROM, to: FROM }).probe).toBeUndefined()
    expect(planRequests({ parent: false, subusers: names(2), from: FROM, to: FROM }).probe).toEqual({ names: names(2), date: FROM, otherDays: [] })
  })
})

/** The decisions a probe makes on an account whose listing has `pages` pages a day. */
function probeRun(names: number, days: number, pages: number): { decisions: ProbeDecision[]; requests: number } {
  const decisions: ProbeDecision[] = []
  for (let pagesRead = 1; ; pagesRead++) {
    const state: ProbeState = { names, days, pagesRead, complete: pagesRead === pages }
    const decision = afterProbePage(state)
    decisions.push(decision)
    if (decision === 'listing') return { decisions, requests: pages * days }
    if (decision === 'per-account') return { decisions, requests: pagesRead + names }
  }
}

describe('afterProbePage', () => {
  it('takes the listing for 500 names of an 800-subuser account over 30 days: 30 requests, not 500', () => {
    expect(afterProbePage({ names: 500, days: 30, pagesRead: 1, complete: true })).toBe('listing')
    expect(probeRun(500, 30, 1)).toEqual({ decisions: ['listing'], requests: 30 })
  })

  it('reads on while more pages could still leave the listing cheaper (900 names, 2,500 subusers, 30 days: 90 requests)', () => {
    expect(probeRun(900, 30, 3)).toEqual({ decisions: ['read-next-page', 'read-next-page', 'listing'], requests: 90 })
  })

  it('switches to one request per name once the listing cannot be cheaper (500 names of 20,000 over 30 days)', () => {
    const run = probeRun(500, 30, 20)
    // After 17 pages the listing costs at least 18 x 30 = 540 > 17 + 500.
    expect(run.decisions).toEqual([...Array<ProbeDecision>(16).fill('read-next-page'), 'per-account'])
    expect(run.requests).toBe(517)
    expect(afterProbePage({ names: 500, days: 30, pagesRead: 16, complete: false })).toBe('read-next-page')
    expect(afterProbePage({ names: 500, days: 30, pagesRead: 17, complete: false })).toBe('per-account')
  })

  it('asks for each name when the whole listing turns out dearer', () => {
    expect(afterProbePage({ names: 40, days: 30, pagesRead: 2, complete: true })).toBe('per-account')
    expect(afterProbePage({ names: 40, days: 30, pagesRead: 1, complete: true })).toBe('listing')
  })

  it('over a single day, stops probing once the probe cost as much as asking for each name', () => {
    expect(probeRun(3, 1, 100)).toEqual({ decisions: ['read-next-page', 'read-next-page', 'per-account'], requests: 6 })
    expect(probeRun(3, 1, 2)).toEqual({ decisions: ['read-next-page', 'listing'], requests: 2 })
  })

  it('always takes the listing when it is the cheaper way, and otherwise costs at most a bounded probe more than the best', () => {
    for (const days of [1, 2, 7, 30, 90])
      for (const pages of [1, 2, 3, 5, 20])
        for (const count of [days + 1, 2 * days, 50, 500, 5000]) {
          if (count <= days) continue
          const listing = pages * days
          const { requests } = probeRun(count, days, pages)
          if (listing < count) expect(requests).toBe(listing)
          const allowance = days === 1 ? count : Math.ceil(count / (days - 1))
          expect(requests).toBeLessThanOrEqual(Math.min(listing, count) + allowance)
        }
  })
})
