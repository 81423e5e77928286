import { createHash } from 'node:crypto'
import type { AccountVerdict, BreachMetric, Evaluation } from '../gate/evaluate.js'
import type { Config, GitHubSettings } from '../inputs.js'
import { isObject, parseJson } from '../json.js'
import { failedSubject, type Failure } from '../records/collection.js'
import { checkTitle, commentMarker, fitText, GITHUB_TEXT_LIMIT } from './github.js'
import { messageOf } from '../messages.js'
import { connect, repositoryOf, statusOf, type Octokit, type ReportLog, type Repository } from './github-api.js'
import { escapeMarkdown } from './markdown.js'
import { describeBreach, METRIC_NAMES } from './verdict.js'

/**
 * The tracking issue: one open issue per check-name while the gate fails. A failed run opens it
 * or brings its title and report up to date, and comments only when accounts newly fail or
 * recover; a passing run comments and closes it. A run that could not check (an outage says
 * nothing about deliverability) neither opens nor closes it, and comments once per reason.
 * What the last run found is kept in the issue itself, in a hidden line of its body.
 */

export const TRACKING_LABEL = 'engagement-quality'

/** What the issue is told about a run; planning it needs only the check's name of the GitHub settings. */
export interface TrackedRun<Settings extends Pick<GitHubSettings, 'checkName'> = Pick<GitHubSettings, 'checkName'>> {
  evaluation: Evaluation
  /** The report, as in the markdown output. */
  markdown: string
  config: Pick<Config, 'from' | 'to' | 'missingScores'> & { github: Settings }
  /** The workflow run, when known, for comments to link to. */
  runUrl?: string
  /** Applied to every text sent: takes the API key out. */
  redact?: (text: string) => string
}

/** An open tracking issue, as found. */
export interface OpenIssue {
  number: number
  url: string
  body: string
}

/** What to do to the issue; nothing at all when empty. */
export interface IssuePlan {
  open?: { title: string; body: string }
  /** Posted before the edit: should the edit fail, the next run comments again rather than never. */
  comment?: string
  edit?: { title?: string; body: string; close?: boolean }
}

/** What fails in an account: a breached metric, or `missing` (a missing score under missing-scores: fail). */
type Failing = BreachMetric | 'missing'

/** What a run found, kept in the issue's body for the next run to compare with. */
export interface TrackedState {
  /** Failing accounts, worst first, each with what fails in it; as many as fit in STATE_JSON_LIMIT. */
  failing: [account: string, kinds: Failing[]][]
  /** Failing accounts left out of `failing` to fit. */
  more: number
  /** Of every failing account and what fails in it: whether anything changed, when `more` hides some. */
  digest: string
  /**
   * Why the runs since the last check could not check (`error scores 500, error listing 500`): a
   * comment comes once per reason in a row. 1.0.0 kept a hash of the messages here instead, which
   * never equals a reason: an outage that goes on across the upgrade is commented once more.
   */
  outage?: string
}

/** The state's JSON takes at most this many characters (8,000 in base64); the report gets the rest of the body. */
const STATE_JSON_LIMIT = 6_000
/** How many accounts a comment names in each list before it says "and N more". */
const LISTED = 20
const STATE_PREFIX = '<!-- sendgrid-engagement-quality-gate-state: '

/** Opens, updates, comments on or closes the check's tracking issue; returns its URL when it did any, else ''. */
export async function trackIssue(run: TrackedRun<GitHubSettings>, env: NodeJS.ProcessEnv, log: ReportLog): Promise<string> {
  const settings = run.config.github
  if (!settings.trackingIssue) return ''
  if (!settings.token) return noIssue(log, 'No github-token (not running on GitHub Actions): no tracking issue.')
  const repository = repositoryOf(env)
  if (!repository) return noIssue(log, 'No GITHUB_REPOSITORY: no tracking issue.')

  let step = 'find the tracking issue'
  try {
    const octokit = await connect(settings.token, env)
    const found = await findOpenIssue(octokit, repository, commentMarker(settings.checkName))
    const plan = redacted(planIssue({ ...run, runUrl: run.runUrl ?? runUrlOf(env) }, found), run.redact)
    return await carryOut(octokit, repository, found, plan, (next) => (step = next))
  } catch (error) {
    log.warning(failureMessage(step, error))
    return ''
  }
}

function redacted(plan: IssuePlan, redact: (text: string) => string = (text) => text): IssuePlan {
  const { open, comment, edit } = plan
  return {
    open: open && { title: redact(open.title), body: redact(open.body) },
    comment: comment && redact(comment),
    edit: edit && { ...edit, title: edit.title && redact(edit.title), body: redact(edit.body) }
  }
}

function noIssue(log: ReportLog, why: string): string {
  log.debug(why)
  return ''
}

/** The oldest open issue with the label and this check's marker, reading every page until found. */
async function findOpenIssue(octokit: Octokit, repository: Repository, marker: string): Promise<OpenIssue | undefined> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
    ...repository,
    state: 'open',
    labels: TRACKING_LABEL,
    sort: 'created',
    direction: 'asc',
    per_page: 100
  })
  for await (const { data } of pages) {
    // The issues list holds pull requests too.
    const found = data.find((issue) => !issue.pull_request && issue.body?.includes(marker))
    if (found) return { number: found.number, url: found.html_url, body: found.body ?? '' }
  }
  return undefined
}

async function carryOut(octokit: Octokit, repository: Repository, found: OpenIssue | undefined, plan: IssuePlan, step: (what: string) => void): Promise<string> {
  if (plan.open) {
    step('open the tracking issue')
    const { data } = await octokit.rest.issues.create({ ...repository, ...plan.open, labels: [TRACKING_LABEL] })
    return data.html_url
  }
  if (!found || !(plan.comment || plan.edit)) return ''
  const issue = { ...repository, issue_number: found.number }
  if (plan.comment) {
    step('comment on the tracking issue')
    await octokit.rest.issues.createComment({ ...issue, body: plan.comment })
  }
  if (plan.edit) {
    const { close, ...edit } = plan.edit
    step(close ? 'close the tracking issue' : 'update the tracking issue')
    await octokit.rest.issues.update({ ...issue, ...edit, ...(close ? { state: 'closed', state_reason: 'completed' } : {}) })
  }
  return found.url
}

/** 403: no `issues: write`; 404 or 410: issues turned off (or no access). Either way, what to add. */
function failureMessage(step: string, error: unknown): string {
  const status = statusOf(error)
  const answered = `Could not ${step}: GitHub answered ${status} (${messageOf(error)}).`
  const verdict = "The gate's verdict is not affected."
  if (status === 403)
    return `${answered} Give the job \`permissions: issues: write\` for tracking-issue (pull requests from forks get a read-only token). ${verdict}`
  if (status === 404 || status === 410)
    return `${answered} Turn Issues on in the repository's settings and give the job \`permissions: issues: write\`, or set tracking-issue: false. ${verdict}`
  return `Could not ${step}: ${messageOf(error)}. ${verdict}`
}

/** The workflow run's page, from the runner's variables. */
function runUrlOf(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: id } = env
  return server && repository && id ? `${server.replace(/\/+$/, '')}/${repository}/actions/runs/${id}` : undefined
}

/** What to do to the issue after this run, given the open one (if any). Pure: the tests' way in. */
export function planIssue(run: TrackedRun, found: OpenIssue | undefined): IssuePlan {
  const { evaluation } = run
  const marker = commentMarker(run.config.github.checkName)
  const previous = found && readState(found.body)
  const title = `${run.config.github.checkName}: ${checkTitle(evaluation)}`
  switch (evaluation.result) {
    case 'failed': {
      const state = stateOf(evaluation, run.config, previous)
      const body = issueBody(marker, state, run.markdown)
      if (!found) return { open: { title, body } }
      const changes = previous && changesSince(previous, state)
      return { comment: changes && changeComment(changes, evaluation, run.runUrl), edit: { title, body } }
    }
    case 'passed':
      if (!found) return {}
      return {
        comment: `✅ Recovered: every account at or above threshold from ${run.config.from} to ${run.config.to}${seeRun(run.runUrl)}.`,
        edit: { title, body: issueBody(marker, stateOf(evaluation, run.config), run.markdown), close: true }
      }
    case 'error':
    case 'pending': {
      if (!found) return {}
      const outage = outageOf(evaluation)
      if (previous?.outage === outage.reason) return {}
      const state = { ...(previous ?? stateOf(evaluation, run.config)), outage: outage.reason }
      return { comment: outageComment(outage.examples, evaluation, run.runUrl), edit: { body: issueBody(marker, state, reportOf(found.body)) } }
    }
  }
}

/** The marker that finds the issue, the state, then the report. */
function issueBody(marker: string, state: TrackedState, report: string): string {
  const head = `${marker}\n${STATE_PREFIX}${Buffer.from(JSON.stringify(state)).toString('base64')} -->\n`
  return `${head}${fitText(report, GITHUB_TEXT_LIMIT - head.length)}`
}

/** The body without its two hidden lines: the report of the last run that could check. */
function reportOf(body: string): string {
  return body.replace(/^<!-- sendgrid-engagement-quality-gate[^\n]*\n/, '').replace(/^<!-- sendgrid-engagement-quality-gate-state: [^\n]*\n/, '')
}

/** The state kept in `body`; undefined when there is none or it was edited out of shape. */
export function readState(body: string): TrackedState | undefined {
  const start = body.indexOf(STATE_PREFIX)
  if (start < 0) return undefined
  const encoded = body.slice(start + STATE_PREFIX.length, body.indexOf(' -->', start))
  const state = parseJson(Buffer.from(encoded, 'base64').toString('utf8'))
  const valid =
    isObject(state) &&
    Array.isArray(state.failing) &&
    state.failing.every(isFailingEntry) &&
    typeof state.more === 'number' &&
    typeof state.digest === 'string' &&
    (state.outage === undefined || typeof state.outage === 'string')
  return valid ? (state as unknown as TrackedState) : undefined
}

function isFailingEntry(entry: unknown): boolean {
  const isKind = (kind: unknown): boolean => kind === 'missing' || (typeof kind === 'string' && Object.hasOwn(METRIC_NAMES, kind))
  return Array.isArray(entry) && typeof entry[0] === 'string' && Array.isArray(entry[1]) && entry[1].every(isKind)
}

/**
 * What fails in each account now. An account that could not be read keeps what failed in it
 * before: not reading it says nothing about it.
 */
function stateOf(evaluation: Evaluation, config: Pick<Config, 'missingScores'>, previous?: TrackedState): TrackedState {
  const before = new Map(previous?.failing)
  const failing: TrackedState['failing'] = []
  for (const verdict of evaluation.accounts) {
    const kinds = verdict.failure ? (before.get(verdict.account) ?? []) : failingIn(verdict, config)
    if (kinds.length > 0) failing.push([verdict.account, kinds])
  }
  const digest = digestOf(failing)
  let kept = 0
  let length = 0
  for (const entry of failing) {
    length += JSON.stringify(entry).length + 1
    if (length > STATE_JSON_LIMIT) break
    kept++
  }
  return { failing: failing.slice(0, kept), more: failing.length - kept, digest }
}

function failingIn(verdict: AccountVerdict, config: Pick<Config, 'missingScores'>): Failing[] {
  const kinds: Failing[] = verdict.worstBreaches.map((breach) => breach.metric)
  if (config.missingScores === 'fail' && verdict.missing > 0) kinds.push('missing')
  return kinds
}

function digestOf(failing: TrackedState['failing']): string {
  const canonical = failing.map(([account, kinds]) => JSON.stringify([account, [...kinds].sort()])).sort()
  return createHash('sha256').update(canonical.join('\n')).digest('base64').slice(0, 22)
}

/** What newly fails and what recovered, by account; `counts` alone when the earlier list was cut. */
export interface Changes {
  failing: [account: string, kinds: Failing[]][]
  recovered: [account: string, kinds: Failing[]][]
  counts?: { before: number; now: number }
}

/** Undefined when the same accounts fail in the same ways. */
function changesSince(previous: TrackedState, now: TrackedState): Changes | undefined {
  if (previous.digest === now.digest) return undefined
  if (previous.more > 0 || now.more > 0)
    return { failing: [], recovered: [], counts: { before: previous.failing.length + previous.more, now: now.failing.length + now.more } }
  return { failing: difference(now.failing, previous.failing), recovered: difference(previous.failing, now.failing) }
}

/** What fails in `a` but not in `b`, by account. */
function difference(a: TrackedState['failing'], b: TrackedState['failing']): TrackedState['failing'] {
  const inB = new Map(b)
  return a.flatMap(([account, kinds]) => {
    const left = kinds.filter((kind) => !inB.get(account)?.includes(kind))
    return left.length > 0 ? [[account, left] as [string, Failing[]]] : []
  })
}

function changeComment(changes: Changes, evaluation: Evaluation, runUrl: string | undefined): string {
  const head = `**Changed since the last run**${seeRun(runUrl)}:`
  if (changes.counts)
    return `${head} ${changes.counts.now} accounts fail now, ${changes.counts.before} did then; too many to follow one by one, so the description lists them.`
  const verdicts = new Map(evaluation.accounts.map((verdict) => [verdict.account, verdict]))
  const newly = changes.failing.flatMap(([account, kinds]) => kinds.map((kind) => describeFailing(verdicts.get(account), account, kind)))
  const recovered = changes.recovered.map(([account, kinds]) => `${account}: ${kinds.map(labelOf).join(', ')} at or above threshold`)
  const sections = [
    newly.length > 0 ? `Newly failing:\n${listOf(newly)}` : undefined,
    recovered.length > 0 ? `Recovered:\n${listOf(recovered)}` : undefined
  ]
  return fitText([head, ...sections].filter(Boolean).join('\n\n'))
}

/** `promo-1: spam rate is 2 on 2026-05-07, below 4`: the account's worst breach of that metric. */
function describeFailing(verdict: AccountVerdict | undefined, account: string, kind: Failing): string {
  if (kind === 'missing') return `${account}: no engagement quality score (missing-scores: fail)`
  const breach = verdict?.worstBreaches.find((candidate) => candidate.metric === kind)
  return breach ? describeBreach(breach) : `${account}: ${labelOf(kind)} below threshold`
}

function labelOf(kind: Failing): string {
  return kind === 'missing' ? 'missing score' : METRIC_NAMES[kind]
}

/**
 * Why a run could not check: a reason that stays the same while the cause does, and an example of
 * each cause. Not the words: waits, attempts, reset times and the accounts named differ from run
 * to run, and their units with them (`after 869ms`, then `after 1s`).
 */
function outageOf(evaluation: Evaluation): { reason: string; examples: string[] } {
  const byCause = new Map<string, { example: string; count: number }>()
  for (const failure of evaluation.failures) {
    const cause = causeOf(failure)
    const seen = byCause.get(cause)
    if (seen) seen.count++
    else byCause.set(cause, { example: `${failedSubject(failure)}: ${failure.message}`, count: 1 })
  }
  // How many requests wait-timeout left unsent depends on timing; it says something only alone.
  const causes = [...byCause.keys()]
  const sent = causes.filter((cause) => !cause.endsWith(NOT_SENT))
  const reason = (sent.length > 0 ? sent : causes).sort().join(', ')
  const examples = [...byCause.values()].map(({ example, count }) => (count > 1 ? `${example} (and ${count - 1} more like it)` : example))
  return { reason, examples }
}

const NOT_SENT = 'not sent'

/** `error scores 500`, `error listing ECONNREFUSED`, `pending scores 202`: what a failure is. */
function causeOf({ outcome, cause }: Failure): string {
  return `${outcome} ${cause.endpoint} ${cause.status ?? cause.network ?? NOT_SENT}`
}

function outageComment(examples: string[], evaluation: Evaluation, runUrl: string | undefined): string {
  const what = evaluation.result === 'pending' ? 'SendGrid had not finished computing the scores' : 'SendGrid or the network failed'
  const head =
    `⚠️ **Could not check**${seeRun(runUrl)}: ${what}. That says nothing about deliverability, ` +
    'so the issue stays open and its description keeps the last report. This comes once per reason.'
  return fitText(`${head}\n\n${listOf(examples)}`)
}

/** At most LISTED lines as a Markdown list, then how many more. */
function listOf(lines: string[]): string {
  const shown = lines.slice(0, LISTED).map((line) => `- ${escapeMarkdown(line)}`)
  if (lines.length > LISTED) shown.push(`- _and ${lines.length - LISTED} more_`)
  return shown.join('\n')
}

function seeRun(runUrl: string | undefined): string {
  return runUrl ? ` ([run](${runUrl}))` : ''
}
