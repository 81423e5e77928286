import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A fake GitHub REST API on 127.0.0.1, just the endpoints the action calls: check runs, the pull
 * requests of a commit, and issue comments (paginated with Link headers, as GitHub does).
 * Point GITHUB_API_URL at `url`.
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

export interface FakePull {
  number: number
  state: 'open' | 'closed'
}

export interface FakeGitHubOptions {
  /** Comments already on each pull request (by number). */
  comments?: Record<number, FakeComment[]>
  /** Pull requests of each commit (by SHA). */
  pullsOfCommit?: Record<string, FakePull[]>
  /** Answer every write (POST, PATCH) with 403, as GitHub does for a read-only token. */
  readOnly?: boolean
}

export interface FakeGitHub {
  url: string
  requests: Recorded[]
  comments: Record<number, FakeComment[]>
  close: () => Promise<void>
}

const FORBIDDEN = { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' }

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const requests: Recorded[] = []
  const comments: Record<number, FakeComment[]> = structuredClone(options.comments ?? {})
  let nextId = 9000
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      const recorded: Recorded = { method: request.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: request.headers, body }
      requests.push(recorded)
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
    if (method === 'PATCH' && (match = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path))) {
      const comment = Object.values(comments).flat().find((candidate) => candidate.id === Number(match?.[1]))
      if (!comment) return send(response, 404, { message: 'Not Found' })
      comment.body = String(request.body?.body)
      return send(response, 200, comment)
    }
    send(response, 404, { message: 'Not Found' })
  }

  function sendPage(response: ServerResponse, request: Recorded, list: FakeComment[]): void {
    const perPage = Number(request.query.per_page ?? 30)
    const page = Number(request.query.page ?? 1)
    const next = page * perPage < list.length
    const headers: Record<string, string> = next ? { Link: `<${url}${request.path}?per_page=${perPage}&page=${page + 1}>; rel="next"` } : {}
    send(response, 200, list.slice((page - 1) * perPage, page * perPage), headers)
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    requests,
    comments,
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
