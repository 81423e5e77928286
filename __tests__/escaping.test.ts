import { describe, expect, it } from '@jest/globals'
import { evaluate } from '../src/gate/evaluate.js'
import { RecordStore } from '../src/records/record-store.js'
import { escapeHtml, escapeMarkdown } from '../src/report/markdown.js'
import { renderSummary } from '../src/report/summary.js'
import { render, visibleText } from './support/markdown.js'
import { failure, rec } from './support/records.js'

/**
 * Names and messages from outside render literally: checked on HTML rendered by micromark with
 * its GFM extension, which follows GitHub's spec. Where it and GitHub's cmark-gfm differ, the
 * escaping satisfies both (measured with cmark-gfm: `dev\@example.com` is still a link there, so a
 * word joiner goes before `@`).
 */

const TRICKY = [
  'a~b~c',
  'R&amp;D',
  'R&D',
  '<img src=x onerror=alert(1)>',
  'pipe|name',
  '*bold* and _italic_',
  'back`tick`',
  '[link](https://evil.example)',
  'www.example.com',
  'dev@example.com',
  'https://example.com/path',
  'http://x.io',
  'back\\slash',
  '~~gone~~',
  '#not-a-heading',
  '![img](x.png)'
]

describe('escapeMarkdown', () => {
  it.each(TRICKY)('renders %j as itself, with no link, strikethrough, emphasis or HTML', (name) => {
    const html = render(escapeMarkdown(name))
    expect(visibleText(html)).toBe(name)
    expect(html).not.toMatch(/<(a|del|em|strong|img|code|h1)\b/)
  })

  it.each(TRICKY)('keeps %j inside its table cell', (name) => {
    const html = render(`| Account | Score |\n| --- | --: |\n| ${escapeMarkdown(name)} | 4 |`)
    const cells = [...html.matchAll(/<td[^>]*>([^]*?)<\/td>/g)].map((match) => visibleText(match[1] ?? ''))
    expect(cells).toEqual([name, '4'])
  })

  it('keeps a message on one line', () => {
    expect(visibleText(render(escapeMarkdown('first\nsecond\r\nthird')))).toBe('first second third')
  })
})

describe('escapeHtml, for a folded block’s summary', () => {
  it.each(TRICKY)('renders %j as itself inside <summary>', (name) => {
    const html = render(`<details><summary>${escapeHtml(name)}: 1 of 3 days below threshold</summary>\n\n| a |\n| - |\n| b |\n\n</details>`)
    expect(visibleText(/<summary>([^]*?)<\/summary>/.exec(html)?.[1] ?? '')).toBe(`${name}: 1 of 3 days below threshold`)
  })
})

describe('the whole report', () => {
  it('shows every tricky account name and message literally wherever it appears', () => {
    const days = ['2025-06-01', '2025-06-02']
    const records = TRICKY.flatMap((name, index) => days.map((date) => rec(name, date, index % 2 === 0 ? 2 : 4, {})))
    const failures = [failure({ account: 'gone|<b>', message: 'SendGrid answered 403 (see https://x.io/*help* ~now~)' })]
    const collection = { records: RecordStore.of(records), failures }
    const config = { subusers: 'all' as const, from: days[0] as string, to: days[1] as string, minScore: 3, minMetricScores: {}, evaluate: 'all' as const, missingScores: 'warn' as const, failOnBreach: true }
    const html = render(renderSummary(evaluate(collection, config), config).markdown)
    expect(html).not.toMatch(/<(del|em|img)\b/)
    expect([...html.matchAll(/<a href="([^"]*)"/g)].map((match) => match[1])).toEqual(['https://www.twilio.com/docs/sendgrid/api-reference/sendgrid-engagement-quality-api'])
    const text = visibleText(html)
    for (const name of TRICKY) expect(text).toContain(name)
    expect(text).toContain('gone|<b>')
    expect(text).toContain('SendGrid answered 403 (see https://x.io/*help* ~now~)')
  })
})
