import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { parse } from 'yaml'
import { renderReadme } from '../scripts/docs.js'
import { cliWording, parseArguments } from '../src/cli/arguments.js'
import { parseConfig } from '../src/inputs.js'

const read = (path: string): Promise<string> => readFile(new URL(`../${path}`, import.meta.url), 'utf8')

describe('README', () => {
  it('has the input and output tables action.yml generates (run npm run docs when this fails)', async () => {
    const readme = await read('README.md')
    expect(renderReadme(readme, await read('action.yml'))).toBe(readme)
  })

  it('documents every input with a description and a default, and every output with a description', async () => {
    const action = parse(await read('action.yml')) as {
      inputs: Record<string, { description?: string; required?: boolean; default?: string }>
      outputs: Record<string, { description?: string }>
    }
    for (const [name, input] of Object.entries(action.inputs)) {
      expect([name, typeof input.description]).toEqual([name, 'string'])
      expect([name, input.required === true || typeof input.default === 'string']).toEqual([name, true])
    }
    for (const [name, output] of Object.entries(action.outputs)) expect([name, typeof output.description]).toEqual([name, 'string'])
  })

  it('names the install and test commands that CI runs', async () => {
    const [readme, ci] = await Promise.all([read('README.md'), read('.ci/run')])
    for (const command of ['npm ci', 'npm test']) {
      expect(readme).toContain(`\n${command}\n`)
      expect(ci).toContain(command)
    }
    // Prometheus' OpenMetrics parser, which the OpenMetrics tests read their output with.
    expect(readme).toContain('\nsudo apt-get install python3-prometheus-client\n')
    expect(ci).toMatch(/ apt-get install -y -qq python3-prometheus-client\n/)
  })
})

describe('docs/cli.md', () => {
  /** Each fenced block of a language, as written. */
  const blocks = async (language: string): Promise<string[]> =>
    [...(await read('docs/cli.md')).matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((match) => match[1] as string)

  /** The arguments of each seq-gate command in `text`, as a shell splits them, up to a redirection or pipe. */
  function seqGateCommands(text: string): string[][] {
    return [...text.replace(/\\\n\s*/g, ' ').matchAll(/\bseq-gate(?:@\d+)? +(--.*)$/gm)].map(([, rest]) => {
      const args: string[] = []
      for (const [token] of (rest as string).matchAll(/'[^']*'|[^\s'"]+|"/g)) {
        if (/^(?:[<>|;"]|\|\||2>&1|&&)/.test(token)) break
        args.push(token.replace(/^'(.*)'$/, '$1'))
      }
      return args
    })
  }

  it('opens with the two lines that install and run it', async () => {
    const [first] = await blocks('sh')
    expect(first?.split('\n').slice(0, 2)).toEqual(['npm install --global seq-gate', expect.stringMatching(/^SENDGRID_API_KEY=\S+ seq-gate --/)])
  })

  it('gives GitLab CI a job whose junit report is the file seq-gate writes, uploaded when the job fails too', async () => {
    const [gitlab] = await blocks('yaml')
    const job = Object.values(parse(gitlab ?? '') as Record<string, { script: string[]; artifacts: { when: string; reports: { junit: string } } }>)[0]
    const [args] = seqGateCommands(job?.script.join('\n') ?? '')

    expect(job?.artifacts).toEqual({ when: 'always', reports: { junit: args?.[args.indexOf('--junit-file') + 1] } })
  })

  it("gives Jenkins a stage whose junit step always reads the file seq-gate writes", async () => {
    const [jenkins = ''] = await blocks('groovy')
    const [args] = seqGateCommands(jenkins)

    expect(jenkins).toMatch(new RegExp(`post \\{\\s+always \\{\\s+junit '${args?.[args.indexOf('--junit-file') + 1]}'`))
  })

  it('uses only flags seq-gate takes, with values it accepts', async () => {
    const all = (await Promise.all(['sh', 'yaml', 'groovy', 'crontab'].map(blocks))).flat().flatMap(seqGateCommands)

    expect(all.length).toBeGreaterThanOrEqual(8)
    for (const args of all) {
      const parsed = parseArguments(args)
      expect([args, parsed.problems]).toEqual([args, []])
      expect(() => parseConfig((name) => (name === 'api-key' ? 'SG.docs' : (parsed.inputs[name as keyof typeof parsed.inputs] ?? '')), '2026-12-02', cliWording('SENDGRID_API_KEY'))).not.toThrow()
    }
  })
})
