import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { DEFAULT_API_KEY, startSimulator, type Simulator } from '../sim/simulator.js'
import { annotations, runDist, runInProcess, type Inputs } from './support/runner.js'
import { startProxy, type TestProxy } from './support/proxy.js'
import { HAVE_OPENSSL, makeCertificates, type Certificates } from './support/tls.js'

/**
 * The simulator over HTTPS with certificates made by openssl (support/tls.ts): a test CA and a
 * server certificate for 127.0.0.1 it signed, a certificate for another host signed by the same
 * CA, and a self-signed one. The bundle runs in a child process because Node reads NODE_EXTRA_CA_CERTS
 * only when it starts; where no CA is added, the run is in process.
 */

const describeTls = HAVE_OPENSSL ? describe : describe.skip
const SKIP_REASON = HAVE_OPENSSL ? '' : ' (SKIPPED: openssl is not on PATH, so no certificate can be generated)'

let certificates: Certificates
let simulator: Simulator | undefined
let proxy: TestProxy | undefined
beforeAll(() => {
  if (HAVE_OPENSSL) certificates = makeCertificates()
})
afterEach(async () => {
  await proxy?.close()
  await simulator?.close()
  proxy = undefined
  simulator = undefined
})
afterAll(() => {
  if (certificates) rmSync(certificates.dir, { recursive: true, force: true })
})

async function serveHttps(tls: { key: string; cert: string }): Promise<{ sim: Simulator; inputs: Inputs }> {
  simulator = await startSimulator({ parent: { username: 'acme', score: 4 }, tls })
  return { sim: simulator, inputs: { 'api-key': DEFAULT_API_KEY, 'base-url': simulator.url, from: '-2d' } }
}

/** The one ::error:: for the parent account, with everything a run must not print checked. */
function tlsError(run: { stdout: string; exitCode: number; outputs: Record<string, string> }): string {
  expect(run.exitCode).toBe(1)
  expect(run.outputs.result).toBe('error')
  expect(run.stdout).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m) // no stack trace
  expect(run.stdout).not.toContain('Unexpected failure')
  const [first] = annotations(run.stdout, 'error')
  return first ?? ''
}

describeTls(`the simulator over HTTPS${SKIP_REASON}`, () => {
  it('serves https:// with the generated certificate', async () => {
    const { sim } = await serveHttps(certificates.server)
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
  })

  it('works when NODE_EXTRA_CA_CERTS trusts the CA that signed the certificate', async () => {
    const { sim, inputs } = await serveHttps(certificates.server)
    const run = await runDist(inputs, { NODE_EXTRA_CA_CERTS: certificates.caFile })

    expect(run.exitCode).toBe(0)
    expect(run.outputs.result).toBe('passed')
    expect(sim.requests).toHaveLength(1)
    expect(sim.requests[0]?.authorized).toBe(true)
  })

  it('works through a CONNECT proxy as well, the TLS running end to end inside the tunnel', async () => {
    const { sim, inputs } = await serveHttps(certificates.server)
    proxy = await startProxy()
    const run = await runDist(inputs, { NODE_EXTRA_CA_CERTS: certificates.caFile, HTTPS_PROXY: proxy.url })

    expect(run.outputs.result).toBe('passed')
    expect(sim.requests).toHaveLength(1)
    expect(proxy.requests).toEqual([{ method: 'CONNECT', target: `127.0.0.1:${sim.port}` }])
  })

  it('fails with a clear TLS error naming the host, not retried, when the CA is not trusted', async () => {
    const { sim, inputs } = await serveHttps(certificates.server)
    const run = await runInProcess(inputs)

    // Anchored at the end: a retried failure would carry "(gave up after ...)" or "(wait-timeout ran out ...)".
    expect(tlsError(run)).toMatch(
      new RegExp(
        `^parent account: TLS error talking to 127\\.0\\.0\\.1:${sim.port}: unable to verify the first certificate ` +
          '\\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\\); if a proxy or gateway uses its own CA, point NODE_EXTRA_CA_CERTS at it$'
      )
    )
    expect(sim.requests).toEqual([])
    expect(run.summary).toMatch(/### Not checked[\s\S]*\*\*parent account\*\* \(error\): TLS error talking to 127\.0\.0\.1/)
  })

  it('fails with a clear TLS error for a self-signed certificate', async () => {
    const { sim, inputs } = await serveHttps(certificates.selfSigned)
    const run = await runInProcess(inputs)

    expect(tlsError(run)).toMatch(
      new RegExp(`^parent account: TLS error talking to 127\\.0\\.0\\.1:${sim.port}: self-signed certificate \\(DEPTH_ZERO_SELF_SIGNED_CERT\\); if a proxy or gateway uses its own CA, point NODE_EXTRA_CA_CERTS at it$`)
    )
    expect(sim.requests).toEqual([])
  })

  it('fails with a clear TLS error when a trusted certificate names another host', async () => {
    const { sim, inputs } = await serveHttps(certificates.otherHost)
    const run = await runDist(inputs, { NODE_EXTRA_CA_CERTS: certificates.caFile })

    expect(tlsError(run)).toMatch(
      new RegExp(
        `^parent account: TLS error talking to 127\\.0\\.0\\.1:${sim.port}: Hostname/IP does not match certificate's altnames: ` +
          "IP: 127\\.0\\.0\\.1 is not in the cert's list \\(ERR_TLS_CERT_ALTNAME_INVALID\\); if a proxy or gateway uses its own CA, point NODE_EXTRA_CA_CERTS at it$"
      )
    )
    expect(sim.requests).toEqual([])
  })
})
