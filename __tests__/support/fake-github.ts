import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A fake GitHub REST API on 127.0.0.1, just the endpoints the action calls: check runs, the pull
 * requests of a commit, issues (listed by state and label, created, edited) and their comments,
 * lists paginated with Link headers as GitHub does. Point GITHUB_API_URL at `url`.
 */

export interface Recorded {
  method: string
  path: string
  query: Record<string, string>
  headers: IncomingMessage['headers']
  body: Record<string, unknown> | undefined
}

export interface FakeComment {
  id: number
  body: string
}

export interface FakeIssue {
  number: number
  title: string
  body: string
  state: 'open' | 'closed'
  state_reason?: string | null
  labels: string[]
  /** The issues list holds pull requests too, marked so. */
  pullRequest?: boolean
}

export interface FakePull {
  number: number
  state: 'open' | 'closed'
}

export interface FakeGitHubOptions {
  /** Comments already on each pull request (by number). */
  comments?: Record<number, FakeComment[]>
  /** Pull requests of each commit (by SHA). */
  pullsOfCommit?: Record<string, FakePull[]>
  /** Issues (and pull requests) already in the repository. */
  issues?: FakeIssue[]
  /** Answer every write (POST, PATCH) with 403, as GitHub does for a read-only token. */
  readOnly?: boolean
  /** Answer every issue request with 410, as GitHub does when a repository has issues turned off. */
  issuesDisabled?: boolean
}

export interface FakeGitHub {
  url: string
  requests: Recorded[]
  comments: Record<number, FakeComment[]>
  issues: FakeIssue[]
  close: () => Promise<void>
}

const FORBIDDEN = { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' }
const ISSUES_DISABLED = { message: 'Issues are disabled for this repo', documentation_url: 'https://docs.github.com/rest' }

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const requests: Recorded[] = []
  const comments: Record<number, FakeComment[]> = structuredClone(options.comments ?? {})
  const issues: FakeIssue[] = structuredClone(options.issues ?? [])
  let nextId = 9000
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      const recorded: Recorded = { method: request.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: request.headers, body }
      requests.push(recorded)
      if (options.issuesDisabled && /^\/repos\/[^/]+\/[^/]+\/issues(?:\/|$)/.test(recorded.path)) return send(response, 410, ISSUES_DISABLED)
      if (options.readOnly && recorded.method !== 'GET') return send(response, 403, FORBIDDEN)
      route(recorded, response)
    })
  })

  function route(request: Recorded, response: ServerResponse): void {
    const { method, path } = request
    let match: RegExpExecArray | null
    if (method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/check-runs$/.test(path)) return send(response, 201, { id: 1, ...request.body })
    if (method === 'GET' && (match = /^\/repos\/[^/]+\/[^/]+\/commits\/([^/]+)\/pulls$/.exec(path)))
      return send(response, 200, options.pullsOfCommit?.[match[1] as string] ?? [])
    if ((match = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path))) {
      const list = (comments[Number(match[1])] ??= [])
      if (method === 'GET') return sendPage(response, request, list)
      if (method === 'POST') {
        const comment = { id: nextId++, body: String(request.body?.body) }
        list.push(comment)
        return send(response, 201, comment)
      }
    }
    if (/^\/repos\/[^/]+\/[^/]+\/issues$/.test(path)) {
      if (method === 'GET') return sendPage(response, request, listIssues(request.query).map(issueJson))
      if (method === 'POST') return send(response, 201, issueJson(createIssue(request.body ?? {})))
    }
    if (method === 'PATCH' && (match = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/.exec(path))) {
      const issue = issues.find((candidate) => candidate.number === Number(match?.[1]))
      if (!issue) return send(response, 404, { message: 'Not Found' })
      const { title, body, state, state_reason } = request.body ?? {}
      Object.assign(issue, {
        ...(typeof title === 'string' ? { title } : {}),
        ...(typeof body === 'string' ? { body } : {}),
        ...(state === 'open' || state === 'closed' ? { state, state_reason: state_reason ?? null } : {})
      })
      return send(response, 200, issueJson(issue))
    }
    if (method === 'PATCH' && (match = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path))) {
      const comment = Object.values(comments).flat().find((candidate) => candidate.id === Number(match?.[1]))
      if (!comment) return send(response, 404, { message: 'Not Found' })
      comment.body = String(request.body?.body)
      return send(response, 200, comment)
    }
    send(response, 404, { message: 'Not Found' })
  }

  /** By state (default open) and labels (every one named), oldest first when asked, newest first by default. */
  function listIssues(query: Record<string, string>): FakeIssue[] {
    const state = query.state ?? 'open'
    const labels = query.labels ? query.labels.split(',') : []
    const listed = issues.filter((issue) => (state === 'all' || issue.state === state) && labels.every((label) => issue.labels.includes(label)))
    return listed.sort((a, b) => (query.direction === 'asc' ? a.number - b.number : b.number - a.number))
  }

  function createIssue(body: Record<string, unknown>): FakeIssue {
    const number = Math.max(0, ...issues.map((issue) => issue.number), ...Object.keys(comments).map(Number)) + 1
    const labels = Array.isArray(body.labels) ? body.labels.map(String) : []
    const issue: FakeIssue = { number, title: String(body.title), body: String(body.body ?? ''), state: 'open', labels }
    issues.push(issue)
    return issue
  }

  function issueJson(issue: FakeIssue): Record<string, unknown> {
    const { pullRequest, labels, ...fields } = issue
    return {
      ...fields,
      html_url: `https://github.example/octo/mail/issues/${issue.number}`,
      labels: labels.map((name) => ({ name })),
      ...(pullRequest ? { pull_request: { url: `${url}/repos/octo/mail/pulls/${issue.number}` } } : {})
    }
  }

  function sendPage(response: ServerResponse, request: Recorded, list: unknown[]): void {
    const perPage = Number(request.query.per_page ?? 30)
    const page = Number(request.query.page ?? 1)
    const next = page * perPage < list.length
    const query = new URLSearchParams({ ...request.query, per_page: String(perPage), page: String(page + 1) })
    const headers: Record<string, string> = next ? { Link: `<${url}${request.path}?${query}>; rel="next"` } : {}
    send(response, 200, list.slice((page - 1) * perPage, page * perPage), headers)
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    requests,
    comments,
    issues,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text ? (JSON.parse(text) as Record<string, unknown>) : undefined
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers })
  response.end(JSON.stringify(body))
}
