import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { demoScenario } from '../sim/scenarios.js'
import { DEFAULT_API_KEY, startSimulator, type Simulator } from '../sim/simulator.js'
import { addDays } from '../src/dates.js'
import { evaluate } from '../src/gate/evaluate.js'
import { RecordStore } from '../src/records/record-store.js'
import { renderText } from '../src/report/text.js'
import { ACTION_WORDING } from '../src/messages.js'
import { CLI, cli, runCommand } from './support/cli.js'
import { failure, rec } from './support/records.js'

/**
 * `--format text`: the report for a terminal or a mail, plain and aligned. The built CLI picks it
 * when stdout is a terminal (a pseudo-terminal from util-linux's `script`), with colour unless
 * NO_COLOR is set; in a pipe it keeps Markdown.
 */

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[\d+m/
const DAYS = ['2025-06-01', '2025-06-02', '2025-06-03']

function textOf(colour: boolean): string {
  const records = [
    ...DAYS.map((date, index) => rec('newsletters', date, index === 0 ? 4 : 2, index === 0 ? {} : { spam_rate: 1 })),
    ...DAYS.map((date) => rec('a|b *c*', date, 5, {})),
    ...DAYS.map((date) => rec('cold', date))
  ]
  const config = { subusers: 'all' as const, from: DAYS[0] as string, to: DAYS[2] as string, minScore: 3, minMetricScores: { spam_rate: 3 }, evaluate: 'all' as const, missingScores: 'warn' as const, failOnBreach: true }
  const collection = { records: RecordStore.of(records), failures: [failure({ account: 'gone', message: 'SendGrid answered 403' })] }
  return renderText(evaluate(collection, config), config, { colour, wording: ACTION_WORDING })
}

describe('the text report', () => {
  const text = textOf(false)
  const lines = text.split('\n')

  it('says the verdict, what to fix, what was not checked or scored, then a line per account', () => {
    expect(lines[0]).toBe('SendGrid engagement quality failed: 1 of 4 accounts below threshold: score on 2 days in 1 account, spam rate on 2 days in 1 account; 1 account not read; lowest score 2')
    const headings = ['What to fix', 'Not checked', 'Missing scores', 'Accounts'].map((heading) => lines.indexOf(heading))
    expect(headings.every((index) => index > 0)).toBe(true)
    expect(headings).toEqual([...headings].sort((a, b) => a - b))
    expect(text).toContain('  1. newsletters: spam rate 1 (min 3) and score 2 (min 3) from 2025-06-02 to 2025-06-03, 2 of 3 days.\n     Spam rate: ')
    expect(text).toContain('  gone (error): SendGrid answered 403\n')
    expect(text).toContain('  cold: no score in the range\n')
  })

  it('aligns the accounts in columns, names as they are, with neither Markdown nor Mermaid', () => {
    const table = lines.slice(lines.indexOf('Accounts') + 1, lines.indexOf('Accounts') + 6)
    expect(table[0]).toMatch(/^ {2}STATUS +ACCOUNT +LATEST +LOWEST +RECENCY +OPENS +BLOCKS +BOUNCES +SPAM +TREND +DAILY$/)
    const columnOf = (line: string, text: string): number => line.indexOf(text)
    const accounts = table.slice(1, 5)
    expect(accounts.map((line) => line.split(/ {2,}/)[2])).toEqual(['newsletters', 'gone', 'cold', 'a|b *c*'])
    expect(new Set(accounts.map((line, index) => columnOf(line, ['newsletters', 'gone', 'cold', 'a|b *c*'][index] as string))).size).toBe(1)
    expect(accounts[0]).toMatch(/✗ 2 of 3 days +newsletters +2✗ +2✗ 06-03 +5 +5 +5 +5 +1✗ +↘ down +▆▃▃$/)
    expect(accounts[3]).toMatch(/✓ +a\|b \*c\* +5 +5 06-03 .* → flat +███$/)
    expect(text).not.toMatch(/```|^\|.*\|$|\*\*/m)
    expect(text).not.toMatch(ANSI)
  })

  it('keeps the DAILY column to 14 cells over a month, each the lowest of its days, after the trend', () => {
    const month = Array.from({ length: 30 }, (_, index) => addDays(DAYS[0] as string, index))
    const records = month.map((date, index) => rec('promo', date, index === 2 ? 1 : 5, {}))
    const config = { subusers: 'all' as const, from: month[0] as string, to: month[29] as string, minScore: 1, minMetricScores: {}, evaluate: 'all' as const, missingScores: 'warn' as const, failOnBreach: true }
    const monthText = renderText(evaluate({ records: RecordStore.of(records), failures: [] }, config), config, { colour: false, wording: ACTION_WORDING })
    expect(monthText).toMatch(/^ {2}✓ +promo +5 +1 06-03 +5 +5 +5 +5 +5 +↗ up +▁█████████$/m)
    expect(monthText).toContain('DAILY one bar per 3 days, the lowest of their scores;')
  })

  it('colours the verdict, the statuses and the values in breach only when asked', () => {
    const coloured = textOf(true)
    expect(coloured.startsWith('\u001b[31mSendGrid engagement quality failed: ')).toBe(true)
    expect(coloured).toContain('\u001b[31m1✗\u001b[0m')
    expect(coloured.replace(new RegExp(ANSI.source, 'g'), '')).toBe(text)
  })
})

describe('the built CLI picks its format by where stdout goes', () => {
  let simulator: Simulator
  beforeAll(async () => {
    simulator = await startSimulator({ ...demoScenario(), pending: undefined })
  })
  afterAll(async () => {
    await simulator.close()
  })

  const flags = (): string[] => ['--base-url', simulator.url, '--subusers', 'newsletters,marketing', '--min-metric-scores', 'spam_rate=3']
  /** The CLI under a pseudo-terminal, as a person at a terminal runs it. */
  const inTerminal = (env: Record<string, string> = {}) => {
    const command = [process.execPath, CLI, ...flags()].map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(' ')
    return runCommand('script', ['-qec', command, '/dev/null'], { SENDGRID_API_KEY: DEFAULT_API_KEY, TERM: 'xterm', ...env })
  }

  it('prints coloured text at a terminal', async () => {
    const run = await inTerminal()
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('\u001b[31mSendGrid engagement quality failed: ')
    expect(run.stdout).toMatch(/\r\nAccounts\r\n {2}STATUS +ACCOUNT/)
    expect(run.stdout).not.toContain('```mermaid')
  })

  it('leaves the colour out under NO_COLOR', async () => {
    const run = await inTerminal({ NO_COLOR: '1' })
    expect(run.stdout).toContain('\r\nAccounts\r\n')
    expect(run.stdout).not.toMatch(ANSI)
  })

  it('keeps Markdown in a pipe, and prints uncoloured text there when asked', async () => {
    const markdown = await cli(flags())
    expect(markdown.stdout).toMatch(/^## ❌ SendGrid engagement quality failed: /)
    const text = await cli([...flags(), '--format', 'text'])
    expect(text.stdout).toMatch(/^SendGrid engagement quality failed: /)
    expect(text.stdout).toContain('\nAccounts\n')
    expect(text.stdout).not.toMatch(ANSI)
  })
})
