/** Calendar days in UTC, written as `YYYY-MM-DD`. SendGrid scores one value per UTC day. */
export type Day = string

const DAY_MS = 86_400_000
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const DAYS_BEFORE = /^-(\d{1,4})d$/

/** The UTC day that contains `instant`. */
export function dayOf(instant: Date): Day {
  return instant.toISOString().slice(0, 10)
}

/** Whether `text` is a real calendar day in `YYYY-MM-DD` form (rejects 2025-02-29, 2026-04-31). */
export function isDay(text: string): boolean {
  const match = ISO_DAY.exec(text)
  if (!match) return false
  const [, year, month, day] = match.map(Number) as [number, number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

export function addDays(day: Day, days: number): Day {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS))
}

/** Whole days from `from` to `to` (negative when `to` comes first). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

/** Every day from `from` to `to`, both included. */
export function eachDay(from: Day, to: Day): Day[] {
  const count = daysBetween(from, to) + 1
  return Array.from({ length: Math.max(count, 0) }, (_, index) => addDays(from, index))
}

/**
 * Resolves `YYYY-MM-DD`, `today`, `yesterday` or `-Nd` (N days before today) against `today`.
 * Returns undefined for anything else.
 */
export function resolveDay(text: string, today: Day): Day | undefined {
  const value = text.trim().toLowerCase()
  if (value === 'today') return today
  if (value === 'yesterday') return addDays(today, -1)
  const daysBefore = DAYS_BEFORE.exec(value)
  if (daysBefore) return addDays(today, -Number(daysBefore[1]))
  return isDay(value) ? value : undefined
}

/** `90s` as `1m 30s`; under a second as `500ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`
  const seconds = Math.round(ms / 1000)
  const parts = [[Math.floor(seconds / 3600), 'h'], [Math.floor(seconds / 60) % 60, 'm'], [seconds % 60, 's']] as const
  return parts.filter(([amount]) => amount > 0).map(([amount, unit]) => `${amount}${unit}`).join(' ') || '0s'
}
