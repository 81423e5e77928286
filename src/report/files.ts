import { randomUUID } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import type { Evaluation } from '../gate/evaluate.js'
import type { Config } from '../inputs.js'
import type { Wording } from '../messages.js'
import { junitText, type RunTiming } from './junit.js'
import { openMetricsText } from './openmetrics.js'

/**
 * The formats a run can leave in a file for other tools, whichever face runs it: JUnit XML where
 * junit-file says, OpenMetrics where metrics-file says. The command line prints the same with
 * --format junit or openmetrics.
 */

export type ToolFormat = 'junit' | 'openmetrics'

export interface ToolOptions {
  timing: RunTiming
  wording: Wording
  redact: (text: string) => string
}

/** The run in `format`, a chunk at a time. */
export function toolFormatText(format: ToolFormat, evaluation: Evaluation, config: Config, { timing, wording, redact }: ToolOptions): Generator<string> {
  return format === 'junit' ? junitText(evaluation, config, { ...timing, wording, redact }) : openMetricsText(evaluation, { redact })
}

/** A file the config asks for. */
export interface ToolFile {
  input: 'junit-file' | 'metrics-file'
  /** `JUnit XML`, `OpenMetrics`: what the log says it wrote. */
  what: string
  /** Absolute. */
  path: string
  text: () => Iterable<string>
}

/** The files junit-file and metrics-file ask for, relative paths resolved against `base`. */
export function toolFiles(evaluation: Evaluation, config: Config, base: string, options: ToolOptions): ToolFile[] {
  const file = (input: ToolFile['input'], what: string, format: ToolFormat, path: string | undefined): ToolFile[] =>
    path === undefined ? [] : [{ input, what, path: resolve(base, path), text: () => toolFormatText(format, evaluation, config, options) }]
  return [...file('junit-file', 'JUnit XML', 'junit', config.junitFile), ...file('metrics-file', 'OpenMetrics', 'openmetrics', config.metricsFile)]
}

/**
 * Writes `text` to a new file beside `path`, then renames it over `path`: a reader (the textfile
 * collector every scrape, a CI uploading artifacts) sees the old file or the new one, never half of
 * one. Makes the folder when it is missing.
 */
export async function writeWhole(path: string, text: Iterable<string>): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const partial = `${path}.${randomUUID()}.partial`
  try {
    await writeFile(partial, text)
    await rename(partial, path)
  } finally {
    await rm(partial, { force: true })
  }
}
