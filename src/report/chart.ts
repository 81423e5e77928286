import { eachDay, type Day } from '../dates.js'
import type { AccountVerdict } from '../gate/evaluate.js'
import { escapeMarkdown } from './markdown.js'

/** At most this many accounts get a line: more would be unreadable. */
export const CHART_ACCOUNTS = 10

/** Line colours in order, each with the emoji that stands for it in the legend (Mermaid draws no legend). */
const COLOURS = [
  ['#e53935', '🔴'],
  ['#fb8c00', '🟠'],
  ['#fdd835', '🟡'],
  ['#43a047', '🟢'],
  ['#1e88e5', '🔵'],
  ['#8e24aa', '🟣'],
  ['#795548', '🟤'],
  ['#212121', '⚫'],
  ['#f06292', '🩷'],
  ['#9e9e9e', '🩶']
] as const

/**
 * A Mermaid `xychart-beta` line chart of each account's daily overall score, worst accounts first
 * (`accounts` comes worst first), with a legend; '' when the range is a single day or nothing was scored.
 */
export function renderTrendChart(accounts: AccountVerdict[], range: { from: Day; to: Day }): string {
  const days = eachDay(range.from, range.to)
  const scored = accounts.filter((account) => account.scores.length > 0)
  if (days.length < 2 || scored.length === 0) return ''
  const charted = scored.slice(0, CHART_ACCOUNTS)
  const lines = charted.map((account) => `    line "${chartText(account.account)}" [${dailySeries(account, days).join(', ')}]`)
  const chart = [
    '```mermaid',
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${COLOURS.map(([colour]) => colour).join(', ')}"}}}}%%`,
    'xychart-beta',
    '    title "Overall score per day (UTC)"',
    `    x-axis [${days.map((day) => `"${day.slice(5)}"`).join(', ')}]`,
    '    y-axis "Score" 1 --> 5',
    ...lines,
    '```'
  ]
  return `${chart.join('\n')}\n\n${legend(charted, scored.length)}\n`
}

/** One value per day; a day without a score repeats the previous one (the first score before it). */
export function dailySeries(account: Pick<AccountVerdict, 'scores'>, days: Day[]): number[] {
  const byDay = new Map(account.scores.map((day) => [day.date, day.score]))
  let previous = account.scores[0]?.score ?? 0
  return days.map((day) => (previous = byDay.get(day) ?? previous))
}

function legend(charted: AccountVerdict[], scoredCount: number): string {
  const keys = charted.map((account, index) => `${COLOURS[index]?.[1]} ${escapeMarkdown(account.account)}`).join(' · ')
  const worst = scoredCount > charted.length ? ` (the ${charted.length} worst of ${scoredCount} scored accounts)` : ''
  return `${keys}${worst}. _Days without a score repeat the previous score._`
}

/** Mermaid strings cannot hold double quotes; backticks and line breaks would end the fence or the line. */
function chartText(name: string): string {
  return name.replace(/["`]/g, "'").replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/%%/g, '% %')
}
