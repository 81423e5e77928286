import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Test certificates made by openssl: a test CA and a server certificate for 127.0.0.1 it signed,
 * a certificate for another host signed by the same CA, and a self-signed one.
 */

/** Whether openssl is on PATH: without it no certificate can be made, and the HTTPS tests are skipped. */
export const HAVE_OPENSSL = spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0

export interface Certificates {
  dir: string
  caFile: string
  /** Signed by the CA, for IP 127.0.0.1. */
  server: { key: string; cert: string }
  /** Signed by the CA, for SendGrid's two API hosts (api.sendgrid.com, api.eu.sendgrid.com) only. */
  otherHost: { key: string; cert: string }
  /** Signed by the CA, for api.eu.sendgrid.com only: SendGrid's EU region. */
  euHost: { key: string; cert: string }
  /** Signed by itself, for 127.0.0.1. */
  selfSigned: { key: string; cert: string }
}

/** Certificates made now by openssl in a folder of their own (`dir`, for the caller to remove). */
export function makeCertificates(): Certificates {
  const dir = mkdtempSync(join(tmpdir(), 'seq-tls-'))
  const file = (name: string): string => join(dir, name)
  const openssl = (...args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=SEQ gate test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign')
  const leaf = (name: string, altName: string): { key: string; cert: string } => {
    writeFileSync(file(`${name}.ext`), `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=${altName}\n`)
    openssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`)
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2',
      '-out', `${name}.pem`, '-extfile', `${name}.ext`)
    return { key: readFileSync(file(`${name}.key`), 'utf8'), cert: readFileSync(file(`${name}.pem`), 'utf8') }
  }
  const server = leaf('server', 'IP:127.0.0.1')
  const otherHost = leaf('other', 'DNS:api.sendgrid.com,DNS:api.eu.sendgrid.com')
  const euHost = leaf('eu', 'DNS:api.eu.sendgrid.com')
  openssl('req', '-x509', ...ec, '-keyout', 'self.key', '-out', 'self.pem', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1')
  const selfSigned = { key: readFileSync(file('self.key'), 'utf8'), cert: readFileSync(file('self.pem'), 'utf8') }
  return { dir, caFile: file('ca.pem'), server, otherHost, euHost, selfSigned }
}
