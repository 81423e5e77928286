// @ts-check
/**
 * Preloaded into every test process (see the test script in package.json): drops the two warnings
 * each run expects, so that any other warning stands out.
 * - Node's "VM Modules is an experimental feature": jest runs the ESM tests through vm modules.
 * - undici's UNDICI-EHPA "EnvHttpProxyAgent is experimental": the proxy tests build one on purpose.
 */

/** @type {((warning: { name: string, code?: string, message: string }) => boolean)[]} */
const EXPECTED = [
  (warning) => warning.name === 'ExperimentalWarning' && warning.message.startsWith('VM Modules is an experimental feature'),
  (warning) => warning.code === 'UNDICI-EHPA'
]

const emitWarning = process.emitWarning

/**
 * The name, code and message Node would print, from any of emitWarning's forms: (Error),
 * (message, type, code) or (message, { type, code }).
 * @param {string | Error} warning
 * @param {unknown} typeOrOptions
 * @param {unknown} code
 */
function describe(warning, typeOrOptions, code) {
  if (warning instanceof Error) return { name: warning.name, code: /** @type {{ code?: string }} */ (warning).code, message: warning.message }
  const options = typeof typeOrOptions === 'object' && typeOrOptions !== null ? /** @type {{ type?: string, code?: string }} */ (typeOrOptions) : {}
  const name = typeof typeOrOptions === 'string' ? typeOrOptions : (options.type ?? 'Warning')
  return { name, code: typeof code === 'string' ? code : options.code, message: String(warning) }
}

process.emitWarning = /** @type {typeof process.emitWarning} */ (
  function (/** @type {string | Error} */ warning, /** @type {unknown[]} */ ...rest) {
    if (EXPECTED.some((expected) => expected(describe(warning, rest[0], rest[1])))) return
    return Reflect.apply(emitWarning, process, [warning, ...rest])
  }
)
