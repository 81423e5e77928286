import type { getOctokit } from '@actions/github'
import { isObject } from '../json.js'

/**
 * What every GitHub sink shares: the client, where it points, the repository, and how a failure
 * reads. @actions/github is loaded only when a call is about to be made, so runs that send
 * nothing never parse Octokit.
 */

export type Octokit = ReturnType<typeof getOctokit>

/** Each sink gives up after this long in all; the verdict stands either way. */
const GITHUB_TIMEOUT_MS = 60_000

export interface ReportLog {
  debug: (message: string) => void
  warning: (message: string) => void
}

export interface Repository {
  owner: string
  repo: string
}

/** The repository the run belongs to (GITHUB_REPOSITORY); undefined outside one. */
export function repositoryOf(env: NodeJS.ProcessEnv): Repository | undefined {
  const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? '').split('/')
  return owner && repo && rest.length === 0 ? { owner, repo } : undefined
}

/** A client for `token` that talks to GITHUB_API_URL (GitHub Enterprise Server) or else github.com. */
export async function connect(token: string, env: NodeJS.ProcessEnv): Promise<Octokit> {
  const { getOctokit } = await import('@actions/github')
  return getOctokit(token, { baseUrl: apiUrl(env), request: { signal: AbortSignal.timeout(GITHUB_TIMEOUT_MS) } })
}

function apiUrl(env: NodeJS.ProcessEnv): string {
  return (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '')
}

/** The HTTP status GitHub answered, when the failure was an answer. */
export function statusOf(error: unknown): number | undefined {
  return isObject(error) && typeof error.status === 'number' ? error.status : undefined
}
