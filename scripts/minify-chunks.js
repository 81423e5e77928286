// @ts-check
/**
 * ncc's --minify minifies only the entry file it writes, not the chunks the entry loads with
 * import() (the engine, @actions/*, undici, Octokit): this minifies each of them the way ncc
 * minifies the entry (whitespace, comments and local names; no compression, class and function
 * names kept), their source maps carried through.
 *
 *   node scripts/minify-chunks.js dist
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { minify } from 'terser'

const dist = process.argv[2] ?? 'dist'
const chunks = readdirSync(dist).filter((name) => /^\d+\.index\.js$/.test(name))
for (const name of chunks) {
  const path = join(dist, name)
  const map = JSON.parse(readFileSync(`${path}.map`, 'utf8'))
  const minified = await minify(readFileSync(path, 'utf8'), {
    module: true,
    compress: false,
    mangle: { keep_classnames: true, keep_fnames: true },
    sourceMap: { content: map, filename: name, url: `${name}.map` }
  })
  if (minified.code === undefined || typeof minified.map !== 'string') throw new Error(`terser gave nothing for ${path}`)
  writeFileSync(path, minified.code)
  writeFileSync(`${path}.map`, minified.map)
}
