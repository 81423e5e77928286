import http from 'node:http'
import net from 'node:net'

/**
 * A real forward proxy on 127.0.0.1 for the tests (node:http and node:net only): CONNECT tunnels
 * (what undici's proxy agents use, for http and https targets alike) and absolute-form
 * forwarding of plain HTTP requests. It logs what crossed it, and can refuse tunnels the way a
 * corporate proxy that wants credentials does.
 */

export interface ProxiedRequest {
  /** `CONNECT` for a tunnel, else the forwarded request's method. */
  method: string
  /** `host:port` for a tunnel, the absolute URL for a forwarded request. */
  target: string
}

export interface TestProxy {
  /** e.g. `http://127.0.0.1:41235` */
  url: string
  /** Everything that crossed the proxy, in order. */
  requests: ProxiedRequest[]
  /** Stops listening and destroys every client and upstream socket. */
  close(): Promise<void>
}

export interface TestProxyOptions {
  /** Answer every CONNECT with this status (e.g. 407) instead of opening the tunnel. */
  refuseConnect?: number
  /**
   * Where a CONNECT tunnel goes instead of its `host:port` target, when this returns one: a test
   * plays api.sendgrid.com on loopback, and nothing reaches the real host.
   */
  route?: (target: string) => string | undefined
}

export async function startProxy(options: TestProxyOptions = {}): Promise<TestProxy> {
  const requests: ProxiedRequest[] = []
  const sockets = new Set<net.Socket>()
  const track = (socket: net.Socket): net.Socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    // A peer that goes away mid-stream is the test's business, not an uncaught exception.
    socket.on('error', () => socket.destroy())
    return socket
  }

  const server = http.createServer((request, response) => {
    const target = request.url ?? ''
    requests.push({ method: request.method ?? 'GET', target })
    if (!URL.canParse(target)) {
      response.writeHead(400).end('absolute-form request target expected')
      return
    }
    const url = new URL(target)
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !name.startsWith('proxy-')))
    const upstream = http.request(
      { host: url.hostname, port: url.port || 80, path: `${url.pathname}${url.search}`, method: request.method, headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(response)
      }
    )
    upstream.on('socket', track)
    upstream.on('error', () => response.destroy())
    request.pipe(upstream)
  })

  server.on('connection', track)
  server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = request.url ?? ''
    requests.push({ method: 'CONNECT', target })
    track(client)
    if (options.refuseConnect !== undefined) {
      client.end(`HTTP/1.1 ${options.refuseConnect} Refused by test proxy\r\nContent-Length: 0\r\n\r\n`)
      return
    }
    const destination = options.route?.(target) ?? target
    const separator = destination.lastIndexOf(':')
    const upstream = track(net.connect(Number(destination.slice(separator + 1)), destination.slice(0, separator).replace(/^\[|\]$/g, '')))
    upstream.on('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('close', () => client.destroy())
    client.on('close', () => upstream.destroy())
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as net.AddressInfo

  let closing: Promise<void> | undefined
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
        for (const socket of sockets) socket.destroy()
      })
      return closing
    }
  }
}
