import { readFile } from 'node:fs/promises'
import type { Evaluation, Result } from '../gate/evaluate.js'
import type { GitHubSettings } from '../inputs.js'
import { isObject, parseJson } from '../json.js'
import { messageOf } from '../messages.js'
import { connect, repositoryOf, statusOf, type Octokit, type ReportLog } from './github-api.js'

/**
 * The GitHub sink: a check run on the commit under test and a sticky pull-request comment.
 * Reporting never decides the step: every GitHub failure becomes a warning, and a 403 (a read-only
 * token, as pull requests from forks get) stops the reporting after one warning.
 */

export type Conclusion = 'success' | 'failure' | 'neutral'

/** GitHub refuses a check-run summary, a comment body or an issue body over 65,535 characters. */
export const GITHUB_TEXT_LIMIT = 65_535

/** What the run tells GitHub. */
export interface GitHubReport {
  conclusion: Conclusion
  title: string
  markdown: string
}

/** The repository, the commit under test and, on pull_request events, the pull request. */
export interface RunContext {
  owner: string
  repo: string
  eventName: string
  sha: string
  pullRequest?: number
}

/** success when passed; neutral when pending or when the step does not fail (report only); else failure. */
export function conclusionOf(result: Result, stepFails: boolean): Conclusion {
  if (result === 'passed') return 'success'
  if (result === 'pending' || !stepFails) return 'neutral'
  return 'failure'
}

const VERDICTS: Record<Result, string> = { passed: 'Passed', failed: 'Failed', error: 'Could not be checked', pending: 'Still pending' }

/** `Failed · lowest score 2 · 3 breaches`, `Passed · lowest score 3.5 · 2 at risk` */
export function checkTitle(evaluation: Pick<Evaluation, 'result' | 'lowestScore' | 'atRisk'> & { breaches: { readonly length: number } }): string {
  const lowest = evaluation.lowestScore === undefined ? 'no score' : `lowest score ${evaluation.lowestScore}`
  const breaches = evaluation.breaches.length
  const count = breaches === 0 ? '' : ` · ${breaches} breach${breaches === 1 ? '' : 'es'}`
  const atRisk = evaluation.atRisk === 0 ? '' : ` · ${evaluation.atRisk} at risk`
  return `${VERDICTS[evaluation.result]} · ${lowest}${count}${atRisk}`
}

/** The hidden first line that finds this job's comment again: one per check name. */
export function commentMarker(checkName: string): string {
  return `<!-- sendgrid-engagement-quality-gate: ${encodeURIComponent(checkName)} -->`
}

/** `text` cut at a line end to at most `limit` characters, saying so. */
export function fitText(text: string, limit = GITHUB_TEXT_LIMIT): string {
  if (text.length <= limit) return text
  const note = "\n\n_Cut to fit GitHub's 65,535-character limit; the `report-file` output has the whole report._\n"
  const room = text.slice(0, limit - note.length)
  return `${room.slice(0, Math.max(room.lastIndexOf('\n'), 0))}${note}`
}

/** Where the run is, from the runner's variables and its event payload; undefined outside a repository. */
export function runContextOf(env: NodeJS.ProcessEnv, payload: unknown): RunContext | undefined {
  const repository = repositoryOf(env)
  if (!repository) return undefined
  const pullRequest = isObject(payload) && isObject(payload.pull_request) ? payload.pull_request : undefined
  const headSha = isObject(pullRequest?.head) && typeof pullRequest.head.sha === 'string' ? pullRequest.head.sha : undefined
  const sha = headSha ?? env.GITHUB_SHA
  if (!sha) return undefined
  const number = typeof pullRequest?.number === 'number' ? pullRequest.number : undefined
  return { ...repository, eventName: env.GITHUB_EVENT_NAME ?? '', sha, pullRequest: number }
}

/** Creates the check run and the comment as `settings` ask; warns instead of failing. */
export async function reportToGitHub(report: GitHubReport, settings: GitHubSettings, env: NodeJS.ProcessEnv, log: ReportLog): Promise<void> {
  if (!settings.checkRun && !settings.prComment) return
  if (!settings.token) return log.debug('No github-token (not running on GitHub Actions): no check run or comment.')
  const context = runContextOf(env, await readEvent(env.GITHUB_EVENT_PATH))
  if (!context) return log.debug('No GITHUB_REPOSITORY or commit: no check run or comment.')

  const octokit = await connect(settings.token, env)
  const sinks: [string, () => Promise<void>][] = []
  if (settings.checkRun) sinks.push(['create the check run', () => createCheckRun(octokit, context, settings.checkName, report)])
  if (settings.prComment) sinks.push(['comment on the pull request', () => commentOnPullRequests(octokit, context, settings.checkName, report, log)])
  for (const [what, sink] of sinks) {
    try {
      await sink()
    } catch (error) {
      if (statusOf(error) === 403) return log.warning(forbiddenMessage(what, error))
      log.warning(`Could not ${what}: ${messageOf(error)}. The gate's verdict is not affected.`)
    }
  }
}

async function createCheckRun(octokit: Octokit, context: RunContext, name: string, report: GitHubReport): Promise<void> {
  await octokit.rest.checks.create({
    owner: context.owner,
    repo: context.repo,
    name,
    head_sha: context.sha,
    status: 'completed',
    conclusion: report.conclusion,
    output: { title: report.title, summary: fitText(report.markdown) }
  })
}

async function commentOnPullRequests(octokit: Octokit, context: RunContext, checkName: string, report: GitHubReport, log: ReportLog): Promise<void> {
  const pullRequests = await pullRequestsOf(octokit, context)
  if (pullRequests.length === 0) return log.debug(`No open pull request for ${context.sha}: no comment.`)
  const marker = commentMarker(checkName)
  const body = `${marker}\n${fitText(report.markdown, GITHUB_TEXT_LIMIT - marker.length - 1)}`
  for (const issue_number of pullRequests) {
    const existing = await findComment(octokit, context, issue_number, marker)
    const where = { owner: context.owner, repo: context.repo }
    if (existing === undefined) await octokit.rest.issues.createComment({ ...where, issue_number, body })
    else await octokit.rest.issues.updateComment({ ...where, comment_id: existing, body })
  }
}

/** The event's pull request; on push, the open pull requests the commit belongs to. */
async function pullRequestsOf(octokit: Octokit, context: RunContext): Promise<number[]> {
  if (context.pullRequest !== undefined) return [context.pullRequest]
  if (context.eventName !== 'push') return []
  const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    owner: context.owner,
    repo: context.repo,
    commit_sha: context.sha,
    per_page: 100
  })
  return data.filter((pull) => pull.state === 'open').map((pull) => pull.number)
}

/** The id of the comment that starts with `marker`, reading the comments a page at a time until found. */
async function findComment(octokit: Octokit, context: RunContext, issue_number: number, marker: string): Promise<number | undefined> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: context.owner,
    repo: context.repo,
    issue_number,
    per_page: 100
  })
  for await (const { data } of pages) {
    const found = data.find((comment) => comment.body?.startsWith(marker))
    if (found) return found.id
  }
  return undefined
}

async function readEvent(path: string | undefined): Promise<unknown> {
  if (!path) return undefined
  try {
    return parseJson(await readFile(path, 'utf8'))
  } catch {
    return undefined
  }
}

function forbiddenMessage(what: string, error: unknown): string {
  return (
    `Could not ${what}: GitHub answered 403 (${messageOf(error)}). ` +
    'Pull requests from forks get a read-only token; elsewhere give the job `permissions: checks: write, pull-requests: write`. ' +
    "Nothing more is sent to GitHub; the gate's verdict is not affected."
  )
}
