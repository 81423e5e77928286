import { describe, expect, it } from '@jest/globals'
import { BOOLEAN_INPUTS, cliWording, FLAG_INPUTS, nearestFlag, parseArguments } from '../src/cli/arguments.js'
import { INPUT_DEFAULTS } from '../src/inputs.js'

/** How the command line reads argv: every form of a flag, and what it says about the rest. */

describe('boolean flags', () => {
  it('are the inputs whose default is true or false', () => {
    expect(BOOLEAN_INPUTS).toEqual(['include-parent', 'fail-on-breach', 'summary', 'explain'])
    for (const name of FLAG_INPUTS) expect(BOOLEAN_INPUTS.includes(name)).toBe(['true', 'false'].includes(INPUT_DEFAULTS[name]))
  })

  it.each([
    [['--include-parent'], 'true'],
    [['--include-parent=false'], 'false'],
    [['--include-parent=true'], 'true'],
    [['--no-include-parent'], 'false'],
    [['--include-parent', 'false'], 'false'],
    [['--include-parent', 'TRUE'], 'TRUE']
  ])('read %j as %s', (argv, value) => {
    expect(parseArguments(argv)).toMatchObject({ inputs: { 'include-parent': value }, problems: [] })
  })

  it('stand alone before another flag, which keeps its own value', () => {
    const args = parseArguments(['--include-parent', '--subusers', 'x', '--summary', '--from', '-7d'])
    expect(args).toMatchObject({ inputs: { 'include-parent': 'true', subusers: 'x', summary: 'true', from: '-7d' }, problems: [] })
  })

  it('leave a word that is not true or false for what follows, and hand an odd =value to the input check', () => {
    expect(parseArguments(['--summary', 'yes']).problems).toEqual(['unexpected argument 2: every value follows its --flag (see --help)'])
    expect(parseArguments(['--summary=yes']).inputs.summary).toBe('yes')
  })

  it('refuse a value after the no- prefix', () => {
    expect(parseArguments(['--no-summary=true']).problems).toEqual(['--no-summary takes no value; write --summary=true instead'])
  })

  it('--no-explain and --explain=false turn the explanation off; --explain alone turns it on', () => {
    expect(parseArguments(['--no-explain']).inputs.explain).toBe('false')
    expect(parseArguments(['--explain=false']).inputs.explain).toBe('false')
    expect(parseArguments(['--explain']).inputs.explain).toBe('true')
  })

  it('the last form wins when a flag is given twice', () => {
    expect(parseArguments(['--summary', '--no-summary']).inputs.summary).toBe('false')
  })
})

describe('flags with a value', () => {
  it('take it after a space or an equals sign, also when it starts with one dash', () => {
    expect(parseArguments(['--from', '-7d', '--to=-1d', '--subusers=a=b']).inputs).toEqual({ from: '-7d', to: '-1d', subusers: 'a=b' })
  })

  it('need one: the next flag is not a value, nor is the end', () => {
    expect(parseArguments(['--subusers', '--include-parent']).problems).toEqual(['--subusers needs a value'])
    expect(parseArguments(['--min-score']).problems).toEqual(['--min-score needs a value'])
  })
})

describe('the command line\'s own flags', () => {
  it('--help, -h and --version take no value', () => {
    expect(parseArguments(['-h'])).toMatchObject({ help: true, version: false })
    expect(parseArguments(['--version'])).toMatchObject({ help: false, version: true })
    expect(parseArguments(['--version=2']).problems).toEqual(['--version takes no value'])
  })

  it('--format accepts the formats it lists: text by default at a terminal, markdown elsewhere', () => {
    expect(parseArguments([]).format).toBe('markdown')
    expect(parseArguments([], { terminal: true }).format).toBe('text')
    expect(parseArguments(['--format', 'markdown'], { terminal: true }).format).toBe('markdown')
    expect(parseArguments(['--format', 'json']).format).toBe('json')
    expect(parseArguments(['--format=xml']).problems).toEqual(['--format: "xml" is not accepted; use text, markdown, json, junit, openmetrics'])
  })

  it('--api-key is refused without echoing its value, which is not taken for a stray argument either', () => {
    const args = parseArguments(['--api-key', 'SG.typed', '--api-key=SG.inline'])
    expect(args.problems).toHaveLength(2)
    expect(args.problems.join('\n')).not.toContain('SG.')
  })
})

describe('an unknown flag', () => {
  it.each([
    ['--subuser', '--subusers'],
    ['--fail-on-breech', '--fail-on-breach'],
    ['--regoin', '--region'],
    ['--no-sumary', '--no-summary'],
    ['--verison', '--version'],
    ['--min-scores', '--min-score'],
    ['--wait-timout', '--wait-timeout']
  ])('%s suggests %s', (typo, meant) => {
    expect(nearestFlag(typo)).toBe(meant)
    expect(parseArguments([typo]).problems).toEqual([`unknown option ${typo}; did you mean ${meant}? (see --help)`])
  })

  it('suggests nothing when nothing is close, and never repeats a value given with it', () => {
    expect(nearestFlag('--colour')).toBeUndefined()
    expect(parseArguments(['--colour=SG.secret']).problems).toEqual(['unknown option --colour (see --help)'])
  })
})

describe('the command line\'s wording', () => {
  it('names inputs as flags and the key by its variable', () => {
    const wording = cliWording('ACME_KEY')
    expect([wording.setting('wait-timeout'), wording.setting('api-key'), wording.settingTo('region', 'eu'), wording.keySource]).toEqual([
      '--wait-timeout',
      'ACME_KEY',
      '--region eu',
      'ACME_KEY'
    ])
  })
})
