export const id = 957;
export const ids = [957];
export const modules = {

/***/ 1506:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BK: () => (/* binding */ helpText),
/* harmony export */   Fb: () => (/* binding */ cliWording),
/* harmony export */   We: () => (/* binding */ parseArguments)
/* harmony export */ });
/* unused harmony exports DEFAULT_KEY_VARIABLE, FORMATS, defaultFormat, FLAG_INPUTS, BOOLEAN_INPUTS, nearestFlag */
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8422);

/**
 * The command line's arguments: every input that says what to check as a flag named like the
 * input, and the flags of the command line's own. Only reads argv; the inputs are validated by
 * inputs.ts like the Action's.
 */
const DEFAULT_KEY_VARIABLE = 'SENDGRID_API_KEY';
/** Each format `--format` accepts, and what it prints. */
const FORMATS = {
    text: 'the verdict, what to fix and a line per account, aligned for a terminal or mail',
    markdown: 'the job summary',
    json: 'the outputs as JSON values, with the config, outcome and accounts not read',
    junit: "JUnit XML, a test per account, for a CI's test view",
    openmetrics: 'OpenMetrics gauges per account, for dashboards'
};
/** Text for a person at a terminal; Markdown where the output goes on (a file, a pipe, a CI log). */
function defaultFormat(terminal) {
    return terminal ? 'text' : 'markdown';
}
const NOT_FLAGS = ['api-key', ..._inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .ACTION_ONLY_INPUTS */ .As];
const FLAG_INPUTS = Object.keys(_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .INPUT_DEFAULTS */ .WJ).filter((name) => !NOT_FLAGS.includes(name));
/** Inputs that are true or false: their flags stand alone, or take `=false`, `false` or a `no-` prefix. */
const BOOLEAN_INPUTS = FLAG_INPUTS.filter((name) => ['true', 'false'].includes(_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .INPUT_DEFAULTS */ .WJ[name]));
/** The command line's own flags that take a value. */
const OWN_VALUE_FLAGS = ['api-key-env', 'format'];
/** Flags that take no value at all. */
const SWITCHES = ['help', 'version'];
/** `terminal`: whether stdout is a terminal, which decides the default format. */
function parseArguments(argv, { terminal = false } = {}) {
    const values = new Map();
    const switches = new Set();
    const problems = [];
    for (let index = 0; index < argv.length; index++) {
        const arg = argv[index];
        const next = argv[index + 1];
        if (arg === '-h')
            switches.add('help');
        else if (!arg.startsWith('--') || arg === '--')
            problems.push(`unexpected argument ${index + 1}: every value follows its --flag (see --help)`);
        else {
            const { tookNext, problem } = readFlag(arg, next, values, switches);
            if (problem)
                problems.push(problem);
            if (tookNext)
                index++;
        }
    }
    const format = values.get('format') ?? defaultFormat(terminal);
    if (!Object.hasOwn(FORMATS, format))
        problems.push(`--format: "${format}" is not accepted; use ${Object.keys(FORMATS).join(', ')}`);
    const keyVariable = values.get('api-key-env') ?? DEFAULT_KEY_VARIABLE;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(keyVariable))
        problems.push(`--api-key-env: "${keyVariable}" is not an environment variable name`);
    return {
        inputs: Object.fromEntries(FLAG_INPUTS.flatMap((name) => (values.has(name) ? [[name, values.get(name)]] : []))),
        keyVariable,
        format: format,
        help: switches.has('help'),
        version: switches.has('version'),
        problems
    };
}
/** Reads one `--flag`, `--flag=value` or `--flag value` into `values` or `switches`. */
function readFlag(arg, next, values, switches) {
    const equals = arg.indexOf('=');
    const flag = equals === -1 ? arg : arg.slice(0, equals);
    const inline = equals === -1 ? undefined : arg.slice(equals + 1);
    const name = flag.slice(2);
    // A value may start with one dash (`--from -7d`), not two: that is the next flag.
    const nextValue = inline === undefined && next !== undefined && !next.startsWith('--') ? next : undefined;
    if (name === 'api-key') {
        const problem = `--api-key is not accepted (the command line shows in process lists): put the key in ${DEFAULT_KEY_VARIABLE} or name a variable with --api-key-env`;
        return { tookNext: nextValue !== undefined, problem };
    }
    if (SWITCHES.includes(name)) {
        if (inline !== undefined)
            return { tookNext: false, problem: `${flag} takes no value` };
        switches.add(name);
        return { tookNext: false };
    }
    if (isBoolean(name)) {
        const word = nextValue !== undefined && /^(true|false)$/i.test(nextValue) ? nextValue : undefined;
        values.set(name, inline ?? word ?? 'true');
        return { tookNext: word !== undefined };
    }
    const negated = name.startsWith('no-') ? name.slice(3) : undefined;
    if (negated !== undefined && isBoolean(negated)) {
        if (inline !== undefined)
            return { tookNext: false, problem: `${flag} takes no value; write --${negated}=${inline} instead` };
        values.set(negated, 'false');
        return { tookNext: false };
    }
    if (!takesValue(name))
        return { tookNext: false, problem: unknownFlag(flag) };
    const value = inline ?? nextValue;
    if (value === undefined)
        return { tookNext: false, problem: `${flag} needs a value` };
    values.set(name, value);
    return { tookNext: nextValue !== undefined };
}
function isBoolean(name) {
    return BOOLEAN_INPUTS.includes(name);
}
function takesValue(name) {
    return FLAG_INPUTS.includes(name) || OWN_VALUE_FLAGS.includes(name);
}
/** Every flag as written, for suggestions. */
function knownFlags() {
    return [...FLAG_INPUTS, ...BOOLEAN_INPUTS.map((name) => `no-${name}`), ...OWN_VALUE_FLAGS, ...SWITCHES].map((name) => `--${name}`);
}
function unknownFlag(flag) {
    const nearest = nearestFlag(flag);
    return `unknown option ${flag}${nearest ? `; did you mean ${nearest}?` : ''} (see --help)`;
}
/** The known flag a typo most likely meant: the fewest edits away, and close enough to be a typo. */
function nearestFlag(flag) {
    const tolerance = Math.max(2, Math.floor((flag.length - 2) / 4));
    let best;
    for (const known of knownFlags()) {
        const distance = editDistance(flag, known);
        if (distance <= tolerance && (!best || distance < best.distance))
            best = { flag: known, distance };
    }
    return best?.flag;
}
/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
function editDistance(a, b) {
    const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    const at = (i, j) => rows[i]?.[j] ?? 0;
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                distance = Math.min(distance, at(i - 2, j - 2) + 1);
            rows[i][j] = distance;
        }
    }
    return at(a.length, b.length);
}
/** Messages in the command line's terms: flags for inputs, the environment variable for the key. */
function cliWording(keyVariable) {
    return {
        setting: (input) => (input === 'api-key' ? keyVariable : `--${input}`),
        settingTo: (input, value) => `--${input} ${value}`,
        keySource: keyVariable
    };
}
const HINTS = {
    subusers: "usernames and `account-id <id>`, comma-separated, or '*' (every subuser); empty: the key's own account",
    'include-parent': "check the key's own account as well as --subusers",
    from: 'first day (UTC): YYYY-MM-DD, today, yesterday or -Nd; at most 90 days back',
    to: 'last day (UTC), same forms; not in the future; empty: the later of yesterday and --from',
    'min-score': 'lowest acceptable overall score, 1 to 5',
    'min-metric-scores': "lowest acceptable metric scores, e.g. 'spam_rate=4, bounce_rate=3'",
    'warn-score': 'warn (never fail) when a score is at or above --min-score but below this; empty: no warnings',
    'warn-metric-scores': "warning levels beside --min-metric-scores, e.g. 'spam_rate=4'",
    evaluate: "all (every day), latest (each account's latest scored day) or average (each account's mean)",
    'missing-scores': 'what a missing score does: warn, fail or ignore',
    'wait-timeout': 'how long the whole fetch may take, e.g. 90s, 10m, 1h',
    'poll-interval': 'first wait between polls while SendGrid answers 202',
    'request-timeout': 'how long one request may take',
    region: 'global or eu',
    'base-url': "overrides the region's API URL (API gateways, tests)",
    'fail-on-breach': 'false (or --no-fail-on-breach): a breach exits 0 (report only)',
    'on-error': 'warn: an API error or scores still pending exit 0',
    summary: 'false (or --no-summary): print the verdict line instead of the full report (text and markdown formats)',
    explain: "after the verdict, explain each account in breach from SendGrid's stats (up to 3 requests per account, at most 10 accounts; needs Stats read); --no-explain: none",
    'max-drop': "fail when an account's latest score is this much or more below its best in the range; empty: off",
    'warn-drop': 'warn on a smaller drop than --max-drop; empty: off',
    'account-thresholds': "thresholds of their own, a rule a line: 'transactional: min-score=4, spam_rate=5, warn-score=4.5'; * in a name matches anything, the first matching rule wins",
    'junit-file': "also write the run as JUnit XML to this file, for a CI's test view (GitLab, Jenkins)",
    'metrics-file': 'also write the run as OpenMetrics text to this file, replaced whole (node_exporter textfile collector)'
};
function helpText() {
    const width = Math.max(...FLAG_INPUTS.map((name) => name.length)) + 4;
    const flag = (name, hint) => `  --${name.padEnd(width)}${hint}`;
    const defaultOf = (name) => (_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .INPUT_DEFAULTS */ .WJ[name] === '' ? '' : ` (default ${_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .INPUT_DEFAULTS */ .WJ[name]})`);
    const formats = Object.entries(FORMATS).map(([name, what]) => `${name} (${what})`);
    return [
        'Usage: seq-gate [--flag value]...',
        '',
        'Reads Twilio SendGrid Engagement Quality (SEQ) scores and fails when one is below its threshold.',
        `The API key comes from the ${DEFAULT_KEY_VARIABLE} environment variable, never from the command line.`,
        'The report goes to stdout; progress, warnings and the reasons an account was not read go to stderr.',
        '',
        "Flags (the GitHub Action's inputs, same names and values):",
        ...FLAG_INPUTS.map((name) => flag(name, `${HINTS[name]}${defaultOf(name)}`)),
        `  ${BOOLEAN_INPUTS.map((name) => `--${name}`).join(', ')}: alone for true, or with =false, false or the no- prefix (--no-summary).`,
        '',
        flag('api-key-env', `environment variable that holds the API key (default ${DEFAULT_KEY_VARIABLE})`),
        flag('format', `${formats.slice(0, -1).join(', ')} or ${formats.at(-1)} (default text when stdout is a terminal, else markdown)`),
        '  The text format is coloured only when stdout is a terminal and NO_COLOR is unset.',
        flag('version', 'the version of seq-gate'),
        flag('help', 'this text; also -h'),
        '',
        'Exit status:',
        '  0  passed, accounts at risk (below a --warn-* level) included (or a breach under --no-fail-on-breach, an error under --on-error warn)',
        '  1  a score below its threshold, a drop of --max-drop or more, or a missing score under --missing-scores fail',
        '  2  SendGrid or the network failed, scores still pending at --wait-timeout, invalid input, a Node.js older than 22,',
        '     or a file --junit-file or --metrics-file names could not be written',
        '',
        'Example:',
        `  ${DEFAULT_KEY_VARIABLE}=SG.xxx seq-gate --from -7d --min-score 3 --subusers '*'`,
        '',
        'Install: npm install --global seq-gate (or run it with npx seq-gate). Examples for GitLab CI, Jenkins and cron:',
        'https://github.com/sendgrid-engagement-quality-gate/action/blob/v1/docs/cli.md',
        ''
    ].join('\n');
}


/***/ }),

/***/ 2957:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _package_json__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8330);
/* harmony import */ var _arguments_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1506);
/* harmony import */ var _dates_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(7718);
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4279);
/* harmony import */ var _engine_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5867);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8422);
/* harmony import */ var _records_collection_js__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(9700);
/* harmony import */ var _report_report_file_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4315);
/* harmony import */ var _report_files_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9621);
/* harmony import */ var _gate_thresholds_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(9695);
/* harmony import */ var _report_summary_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(6093);
/* harmony import */ var _report_text_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(5655);
/* harmony import */ var _report_verdict_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(687);
/* harmony import */ var _report_why_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(9952);















/**
 * The command-line face (`seq-gate`) for other CI systems and cron: flags named like the Action's
 * inputs in, the report on stdout, progress and reasons on stderr, exit 0 / 1 / 2 out. Parsing,
 * validation, fetching and verdicts are the Action's own (inputs.ts, engine.ts, report/); this
 * file only reads argv and the environment, and prints.
 */
const EXIT = { passed: 0, breach: 1, error: 2 };
/** Accounts not read that stderr names one by one; the JSON format lists them all. */
const REASONS_SHOWN = 20;
async function main(argv, env) {
    const terminal = process.stdout.isTTY === true;
    const args = (0,_arguments_js__WEBPACK_IMPORTED_MODULE_2__/* .parseArguments */ .We)(argv, { terminal });
    if (args.help)
        return print([(0,_arguments_js__WEBPACK_IMPORTED_MODULE_2__/* .helpText */ .BK)()]);
    if (args.version)
        return print([`seq-gate ${_package_json__WEBPACK_IMPORTED_MODULE_1__/* .version */ .rE}\n`]);
    const apiKey = env[args.keyVariable] ?? '';
    const redact = (0,_messages_js__WEBPACK_IMPORTED_MODULE_3__/* .redactor */ .$p)(apiKey.trim());
    const say = (line) => void process.stderr.write(`${redact(line)}\n`);
    try {
        const wording = (0,_arguments_js__WEBPACK_IMPORTED_MODULE_2__/* .cliWording */ .Fb)(args.keyVariable);
        const config = configFrom(args, apiKey, wording, say);
        if (!config)
            return EXIT.error;
        const startedMs = Date.now();
        const check = await (0,_engine_js__WEBPACK_IMPORTED_MODULE_4__/* .runCheck */ .k_)(config, { log: say, wording });
        const tools = { timing: { startedMs, durationMs: Date.now() - startedMs, hostname: (0,node_os__WEBPACK_IMPORTED_MODULE_0__.hostname)() }, wording, redact };
        sayWhyNotRead(check.evaluation, say);
        for (const unused of (0,_gate_thresholds_js__WEBPACK_IMPORTED_MODULE_12__/* .unusedRules */ .GX)(config.accountThresholds, check.evaluation.accounts))
            say(`seq-gate: warning: ${(0,_gate_thresholds_js__WEBPACK_IMPORTED_MODULE_12__/* .describeUnusedRule */ .iQ)(unused)}`);
        if (check.evaluation.explanation?.accessDenied)
            say(`seq-gate: notice: ${(0,_report_why_js__WEBPACK_IMPORTED_MODULE_11__/* .statsAccessNotice */ .O$)(wording)}`);
        const written = await writeFiles(check, config, tools, say);
        const colour = terminal && !env.NO_COLOR;
        await print(render(check, config, { format: args.format, wording, colour, tools }, redact));
        const exitCode = exitCodeOf(check.evaluation, config);
        // A file asked for and not written fails a run that would pass, as an outage does.
        return exitCode === EXIT.passed && !written ? EXIT.error : exitCode;
    }
    catch (error) {
        say(`seq-gate: unexpected failure: ${(0,_messages_js__WEBPACK_IMPORTED_MODULE_3__/* .messageOf */ .bD)(error)}`);
        return EXIT.error;
    }
}
/** The config, or undefined after saying every problem with the arguments and inputs at once. */
function configFrom(args, apiKey, wording, say) {
    const problems = [...args.problems];
    let config;
    try {
        config = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .parseConfig */ .o4)((name) => (name === 'api-key' ? apiKey : (args.inputs[name] ?? '')), (0,_dates_js__WEBPACK_IMPORTED_MODULE_13__/* .dayOf */ .kb)(new Date()), wording);
    }
    catch (error) {
        if (!(error instanceof _inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .InputError */ .dz))
            throw error;
        for (const { input, message } of error.problems) {
            if (input === 'api-key' && apiKey.trim() === '')
                problems.push(`${args.keyVariable} is not set: export your SendGrid API key in it, or name another variable with --api-key-env`);
            else
                problems.push(`${wording.setting(input)}: ${message}`);
        }
    }
    for (const problem of problems)
        say(`seq-gate: ${problem}`);
    for (const { input, message } of config?.warnings ?? [])
        say(`seq-gate: warning: ${wording.setting(input)}: ${message}`);
    return problems.length === 0 ? config : undefined;
}
/** Each account or listing day not read, with SendGrid's reason, whatever the format and --summary. */
function sayWhyNotRead({ failures }, say) {
    for (const failure of failures.slice(0, REASONS_SHOWN))
        say(`Could not read ${(0,_records_collection_js__WEBPACK_IMPORTED_MODULE_14__/* .failedSubject */ .q)(failure)}: ${failure.message}`);
    const more = failures.length - REASONS_SHOWN;
    if (more > 0)
        say(`…and ${more} more ${more === 1 ? 'account or day' : 'accounts or days'} not read; --format json lists them all.`);
}
/**
 * Writes the files --junit-file and --metrics-file ask for, saying where on stderr; false when one
 * could not be written (the run then exits 2 unless it already fails).
 */
async function writeFiles({ evaluation }, config, tools, say) {
    let written = true;
    for (const file of (0,_report_files_js__WEBPACK_IMPORTED_MODULE_7__/* .toolFiles */ .w_)(evaluation, config, process.cwd(), tools)) {
        try {
            await (0,_report_files_js__WEBPACK_IMPORTED_MODULE_7__/* .writeWhole */ .f8)(file.path, file.text());
            say(`Wrote ${file.what} to ${file.path}`);
        }
        catch (error) {
            say(`seq-gate: could not write ${tools.wording.setting(file.input)} ${file.path}: ${(0,_messages_js__WEBPACK_IMPORTED_MODULE_3__/* .messageOf */ .bD)(error)}`);
            written = false;
        }
    }
    return written;
}
/** The report in `format`, a piece at a time; under --summary false the text formats print the verdict alone. */
function render({ evaluation, collection }, config, { format, wording, colour, tools }, redact) {
    if (format === 'json')
        return (0,_report_report_file_js__WEBPACK_IMPORTED_MODULE_6__/* .outputsDocumentText */ .hB)({ config, collection, evaluation, stepFailed: (0,_engine_js__WEBPACK_IMPORTED_MODULE_4__/* .shouldFail */ .W9)(evaluation, config), redact });
    if (format === 'junit' || format === 'openmetrics')
        return (0,_report_files_js__WEBPACK_IMPORTED_MODULE_7__/* .toolFormatText */ .l$)(format, evaluation, config, tools);
    if (!config.summary)
        return [redact(`${(0,_report_verdict_js__WEBPACK_IMPORTED_MODULE_10__/* .verdictLine */ .MT)(evaluation, config)}\n`)];
    if (format === 'text')
        return [redact((0,_report_text_js__WEBPACK_IMPORTED_MODULE_9__/* .renderText */ .S)(evaluation, config, { colour, wording }))];
    return [redact((0,_report_summary_js__WEBPACK_IMPORTED_MODULE_8__/* .renderSummary */ .Br)(evaluation, config, _report_summary_js__WEBPACK_IMPORTED_MODULE_8__/* .UNLIMITED */ .Mp, wording).markdown)];
}
/** Writes `pieces` to stdout as fast as it takes them, until it closes; returns the exit code for a run that only prints. */
async function print(pieces) {
    const closed = new Promise((resolve) => process.stdout.once('close', resolve));
    for (const piece of pieces) {
        if (process.stdout.destroyed)
            break;
        if (!process.stdout.write(piece))
            await Promise.race([new Promise((resolve) => process.stdout.once('drain', resolve)), closed]);
    }
    return EXIT.passed;
}
/**
 * Fails exactly when the Action's step would: 1 when a breach fails it (it would fail even with
 * outages only warned about), 2 when only an outage or pending scores do.
 */
function exitCodeOf(evaluation, config) {
    if (!(0,_engine_js__WEBPACK_IMPORTED_MODULE_4__/* .shouldFail */ .W9)(evaluation, config))
        return EXIT.passed;
    return (0,_engine_js__WEBPACK_IMPORTED_MODULE_4__/* .shouldFail */ .W9)(evaluation, { ...config, onError: 'warn' }) ? EXIT.breach : EXIT.error;
}
// A reader that stops early (`seq-gate | head`) closes the pipe: the rest of the report has nowhere to go.
process.stdout.on('error', (error) => {
    if (error.code !== 'EPIPE')
        throw error;
});
process.exitCode = await main(process.argv.slice(2), process.env);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 7718:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ isDay),
/* harmony export */   YM: () => (/* binding */ daysBetween),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   aj: () => (/* binding */ eachDay),
/* harmony export */   fi: () => (/* binding */ addDays),
/* harmony export */   kb: () => (/* binding */ dayOf),
/* harmony export */   zo: () => (/* binding */ resolveDay)
/* harmony export */ });
const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_BEFORE = /^-(\d{1,4})d$/;
/** The UTC day that contains `instant`. */
function dayOf(instant) {
    return instant.toISOString().slice(0, 10);
}
/** Whether `text` is a real calendar day in `YYYY-MM-DD` form (rejects 2025-02-29, 2026-04-31). */
function isDay(text) {
    const match = ISO_DAY.exec(text);
    if (!match)
        return false;
    const [, year, month, day] = match.map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
function addDays(day, days) {
    return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}
/** Whole days from `from` to `to` (negative when `to` comes first). */
function daysBetween(from, to) {
    return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
/** Every day from `from` to `to`, both included. */
function eachDay(from, to) {
    const count = daysBetween(from, to) + 1;
    return Array.from({ length: Math.max(count, 0) }, (_, index) => addDays(from, index));
}
/**
 * Resolves `YYYY-MM-DD`, `today`, `yesterday` or `-Nd` (N days before today) against `today`.
 * Returns undefined for anything else.
 */
function resolveDay(text, today) {
    const value = text.trim().toLowerCase();
    if (value === 'today')
        return today;
    if (value === 'yesterday')
        return addDays(today, -1);
    const daysBefore = DAYS_BEFORE.exec(value);
    if (daysBefore)
        return addDays(today, -Number(daysBefore[1]));
    return isDay(value) ? value : undefined;
}
/** `90s` as `1m 30s`; under a second as `500ms`. */
function formatDuration(ms) {
    if (ms < 1000)
        return `${ms}ms`;
    const seconds = Math.round(ms / 1000);
    const parts = [[Math.floor(seconds / 3600), 'h'], [Math.floor(seconds / 60) % 60, 'm'], [seconds % 60, 's']];
    return parts.filter(([amount]) => amount > 0).map(([amount, unit]) => `${amount}${unit}`).join(' ') || '0s';
}


/***/ }),

/***/ 5867:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  k_: () => (/* binding */ runCheck),
  W9: () => (/* binding */ shouldFail)
});

// UNUSED EXPORTS: fetchScores, progressIntervalMs

;// CONCATENATED MODULE: ./src/clock.ts
const realClock = {
    now: () => Date.now(),
    sleep: (ms, until) => new Promise((resolve) => {
        if (until?.aborted)
            return resolve();
        // Cleared on abort, so that a sleep nobody waits for any more does not keep the process alive.
        const stop = () => {
            clearTimeout(timer);
            resolve();
        };
        const timer = setTimeout(() => {
            until?.removeEventListener('abort', stop);
            resolve();
        }, ms);
        until?.addEventListener('abort', stop, { once: true });
    })
};

// EXTERNAL MODULE: ./src/dates.ts
var dates = __webpack_require__(7718);
;// CONCATENATED MODULE: ./src/sendgrid/pacing.ts
const DEFAULT_PACING = { reserve: 1, marginMs: 250 };
/**
 * The budget after an answer. Answers arrive out of order: within one window the lowest
 * `remaining` is the truest; an answer from a later window starts afresh; an older one is stale.
 */
function observe(budget, { remaining, resetAtMs }) {
    if (remaining === undefined || resetAtMs === undefined)
        return budget;
    if (budget === undefined || resetAtMs > budget.resetAtMs)
        return { remaining, resetAtMs };
    if (resetAtMs < budget.resetAtMs)
        return budget;
    return { remaining: Math.min(remaining, budget.remaining), resetAtMs };
}
/**
 * Whether one more request may go now. `inFlight` requests were sent but not yet answered: they
 * will spend budget the last answer did not count yet. A reset after the deadline is not waited
 * for: the request goes, and a 429 ends it with the reset named.
 */
function pace(budget, inFlight, nowMs, deadlineMs, policy) {
    if (budget === undefined || nowMs >= budget.resetAtMs)
        return { send: true };
    if (budget.remaining - inFlight > policy.reserve)
        return { send: true };
    const resumeAtMs = budget.resetAtMs + policy.marginMs;
    if (resumeAtMs >= deadlineMs)
        return { send: true };
    return { waitMs: resumeAtMs - nowMs };
}
/** Sends requests as `pace` allows, learning the budget from each answer. */
class Pacer {
    clock;
    deadlineMs;
    policy;
    whileHeld;
    budget;
    inFlight = 0;
    constructor(clock, deadlineMs, policy = DEFAULT_PACING, 
    /** Runs each wait for the budget; the collector counts them as pauses. */
    whileHeld = (wait) => wait()) {
        this.clock = clock;
        this.deadlineMs = deadlineMs;
        this.policy = policy;
        this.whileHeld = whileHeld;
    }
    async send(request) {
        for (;;) {
            const decision = pace(this.budget, this.inFlight, this.clock.now(), this.deadlineMs, this.policy);
            if ('send' in decision)
                break;
            await this.whileHeld(() => this.clock.sleep(decision.waitMs));
        }
        this.inFlight++;
        try {
            const outcome = await request();
            this.budget = observe(this.budget, outcome.rateLimit);
            return outcome;
        }
        finally {
            this.inFlight--;
        }
    }
}

;// CONCATENATED MODULE: ./src/sendgrid/planner.ts

function planRequests({ parent, subusers, from, to }) {
    const days = (0,dates/* eachDay */.aj)(from, to);
    const own = parent ? [{ kind: 'account' }] : [];
    if (subusers === 'all')
        return { tasks: [...own, ...days.map((date) => ({ kind: 'subusers-day', date }))] };
    const customers = subusers.filter(isCustomerAccount);
    const names = subusers.filter((name) => !isCustomerAccount(name));
    const tasks = [...own, ...customers.map(perAccount)];
    // The listing costs at least one request per day: it can only win with more names than days.
    if (names.length <= days.length)
        return { tasks: [...tasks, ...names.map(perAccount)] };
    const [date, ...otherDays] = days;
    return { tasks, probe: { names, date, otherDays } };
}
/**
 * After each page of the first day's listing: switch to one request per name, take the listing
 * for every day, or read one more page to learn more. The pages already read count on both sides.
 * The listing costs `pages × days` in all; per account costs `names` more.
 */
function afterProbePage({ names, days, pagesRead, complete }) {
    if (complete)
        return pagesRead * days < pagesRead + names ? 'listing' : 'per-account';
    // More pages follow, so the listing costs at least one more page per day than read so far.
    const listingAtLeast = (pagesRead + 1) * days;
    if (listingAtLeast >= pagesRead + names)
        return 'per-account';
    // Over a single day every extra page might still win; stop probing once it has cost as much
    // as reading each name would have, so a huge account never costs more than twice the best.
    return pagesRead >= names ? 'per-account' : 'read-next-page';
}
function isCustomerAccount(name) {
    return name.startsWith('account-id ');
}
function perAccount(onBehalfOf) {
    return { kind: 'account', onBehalfOf };
}

;// CONCATENATED MODULE: ./src/sendgrid/retry-policy.ts
/**
 * When to try a SendGrid request again, and after how long: a pure function of what happened,
 * how often it happened, the time and the deadline. The sleeping happens in polling.ts.
 */
const DEFAULT_POLICY = {
    pollBackoff: 1.5,
    maxPollIntervalMs: 60_000,
    maxTransientRetries: 3,
    transientBaseMs: 1000,
    rateLimitMarginMs: 500
};
function emptyHistory(startedMs) {
    return { polls: 0, rateLimits: 0, transientFailures: 0, startedMs };
}
function record(history, setback) {
    switch (setback.kind) {
        case 'pending':
            return { ...history, polls: history.polls + 1 };
        case 'rate-limited':
            return { ...history, rateLimits: history.rateLimits + 1 };
        case 'transient':
            return { ...history, transientFailures: history.transientFailures + 1 };
    }
}
/**
 * Decides the next step after `setback`, given the setbacks before it (`history` does not yet
 * include `setback`). `random` in [0, 1) spreads concurrent retries apart; jitter only ever
 * shortens a wait, so the backoff factor stays an upper bound.
 */
function decide(policy, setback, history, nowMs, deadlineMs, random) {
    const remainingMs = deadlineMs - nowMs;
    if (remainingMs <= 0)
        return { giveUp: 'deadline' };
    switch (setback.kind) {
        case 'pending': {
            const waitedMs = history.startedMs === undefined ? scheduledWaitMs(policy, history.polls) : nowMs - history.startedMs;
            // The last poll lands on the deadline rather than past it.
            return { retryInMs: Math.min(jitter(pollWaitMs(policy, waitedMs), random), remainingMs) };
        }
        case 'rate-limited': {
            const wait = setback.resetAtMs === undefined
                ? jitter(policy.transientBaseMs * 2 ** Math.min(history.rateLimits, 5), random)
                : Math.max(setback.resetAtMs - nowMs, 0) + policy.rateLimitMarginMs * (1 + random);
            return wait > remainingMs ? { giveUp: 'reset-after-deadline' } : { retryInMs: wait };
        }
        case 'transient': {
            if (history.transientFailures >= policy.maxTransientRetries)
                return { giveUp: 'retries' };
            const wait = jitter(policy.transientBaseMs * 2 ** history.transientFailures, random);
            return wait > remainingMs ? { giveUp: 'deadline' } : { retryInMs: wait };
        }
    }
}
/** The wait after a 202 once `waitedMs` have passed since the request was first sent. */
function pollWaitMs(policy, waitedMs) {
    const grown = (policy.pollBackoff - 1) * waitedMs;
    return Math.min(Math.max(grown, policy.pollIntervalMs), policy.maxPollIntervalMs);
}
/** The time waited before the `polls`-th poll, had every wait been exactly `pollWaitMs`. */
function scheduledWaitMs(policy, polls) {
    let waitedMs = 0;
    for (let poll = 0; poll < polls; poll++)
        waitedMs += pollWaitMs(policy, waitedMs);
    return waitedMs;
}
/** Between 80% and 100% of `ms`. */
function jitter(ms, random) {
    return Math.round(ms * (1 - 0.2 * random));
}

;// CONCATENATED MODULE: ./src/sendgrid/progress.ts

const NOUNS = {
    account: ['account', 'accounts'],
    'listing-day': ['day of the subuser listing', 'days of the subuser listing']
};
/**
 * A fetch's progress, counted as it goes: how many accounts and listing days are still to read,
 * what the requests under way wait for, and what the fetch has cost. The collector and the poller
 * count; the engine prints a line of it while the fetch waits, and its cost at the end.
 */
class FetchProgress {
    planned = { account: 0, 'listing-day': 0 };
    finished = { account: 0, 'listing-day': 0 };
    holding = { computing: 0, 'rate-limited': 0, retry: 0, paced: 0 };
    /** Requests sent that came back, answered or failed. */
    requests = 0;
    /** Waits after a 202, each followed by a poll. */
    polls = 0;
    /** Waits after a 429 or a failure, each followed by a retry. */
    retries = 0;
    /** Times a request was held back to keep the rate-limit budget. */
    pauses = 0;
    plan(unit) {
        this.planned[unit]++;
    }
    finish(unit) {
        this.finished[unit]++;
    }
    sent() {
        this.requests++;
    }
    /** Runs `wait`, counted as held back for `reason` while it lasts. */
    async hold(reason, wait) {
        if (reason === 'computing')
            this.polls++;
        else if (reason === 'paced')
            this.pauses++;
        else
            this.retries++;
        this.holding[reason]++;
        try {
            await wait();
        }
        finally {
            this.holding[reason]--;
        }
    }
    /** `Waiting for SendGrid to compute scores: 3 of 12 accounts pending, 45s of 10m` */
    waitingLine(waitedMs, waitTimeoutMs) {
        return `${this.headline()}: ${this.pending()}, ${(0,dates/* formatDuration */.a3)(waitedMs)} of ${(0,dates/* formatDuration */.a3)(waitTimeoutMs)}`;
    }
    /** `Fetched in 47s: 14 requests, 9 polls after 202, 1 retry` */
    costLine(tookMs) {
        const pauses = this.pauses > 0 ? `, ${count(this.pauses, 'pause', 'pauses')} for the rate limit` : '';
        const counts = [count(this.requests, 'request', 'requests'), count(this.polls, 'poll after 202', 'polls after 202'), count(this.retries, 'retry', 'retries')];
        return `Fetched in ${(0,dates/* formatDuration */.a3)(tookMs)}: ${counts.join(', ')}${pauses}`;
    }
    /** What the requests under way wait for, the longest wait first. */
    headline() {
        if (this.holding.computing > 0)
            return 'Waiting for SendGrid to compute scores';
        if (this.holding['rate-limited'] + this.holding.paced > 0)
            return "Waiting for SendGrid's rate limit to reset";
        if (this.holding.retry > 0)
            return 'Retrying after a failed request';
        return 'Waiting for SendGrid to answer';
    }
    /** `3 of 12 accounts pending`; each kind of unit once some of it is pending. */
    pending() {
        const units = Object.keys(NOUNS).filter((unit) => this.planned[unit] > 0);
        const open = units.filter((unit) => this.planned[unit] > this.finished[unit]);
        const parts = (open.length > 0 ? open : units).map((unit) => {
            const [one, many] = NOUNS[unit];
            return `${this.planned[unit] - this.finished[unit]} of ${count(this.planned[unit], one, many)}`;
        });
        return `${parts.join(' and ') || 'nothing'} pending`;
    }
}
function count(amount, one, many) {
    return `${amount} ${amount === 1 ? one : many}`;
}

// EXTERNAL MODULE: ./src/messages.ts
var messages = __webpack_require__(4279);
;// CONCATENATED MODULE: ./src/sendgrid/polling.ts




/** Why a request ended without scores: `pending` when SendGrid was still computing them. */
class FetchFailure extends Error {
    outcome;
    end;
    onceKeyWorked;
    constructor(outcome, message, end, 
    /** What the failure more likely means once the same key has read another account (see ApiOutcome). */
    onceKeyWorked) {
        super(message);
        this.outcome = outcome;
        this.end = end;
        this.onceKeyWorked = onceKeyWorked;
        this.name = 'FetchFailure';
    }
    /** SendGrid gave no HTTP answer at all (timeouts, refused or reset connections). */
    get unreachable() {
        return this.end.network !== undefined;
    }
}
/**
 * Sends `attempt` until SendGrid answers 200, waiting out 202s, 429s and passing failures as the
 * retry policy decides. Returns the body, or throws a FetchFailure that says why it gave up.
 */
async function untilAnswered(attempt, context) {
    const { policy, clock, deadlineMs, requestTimeoutMs, random = Math.random, whileComputing = (wait) => wait() } = context;
    const { progress = new FetchProgress(), wording = messages/* ACTION_WORDING */.Ge } = context;
    const startedMs = clock.now();
    let history = emptyHistory(startedMs);
    for (;;) {
        // A request never outlives the deadline by more than a second.
        const timeoutMs = Math.min(requestTimeoutMs, Math.max(deadlineMs - clock.now(), 1000));
        const outcome = await attempt(timeoutMs);
        progress.sent();
        if (outcome.kind === 'ok')
            return outcome.body;
        if (outcome.kind === 'failed' && !outcome.retryable)
            throw new FetchFailure('error', outcome.message, endOf(outcome), outcome.onceKeyWorked);
        const setback = setbackOf(outcome);
        const decision = decide(policy, setback, history, clock.now(), deadlineMs, random());
        if ('giveUp' in decision)
            throw giveUp(decision.giveUp, outcome, history.transientFailures + 1, clock.now() - startedMs, policy, wording.setting('wait-timeout'));
        history = record(history, setback);
        const wait = () => progress.hold(HOLDS[setback.kind], () => clock.sleep(decision.retryInMs));
        await (setback.kind === 'pending' ? whileComputing(wait) : wait());
    }
}
const HOLDS = { pending: 'computing', 'rate-limited': 'rate-limited', transient: 'retry' };
function setbackOf(outcome) {
    if (outcome.kind === 'pending')
        return { kind: 'pending' };
    if (outcome.kind === 'rate-limited')
        return { kind: 'rate-limited', resetAtMs: outcome.rateLimit.resetAtMs };
    return { kind: 'transient' };
}
function giveUp(reason, outcome, attempts, waitedMs, policy, waitTimeout) {
    const waited = (0,dates/* formatDuration */.a3)(waitedMs);
    switch (outcome.kind) {
        case 'pending':
            return new FetchFailure('pending', `SendGrid was still computing the scores (202) after waiting ${waited}; raise ${waitTimeout} or run later`, { status: 202 });
        case 'rate-limited': {
            const reset = outcome.rateLimit.resetAtMs;
            const when = reset === undefined ? 'SendGrid kept answering 429' : `SendGrid's rate limit (429) resets at ${new Date(reset).toISOString()}`;
            const ending = reason === 'reset-after-deadline' ? `after ${waitTimeout} ends` : `after waiting ${waited}`;
            return new FetchFailure('error', `rate limited: ${when}, ${ending}; raise ${waitTimeout} or check what else uses this key`, { status: 429 });
        }
        case 'failed':
            return new FetchFailure('error', reason === 'retries'
                ? `${outcome.message} (gave up after ${attempts} attempts, ${policy.maxTransientRetries} retries)`
                : `${outcome.message} (${waitTimeout} ran out while retrying, after ${waited})`, endOf(outcome));
    }
}
function endOf(outcome) {
    return outcome.network === undefined ? { status: outcome.status } : { network: outcome.network };
}

// EXTERNAL MODULE: ./src/records/collection.ts
var collection = __webpack_require__(9700);
;// CONCATENATED MODULE: ./src/records/record-store.ts
/** Slots per chunk of a column: 4,096, so a small store stays small and growing wastes little. */
const CHUNK_BITS = 12;
const CHUNK_LENGTH = 1 << CHUNK_BITS;
const IN_CHUNK = CHUNK_LENGTH - 1;
/** Records per block of an account's chain: a few slots unused per account, a link per 16 records. */
const BLOCK_LENGTH = 16;
/** Where a chain or a link leads nowhere. Blocks are numbered from 1 in heads, tails and links. */
const NO_BLOCK = 0;
/** The position, in the readings table, of a record with neither a score nor metrics. */
const NOTHING_READ = 0;
/**
 * A growing list of unsigned integers in equal typed-array chunks, each a byte wide until a value
 * needs two, two until one needs four: a store's days and readings are a few distinct values
 * each, so they take a byte or two per record. Growing adds a chunk rather than copying the list.
 */
class NarrowColumn {
    chunks = [];
    largest = 0xff;
    /** 0 where nothing was set. */
    at(index) {
        return this.chunks[index >>> CHUNK_BITS]?.[index & IN_CHUNK] ?? 0;
    }
    set(index, value) {
        if (value > this.largest)
            this.widenFor(value);
        const chunk = (this.chunks[index >>> CHUNK_BITS] ??= this.chunk());
        chunk[index & IN_CHUNK] = value;
    }
    /** Bytes per value: 1, 2 or 4. */
    get width() {
        return this.largest === 0xff ? 1 : this.largest === 0xffff ? 2 : 4;
    }
    chunk() {
        const Chunk = this.width === 1 ? Uint8Array : this.width === 2 ? Uint16Array : Uint32Array;
        return new Chunk(CHUNK_LENGTH);
    }
    widenFor(value) {
        this.largest = value > 0xffff ? 0xffffffff : 0xffff;
        this.chunks = this.chunks.map((narrow) => {
            const wide = this.chunk();
            wide.set(narrow);
            return wide;
        });
    }
}
/** Values kept once each, each at a position found by its key. */
class Table {
    values;
    positions = new Map();
    constructor(values = []) {
        this.values = values;
    }
    find(key) {
        return this.positions.get(key);
    }
    position(key, value) {
        const known = this.positions.get(key);
        if (known !== undefined)
            return known;
        this.positions.set(key, this.values.length);
        this.values.push(value());
        return this.values.length - 1;
    }
    /** The position of `key`, which is its own value (a name, an id, a day, a score). */
    of(key) {
        return this.position(key, () => key);
    }
}
/**
 * The names, user ids, days and readings that records share, each kept once. A reading is a score
 * with its metrics: SendGrid's score follows from the metrics, so there are about as many readings
 * as metrics, and one position says both. A store and its drafts share one set of tables, so moving
 * a draft's records into its store is a copy of numbers.
 */
class Tables {
    accounts = new Table();
    userIds = new Table();
    days = new Table();
    readings = new Table([{}]);
    /** Filled again by every `encode`: a record added is not worth an object of its own. */
    encoded = { account: 0, userId: 0, day: 0, reading: 0 };
    encode(record) {
        const encoded = this.encoded;
        encoded.account = this.accounts.of(record.account);
        encoded.userId = this.userIds.of(record.user_id);
        encoded.day = this.days.of(record.date);
        encoded.reading = this.readingPosition(record);
        return encoded;
    }
    readingPosition({ score, metrics }) {
        if (score === undefined && metrics === undefined)
            return NOTHING_READ;
        const metricsKey = metrics ? `${metrics.engagement_recency},${metrics.open_rate},${metrics.bounce_classification},${metrics.bounce_rate},${metrics.spam_rate}` : '';
        // Shared between records, so frozen: nobody may change one record's metrics through another's.
        return this.readings.position(`${score ?? ''}|${metricsKey}`, () => ({ score, metrics: metrics && Object.freeze({ ...metrics }) }));
    }
}
/**
 * Records kept off the JavaScript heap: `*` over 100,000 subusers and 90 days, SendGrid's whole
 * retention, is 9,000,000 of them. Each account's records lie together, in a chain of blocks of
 * 16, so a record is only its day and its reading (score and metrics): two or three bytes, as
 * positions in tables of the values records share. The account and user id are the block's. A
 * record object exists only while someone reads it.
 *
 * Records are read account by account, in the order the accounts first came, each account's by
 * date (those of one day in the order they came).
 */
class RecordStore {
    tables;
    size = 0;
    blocks = 0;
    /** By account: its first and last block. */
    head = new NarrowColumn();
    tail = new NarrowColumn();
    /** By block: the next block of its account, its user id, how many of its slots are filled. */
    next = new NarrowColumn();
    userIdOf = new NarrowColumn();
    filled = new NarrowColumn();
    /** By slot (block x 16 + index in the block). */
    dayAt = new NarrowColumn();
    readingAt = new NarrowColumn();
    constructor(tables = new Tables()) {
        this.tables = tables;
    }
    /** A store holding `records`. */
    static of(records) {
        const store = new RecordStore();
        store.addAll(records);
        return store;
    }
    /** An empty draft whose records can later be moved into this store at once with `append`. */
    draft() {
        return new RecordDraft(this.tables);
    }
    get length() {
        return this.size;
    }
    add(record) {
        this.place(this.tables.encode(record));
    }
    addAll(records) {
        for (const record of records)
            this.add(record);
    }
    /** Moves every record of `draft` (made by this store's `draft`) into this store. */
    append(draft) {
        if (!draft.madeWith(this.tables))
            throw new Error('only a draft of this store can be appended to it');
        draft.moveEach((encoded) => this.place(encoded));
    }
    /** The accounts that have at least one record, in the order they first came. */
    accounts() {
        const names = new Set();
        this.tables.accounts.values.forEach((name, account) => {
            if (this.head.at(account) !== NO_BLOCK)
                names.add(name);
        });
        return names;
    }
    /** Every record of `account`, made now, by date (those of one day in the order they came). */
    recordsOf(account) {
        const position = this.tables.accounts.find(account);
        if (position === undefined)
            return [];
        const records = [];
        for (let link = this.head.at(position); link !== NO_BLOCK; link = this.next.at(link - 1)) {
            const block = link - 1;
            const userId = this.tables.userIds.values[this.userIdOf.at(block)];
            const first = block * BLOCK_LENGTH;
            for (let slot = first; slot < first + this.filled.at(block); slot++)
                records.push(this.recordAt(account, userId, slot));
        }
        return byDate(records);
    }
    *[Symbol.iterator]() {
        for (const account of this.accounts())
            yield* this.recordsOf(account);
    }
    recordAt(account, user_id, slot) {
        const { days, readings } = this.tables;
        const date = days.values[this.dayAt.at(slot)];
        const { score, metrics } = readings.values[this.readingAt.at(slot)];
        // Each shape is one literal, so every field lies inside the object and absent fields are absent.
        if (metrics === undefined)
            return score === undefined ? { account, user_id, date } : { account, user_id, date, score };
        return score === undefined ? { account, user_id, date, metrics } : { account, user_id, date, score, metrics };
    }
    /** Puts a record in the last block of its account's chain, or in a new block when that one is full or another user id's. */
    place({ account, userId, day, reading }) {
        let block = this.tail.at(account) - 1;
        if (block < 0 || this.filled.at(block) === BLOCK_LENGTH || this.userIdOf.at(block) !== userId)
            block = this.chainBlock(account, userId);
        const filled = this.filled.at(block);
        const slot = block * BLOCK_LENGTH + filled;
        this.filled.set(block, filled + 1);
        this.dayAt.set(slot, day);
        this.readingAt.set(slot, reading);
        this.size++;
    }
    /** A new, empty block at the end of the account's chain. */
    chainBlock(account, userId) {
        const block = this.blocks++;
        this.userIdOf.set(block, userId);
        const last = this.tail.at(account);
        if (last === NO_BLOCK)
            this.head.set(account, block + 1);
        else
            this.next.set(last - 1, block + 1);
        this.tail.set(account, block + 1);
        return block;
    }
}
/**
 * Records gathered for a store in the order they come, moved into it at once (a day of the
 * subuser listing is kept only once it is whole). A draft is short-lived and holds one day of many
 * accounts, so its records lie side by side rather than in chains: about ten bytes each.
 */
class RecordDraft {
    tables;
    size = 0;
    accountAt = new NarrowColumn();
    userIdAt = new NarrowColumn();
    dayAt = new NarrowColumn();
    readingAt = new NarrowColumn();
    constructor(tables) {
        this.tables = tables;
    }
    get length() {
        return this.size;
    }
    add(record) {
        const { account, userId, day, reading } = this.tables.encode(record);
        const index = this.size++;
        this.accountAt.set(index, account);
        this.userIdAt.set(index, userId);
        this.dayAt.set(index, day);
        this.readingAt.set(index, reading);
    }
    addAll(records) {
        for (const record of records)
            this.add(record);
    }
    madeWith(tables) {
        return tables === this.tables;
    }
    /** Hands each record over, in the order it came, and empties the draft. */
    moveEach(take) {
        const encoded = { account: 0, userId: 0, day: 0, reading: 0 };
        for (let index = 0; index < this.size; index++) {
            encoded.account = this.accountAt.at(index);
            encoded.userId = this.userIdAt.at(index);
            encoded.day = this.dayAt.at(index);
            encoded.reading = this.readingAt.at(index);
            take(encoded);
        }
        this.size = 0;
    }
}
/** `records` by date, those of one day kept in their order: a chain is by date already unless days came out of order. */
function byDate(records) {
    for (let index = 1; index < records.length; index++)
        if (records[index - 1].date > records[index].date)
            return records.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return records;
}

// EXTERNAL MODULE: ./src/records/score-record.ts
var score_record = __webpack_require__(1992);
// EXTERNAL MODULE: ./src/json.ts
var json = __webpack_require__(8301);
;// CONCATENATED MODULE: ./src/sendgrid/responses.ts



/**
 * Turns SendGrid's 200 bodies into records, checking them rather than trusting them: a wrong value
 * would give a wrong verdict. What the schema leaves out (no `result`, no entry, no score, a null
 * optional field) is a missing score, judged by missing-scores. What the schema forbids is an
 * OffSchemaError; what it allows but cannot be judged (a day outside the range asked for, a day
 * given twice) is an UnusableResponseError. Either way the account or day counts as unreadable.
 */
class UnusableResponseError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UnusableResponseError';
    }
}
class OffSchemaError extends UnusableResponseError {
    constructor(detail) {
        super(`SendGrid sent data outside its schema: ${detail}`);
        this.name = 'OffSchemaError';
    }
}
/** Data the schema allows that still cannot be judged. */
function unjudgeable(detail) {
    return new UnusableResponseError(`SendGrid's answer cannot be judged: ${detail}`);
}
/**
 * The body of `/v3/engagementquality/scores` for one account over `from`..`to`. No `result`, or an
 * empty one, gives no records: SendGrid has no score for the account (most likely not eligible).
 */
function parseAccountScores(body, from, to, account) {
    const entries = resultOf(body, { required: false });
    // SendGrid may leave `username` out on days without a score: name the account once, for every day.
    const label = account ?? firstUsername(entries);
    const records = entries.map((entry, index) => parseEntry(entry, index, label, { from, to }));
    rejectDuplicates(records, (record) => record.date);
    return records;
}
/** One page of `/v3/engagementquality/subusers/scores` for `date`, whose schema requires `result`. */
function parseSubuserPage(body, date) {
    const records = resultOf(body, { required: true }).map((entry, index) => parseEntry(entry, index, undefined, { from: date, to: date }));
    rejectDuplicates(records, (record) => record.account);
    return { records, afterKey: afterKeyOf(body) };
}
function firstUsername(entries) {
    for (const entry of entries)
        if ((0,json/* isObject */.G)(entry) && typeof entry.username === 'string' && entry.username !== '')
            return entry.username;
    return undefined;
}
/** An optional field that is absent or null: SendGrid omitted it. */
function omitted(value) {
    return value === undefined || value === null;
}
function resultOf(body, { required }) {
    const object = (0,json/* isObject */.G)(body) && !Array.isArray(body);
    if (object && !required && omitted(body.result))
        return [];
    if (!object || !Array.isArray(body.result))
        throw new OffSchemaError('the body has no "result" array');
    return body.result;
}
/** The next page's key; absent, null and "" all end the paging. */
function afterKeyOf(body) {
    const metadata = (0,json/* isObject */.G)(body) ? body._metadata : undefined;
    const next = (0,json/* isObject */.G)(metadata) ? metadata.next_params : undefined;
    const key = (0,json/* isObject */.G)(next) ? next.after_key : undefined;
    if (omitted(key) || key === '')
        return undefined;
    if (typeof key !== 'string' && typeof key !== 'number')
        throw new OffSchemaError(`_metadata.next_params.after_key is ${JSON.stringify(key)}, expected a string`);
    return String(key);
}
function isUnnamed(record) {
    return record.account === (0,score_record/* unnamedLabel */.fi)(record.user_id);
}
/**
 * An entry of a request for `requested`. Without a date it is the requested day, when there was
 * only one. A listing page's 1,000 entries each carry that one day, which spares their full check.
 */
function parseEntry(entry, index, account, requested) {
    if (!(0,json/* isObject */.G)(entry))
        throw new OffSchemaError(`${entryAt(index)} is ${JSON.stringify(entry)}, expected an object`);
    const userId = entry.user_id;
    if ((typeof userId !== 'string' || userId === '') && typeof userId !== 'number')
        throw new OffSchemaError(`${entryAt(index)}.user_id is missing`);
    const date = dateOf(entry.date, index, requested);
    const username = typeof entry.username === 'string' && entry.username !== '' ? entry.username : undefined;
    const record = { account: account ?? username ?? (0,score_record/* unnamedLabel */.fi)(String(userId)), user_id: String(userId), date };
    if (!omitted(entry.score))
        record.score = scoreAt(entry.score, index, 'score');
    if (!omitted(entry.metrics))
        record.metrics = parseMetrics(entry.metrics, index);
    return record;
}
function dateOf(date, index, { from, to }) {
    if (date === from && from === to)
        return date;
    if (omitted(date)) {
        if (from === to)
            return from;
        throw unjudgeable(`${entryAt(index)} has no date, and the request covered ${from} to ${to}`);
    }
    if (typeof date !== 'string' || !(0,dates/* isDay */.N)(date))
        throw new OffSchemaError(`${entryAt(index)}.date is ${JSON.stringify(date)}, expected YYYY-MM-DD`);
    if (date < from || date > to)
        throw unjudgeable(`${entryAt(index)} is for ${date}, but the request asked for ${from === to ? from : `${from} to ${to}`}`);
    return date;
}
/**
 * One literal in METRICS order. Places are named only when something is wrong there: a page holds
 * 1,000 entries, and strings and arrays made for every valid one would only feed the garbage collector.
 */
function parseMetrics(value, index) {
    if (!(0,json/* isObject */.G)(value))
        throw new OffSchemaError(`${entryAt(index)}.metrics is ${JSON.stringify(value)}, expected an object`);
    const metric = (name) => scoreAt(value[name], index, 'metrics', name);
    return {
        engagement_recency: metric('engagement_recency'),
        open_rate: metric('open_rate'),
        bounce_classification: metric('bounce_classification'),
        bounce_rate: metric('bounce_rate'),
        spam_rate: metric('spam_rate')
    };
}
/** A score from 1 to 5 found at `result[index].field(.subfield)`. */
function scoreAt(value, index, field, subfield) {
    if (typeof value !== 'number' || !(value >= 1 && value <= 5)) {
        const where = `${entryAt(index)}.${field}${subfield === undefined ? '' : `.${subfield}`}`;
        throw new OffSchemaError(`${where} is ${JSON.stringify(value) ?? 'missing'}, expected a number from 1 to 5`);
    }
    return value;
}
function entryAt(index) {
    return `result[${index}]`;
}
function rejectDuplicates(records, key) {
    rejectRepeated(records, key, (record) => unjudgeable(`${record.account} appears twice for ${record.date}`));
}
/** Throws `error(item)` for the first item whose key an earlier item had: an answer that gives one thing twice. */
function rejectRepeated(items, key, error) {
    const seen = new Set();
    for (const item of items) {
        const value = key(item);
        if (seen.has(value))
            throw error(item);
        seen.add(value);
    }
}
/** A paging key that came back again: following it would read the same pages forever. */
function pagingLoop(afterKey) {
    return unjudgeable(`_metadata.next_params.after_key "${afterKey}" came back twice (the pages would loop)`);
}

;// CONCATENATED MODULE: ./src/sendgrid/collect.ts








/** Label of the subusers `*` stands for when the listing named none of them. */
const EVERY_SUBUSER = 'every subuser';
const NOBODY_LISTED = 'SendGrid listed no subuser on any day: the API key likely belongs to a subuser, or to an account without subusers in this region.';
/** Accounts or days being requested at once; one waiting out a 202 gives up its place meanwhile. */
const DEFAULT_CONCURRENCY = 4;
/** Accounts or days started at once; all but `concurrency` of them wait for a place or a 202. */
const TASKS_AT_ONCE = 32;
/**
 * At most `concurrency` accounts or days are being requested at a time. Each holds its place
 * through its retries, so a SendGrid that stops answering ties up only the first few (and the
 * circuit breaker stops the rest), but not while it waits for SendGrid to compute scores (202):
 * accounts that each wait T are then all done after about T, not T for every four.
 */
class Places {
    free;
    waiting = [];
    constructor(free) {
        this.free = free;
    }
    async take() {
        while (this.free === 0)
            await new Promise((resolve) => this.waiting.push(resolve));
        this.free--;
    }
    give() {
        this.free++;
        this.waiting.shift()?.();
    }
    async setAside(wait) {
        this.give();
        try {
            await wait();
        }
        finally {
            await this.take();
        }
    }
}
/**
 * Fetches what the planner chose, a few requests at a time and slower when the rate-limit budget
 * runs low; one account's failure never hides another's scores.
 */
async function collectScores(config, client, { pacer, ...polling }, concurrency = DEFAULT_CONCURRENCY) {
    const places = new Places(concurrency);
    const { progress = new FetchProgress(), wording = messages/* ACTION_WORDING */.Ge } = polling;
    const run = {
        client,
        polling: { ...polling, progress, wording, whileComputing: (wait) => places.setAside(wait) },
        places,
        pacer: pacer ?? new Pacer(polling.clock, polling.deadlineMs, DEFAULT_PACING, (wait) => progress.hold('paced', wait)),
        range: config,
        store: new RecordStore(),
        failures: [],
        namesById: new Map(),
        unnamed: [],
        unscored: [],
        readAlone: new Set(),
        listed: { days: 0, entries: 0 },
        keyWorked: false,
        onceKeyWorked: new Map()
    };
    const plan = planRequests(config);
    const jobs = plan.probe ? [{ kind: 'probe', probe: plan.probe }, ...plan.tasks] : plan.tasks;
    const planned = (more) => {
        for (const job of more)
            progress.plan(unitOf(job));
        return more;
    };
    const work = (job, add) => perform(run, job, (more) => add(planned(more)));
    await runPool(planned(jobs), TASKS_AT_ONCE, work);
    nameUnnamed(run);
    // A listed name the listing never named (say, never scored, so never given a username there) is
    // asked for on its own: SendGrid's answer says whether it is unknown (403) or just unscored.
    if (run.listing)
        await runPool(planned(unlisted(run.listing, run.store)), TASKS_AT_ONCE, work);
    return settled(run, config);
}
/** What only the whole run can tell: whether the key read anything, and whether `*` found anyone. */
function settled(run, { subusers, parent }) {
    if (run.keyWorked)
        for (const [failure, message] of run.onceKeyWorked)
            failure.message = message;
    if (run.listing)
        nameHidden(run, run.listing);
    if (subusers === 'all' && run.listed.days > 0 && run.listed.entries === 0)
        run.unscored.push({ account: EVERY_SUBUSER, note: NOBODY_LISTED });
    const parentAccount = parent ? (run.parentAccount ?? collection/* PARENT_LABEL */.c) : undefined;
    return { records: run.store, failures: run.failures, unscored: run.unscored, readAlone: run.readAlone, parentAccount };
}
/** A failed day of the listing read for listed names hid those of them the listing was to read: all but those asked for on their own. */
function nameHidden(run, names) {
    const failedDays = run.failures.filter((failure) => failure.account === undefined);
    if (failedDays.length === 0)
        return;
    const askedAlone = new Set([...run.readAlone, ...run.failures.flatMap((failure) => failure.account ?? [])]);
    const hidden = [...names].filter((name) => !askedAlone.has(name));
    for (const failure of failedDays)
        failure.listed = hidden;
}
async function perform(run, job, add) {
    await run.places.take();
    try {
        await performInPlace(run, job, add);
    }
    finally {
        run.places.give();
        run.polling.progress.finish(unitOf(job));
    }
}
function unitOf(job) {
    return job.kind === 'account' ? 'account' : 'listing-day';
}
async function performInPlace(run, job, add) {
    if (job.kind === 'probe')
        return add(await probe(run, job.probe));
    try {
        if (run.polling.clock.now() >= run.polling.deadlineMs)
            throw new FetchFailure('pending', `not requested: ${run.polling.wording.setting('wait-timeout')} ran out first`, {});
        if (job.kind === 'account')
            run.store.addAll(await fetchAccount(run, job.onBehalfOf));
        else
            await readListingDay(run, job.date, job.only);
    }
    catch (error) {
        const account = job.kind === 'account' ? (job.onBehalfOf ?? collection/* PARENT_LABEL */.c) : undefined;
        const date = job.kind === 'subusers-day' ? job.date : undefined;
        const failure = { account, date, ...failureOf(error, job.kind === 'account' ? 'scores' : 'listing') };
        run.failures.push(failure);
        if (error instanceof FetchFailure && error.onceKeyWorked !== undefined)
            run.onceKeyWorked.set(failure, error.onceKeyWorked);
    }
}
/**
 * Reads the first day's listing page by page until the planner can tell which way is cheaper,
 * and returns the requests that follow. If the listing cannot be read, each name is asked for
 * on its own, so every failure is reported against the name it concerns.
 */
async function probe(run, { names, date, otherDays }) {
    const wanted = new Set(names);
    const found = dayRecords(run);
    let pagesRead = 0;
    try {
        for await (const page of subuserPages(run, date)) {
            pagesRead++;
            keep(run, page, wanted, found);
            const decision = afterProbePage({ names: names.length, days: otherDays.length + 1, pagesRead, complete: page.afterKey === undefined });
            if (decision === 'per-account')
                break;
            if (decision === 'listing') {
                run.listing = wanted;
                keepDay(run, found);
                return otherDays.map((day) => ({ kind: 'subusers-day', date: day, only: wanted }));
            }
        }
    }
    catch (error) {
        if (!(error instanceof FetchFailure || error instanceof UnusableResponseError))
            throw error;
    }
    return names.map((name) => ({ kind: 'account', onBehalfOf: name }));
}
async function fetchAccount(run, onBehalfOf) {
    const { from, to } = run.range;
    const body = await ask(run, (timeoutMs) => run.client.scores({ from, to, onBehalfOf }, timeoutMs));
    const records = parseAccountScores(body, from, to, onBehalfOf);
    if (onBehalfOf === undefined)
        run.parentAccount = records[0]?.account;
    const account = records[0]?.account ?? onBehalfOf ?? collection/* PARENT_LABEL */.c;
    run.readAlone.add(account);
    if (records.length === 0)
        run.unscored.push({ account });
    return records;
}
/** Every page of one day's listing; with `only`, the records of those usernames alone are kept. */
async function readListingDay(run, date, only) {
    const records = dayRecords(run);
    let entries = 0;
    for await (const page of subuserPages(run, date)) {
        entries += page.records.length;
        keep(run, page, only, records);
    }
    // Kept only once the day is whole: a day that fails halfway is reported as failed, not half shown.
    keepDay(run, records);
    if (only === undefined) {
        run.listed.days++;
        run.listed.entries += entries;
    }
}
function dayRecords(run) {
    return { named: run.store.draft(), unnamed: [] };
}
/**
 * Adds a page's records worth keeping to the day's: with `only`, those usernames and the unnamed
 * entries (which may turn out to be one of them). Every named entry teaches its user_id's username.
 * The parsed page is left behind at once, so it dies young instead of growing the heap.
 */
function keep(run, page, only, day) {
    for (const record of page.records) {
        const unnamed = isUnnamed(record);
        // Set only when new: replacing every name on every page would keep 40,000 fresh strings alive a day.
        if (!unnamed && run.namesById.get(record.user_id) !== record.account)
            run.namesById.set(record.user_id, record.account);
        if (unnamed)
            day.unnamed.push(record);
        else if (!only || only.has(record.account))
            day.named.add(record);
    }
}
function keepDay(run, day) {
    run.store.append(day.named);
    for (const record of day.unnamed)
        run.unnamed.push(record);
}
/**
 * Gives the unnamed listing entries the username another day gave their user_id. With `*` an
 * entry never named keeps its `user_id` label; reading listed names, only theirs are kept.
 */
function nameUnnamed(run) {
    const names = run.listing;
    for (const record of run.unnamed) {
        const name = run.namesById.get(record.user_id);
        if (names && !(name !== undefined && names.has(name)))
            continue;
        run.store.add({ ...record, account: name ?? record.account });
    }
}
/** Account requests for the listed names that no record names. */
function unlisted(names, records) {
    const seen = records.accounts();
    return [...names].filter((name) => !seen.has(name)).map((name) => ({ kind: 'account', onBehalfOf: name }));
}
async function* subuserPages(run, date) {
    const seenKeys = new Set();
    let afterKey;
    do {
        const key = afterKey;
        const body = await ask(run, (timeoutMs) => run.client.subuserScores(date, key, timeoutMs));
        const page = parseSubuserPage(body, date);
        afterKey = page.afterKey;
        if (afterKey !== undefined && seenKeys.has(afterKey))
            throw pagingLoop(afterKey);
        if (afterKey !== undefined)
            seenKeys.add(afterKey);
        yield page;
    } while (afterKey !== undefined);
}
/**
 * One request until SendGrid answers it (polling a 202, retrying what may pass), sent through the
 * pacer. When it ends without any answer at all, the run stops sending.
 */
async function ask(run, send) {
    try {
        let sent = false;
        const attempt = (timeoutMs) => {
            const outcome = paced(run, () => send(timeoutMs), sent);
            sent = true;
            return outcome;
        };
        const body = await untilAnswered(attempt, run.polling);
        run.keyWorked = true;
        return body;
    }
    catch (error) {
        if (error instanceof FetchFailure && error.unreachable)
            run.unreachable ??= error;
        throw error;
    }
}
/**
 * Sends through the pacer; once SendGrid has stopped answering altogether, sends nothing more: a
 * request not sent yet ends `not requested`, one being retried `stopped retrying`.
 */
function paced(run, request, retry) {
    if (run.unreachable)
        throw new FetchFailure('error', `${retry ? 'stopped retrying' : 'not requested'}: ${run.unreachable.message}`, run.unreachable.end);
    return run.pacer.send(request);
}
function failureOf(error, endpoint) {
    if (error instanceof FetchFailure)
        return { outcome: error.outcome, message: error.message, cause: { endpoint, ...error.end } };
    // SendGrid answered 200, with something that cannot be used.
    if (error instanceof UnusableResponseError)
        return { outcome: 'error', message: error.message, cause: { endpoint, status: 200 } };
    throw error;
}
/**
 * Runs `work` over `items` with at most `limit` at once. `work` may `add` items it finds are
 * needed; they join the same queue, under the same limit.
 */
function runPool(items, limit, work) {
    const queue = [...items];
    let next = 0;
    let running = 0;
    const add = (more) => {
        for (const item of more)
            queue.push(item);
    };
    return new Promise((resolve, reject) => {
        const startMore = () => {
            while (running < limit && next < queue.length) {
                running++;
                work(queue[next++], add).then(() => {
                    running--;
                    startMore();
                }, reject);
            }
            if (running === 0 && next === queue.length)
                resolve();
        };
        startMore();
    });
}

// EXTERNAL MODULE: ./src/gate/evaluate.ts
var evaluate = __webpack_require__(2748);
// EXTERNAL MODULE: ./src/gate/explain.ts
var explain = __webpack_require__(9740);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
;// CONCATENATED MODULE: ./src/sendgrid/client.ts




/**
 * The one place that knows SendGrid's URLs, headers, status codes, rate-limit headers and error
 * bodies. Every answer, including every failure, comes back as an `ApiOutcome` value.
 */
const SCORES_PATH = '/v3/engagementquality/scores';
const SUBUSER_SCORES_PATH = '/v3/engagementquality/subusers/scores';
/** The subusers endpoint's largest page. */
const SUBUSER_PAGE_LIMIT = 1000;
/** SendGrid's Stats endpoints, by the part of an account's stats each gives. */
const STATS_PATHS = {
    daily: '/v3/stats',
    providers: '/v3/mailbox_providers/stats',
    categories: '/v3/categories/stats/sums'
};
/** The mailbox provider stats asked for per page: the Advanced Stats endpoints' own default. */
const PROVIDER_PAGE_LIMIT = 500;
/** The categories asked for: those with the most of the count that explains the breach. */
const CATEGORY_LIMIT = 10;
class SendGridClient {
    options;
    redact;
    /** The key as JSON escapes it: a key with a backslash or a quote in it. */
    redactEscaped;
    constructor(options) {
        this.options = options;
        this.redact = (0,messages/* redactor */.$p)(options.apiKey);
        this.redactEscaped = (0,messages/* redactor */.$p)(JSON.stringify(options.apiKey).slice(1, -1));
    }
    get host() {
        return new URL(this.options.baseUrl).host;
    }
    get wording() {
        return this.options.wording ?? messages/* ACTION_WORDING */.Ge;
    }
    scores({ from, to, onBehalfOf }, timeoutMs) {
        return this.get({ endpoint: 'account', path: SCORES_PATH, onBehalfOf }, { from, to }, timeoutMs);
    }
    subuserScores(date, afterKey, timeoutMs) {
        const query = { date, limit: String(SUBUSER_PAGE_LIMIT) };
        if (afterKey !== undefined)
            query.after_key = afterKey;
        return this.get({ endpoint: 'listing', path: SUBUSER_SCORES_PATH }, query, timeoutMs);
    }
    /** The account's whole stats per day (`GET /v3/stats`). */
    dailyStats(query, timeoutMs) {
        return this.stats('daily', query, { aggregated_by: 'day' }, timeoutMs);
    }
    /** One page of the account's stats per day and mailbox provider, from `offset` (`GET /v3/mailbox_providers/stats`). */
    mailboxProviderStats(query, offset, timeoutMs) {
        return this.stats('providers', query, { aggregated_by: 'day', limit: String(PROVIDER_PAGE_LIMIT), offset: String(offset) }, timeoutMs);
    }
    /** The categories with the most `sortBy` over the days, each summed (`GET /v3/categories/stats/sums`). */
    categorySums(query, sortBy, timeoutMs) {
        const order = { sort_by_metric: sortBy, sort_by_direction: 'desc', limit: String(CATEGORY_LIMIT) };
        return this.stats('categories', query, order, timeoutMs);
    }
    stats(part, { from, to, onBehalfOf }, rest, timeoutMs) {
        return this.get({ endpoint: 'stats', path: STATS_PATHS[part], onBehalfOf }, { start_date: from, end_date: to, ...rest }, timeoutMs);
    }
    async get(target, query, timeoutMs) {
        const { path, onBehalfOf } = target;
        const url = `${this.options.baseUrl}${path}?${new URLSearchParams(query)}`;
        const headers = {
            authorization: `Bearer ${this.options.apiKey}`,
            accept: 'application/json',
            'user-agent': 'sendgrid-engagement-quality-gate'
        };
        if (onBehalfOf !== undefined)
            headers['on-behalf-of'] = onBehalfOf;
        // Covers the whole exchange, body included: a server that drips bytes cannot stall us.
        const signal = AbortSignal.timeout(timeoutMs);
        try {
            const response = await (0,undici/* request */.Em)(url, { method: 'GET', headers, dispatcher: this.options.dispatcher, signal });
            const text = await response.body.text();
            const safe = this.redactText(text);
            const context = { ...target, host: this.host, region: this.options.region, wording: this.wording };
            // Without a backslash, JSON has no escapes: the strings it holds are the text's, already clean.
            return this.redacted(classify(response.statusCode, response.headers, safe, context), safe.includes('\\'));
        }
        catch (error) {
            // Whether our own timer fired, not what the error is called: undici names other aborts
            // (a proxy refusing the tunnel) AbortError too.
            const timedOut = signal.aborted;
            const message = describeNetworkError(error, { host: this.host, wording: this.wording }, timeoutMs, timedOut);
            const network = networkErrorKind(error, timedOut);
            return this.redacted({ kind: 'failed', retryable: isRetryableNetworkError(error, timedOut), message, network, rateLimit: {} });
        }
    }
    /**
     * A gateway or error may echo the Authorization header back, and a body's values end up in
     * messages (an off-schema value is quoted); the key never leaves this class.
     */
    redacted(outcome, escaped = true) {
        if (outcome.kind === 'ok')
            return escaped ? { ...outcome, body: this.redactValue(outcome.body) } : outcome;
        if (outcome.kind !== 'failed')
            return outcome;
        const onceKeyWorked = outcome.onceKeyWorked === undefined ? {} : { onceKeyWorked: this.redact(outcome.onceKeyWorked) };
        return { ...outcome, message: this.redact(outcome.message), ...onceKeyWorked };
    }
    /**
     * A raw body, before it is parsed or described: the key as sent and as JSON escapes it (a key
     * with a backslash or a quote in it). First, because a description cut to length could
     * otherwise keep part of an echoed key, which no later search for the whole key would find.
     */
    redactText(text) {
        return this.redactEscaped(this.redact(text));
    }
    /** Every string in a parsed body, however the server escaped the key in its JSON. */
    redactValue(value) {
        if (typeof value === 'string')
            return this.redact(value);
        if (Array.isArray(value))
            return value.map((item) => this.redactValue(item));
        if ((0,json/* isObject */.G)(value))
            return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.redact(key), this.redactValue(item)]));
        return value;
    }
}
/**
 * Honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY when one is set. Without them, a plain agent: undici
 * warns that its proxy agent is experimental, and that warning should not reach every user's log.
 */
function dispatcherFromEnvironment(env = process.env) {
    const proxied = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => env[name]);
    return proxied ? new undici/* EnvHttpProxyAgent */.J2() : new undici/* Agent */.g6();
}
function classify(status, headers, text, context) {
    const rateLimit = readRateLimit(headers);
    if (status === 200) {
        const body = (0,json/* parseJson */.q)(text);
        return body === undefined
            ? { kind: 'failed', retryable: false, message: `SendGrid answered 200 with a body that is not JSON: ${describeBody(text)}`, status, rateLimit }
            : { kind: 'ok', body, rateLimit };
    }
    if (status === 202)
        return { kind: 'pending', rateLimit };
    if (status === 429)
        return { kind: 'rate-limited', rateLimit };
    const error = readErrorBody(text);
    const answered = `SendGrid answered ${status}${error.words}`;
    const failed = { kind: 'failed', retryable: status >= 500, message: `${answered}${advice(status, error.fields, context)}`, status, rateLimit };
    if (status === 401 && context.onBehalfOf !== undefined && context.endpoint !== 'stats')
        failed.onceKeyWorked = `${answered}${notASubuser(context.onBehalfOf, context)}`;
    return failed;
}
/**
 * Permissions are named as SendGrid documents them, which is not at all for the Engagement Quality
 * endpoints (see the README's "Permissions and the API key").
 */
const UNDOCUMENTED = 'SendGrid does not document which permission that takes';
/** What SendGrid's refusal most likely means for this request, and what to check; '' when nothing useful can be said. */
function advice(status, fields, context) {
    const { endpoint, onBehalfOf, host, region, wording } = context;
    if (endpoint === 'stats')
        return statsAdvice(status);
    const name = onBehalfOf === undefined ? undefined : `"${onBehalfOf}"`;
    switch (status) {
        case 400:
            return badRequestAdvice(fields, wording);
        case 401:
            return name === undefined
                ? `: the API key was rejected; check that ${wording.keySource} holds a current, unrevoked SendGrid API key`
                : `: the API key was rejected, or ${name} is not a subuser of its account; check that ${wording.keySource} holds a current, unrevoked ` +
                    `SendGrid API key of the parent account, and the name${regionHint(context)}`;
        case 403:
            if (endpoint === 'listing')
                return ": the key may not list subusers' scores: its account is likely a subuser itself or has no subusers, " +
                    `or the key may not read subusers (${UNDOCUMENTED})${regionHint(context)}`;
            if (name === undefined)
                return `: the API key may not read Engagement Quality scores; check its permissions (${UNDOCUMENTED}; a Full Access key has it)`;
            return `: check that ${name} is a subuser or customer account of the key's account, spelled as in SendGrid, ` +
                `and that the key is the parent account's and may act for subusers (${UNDOCUMENTED})${regionHint(context)}`;
        case 404:
            if (endpoint === 'listing')
                return ': SendGrid found no subusers to list: the key\'s account is likely a subuser itself or has no subusers' +
                    (region === undefined ? `, or ${host} is not SendGrid's API; check ${wording.setting('base-url')}` : regionHint(context));
            if (name === undefined)
                return `: ${host} has no Engagement Quality API; check ${wording.setting('base-url')} and ${wording.setting('region')}`;
            return `: SendGrid found nothing for ${name}; check that it is a subuser or customer account of the key's account, spelled as in SendGrid` +
                (region === undefined ? `, and ${wording.setting('base-url')} (${host})` : regionHint(context));
        default:
            return '';
    }
}
/**
 * A Stats request is sent only after the same key has read the account's scores, so a refusal is
 * about the key's access: restricted keys often lack Stats read.
 */
const STATS_ACCESS = 'Settings → API Keys → Stats: Read';
function statsAdvice(status) {
    return status === 401 || status === 403 ? `: the API key may not read Stats; give it that access (${STATS_ACCESS})` : '';
}
/** A 401 for a name, once the same key has read another account: the name is the likelier cause. */
function notASubuser(onBehalfOf, context) {
    return `: the same API key read another account in this run, so "${onBehalfOf}" is likely not a subuser or customer account ` +
        `of the key's account; check its spelling${regionHint(context)}`;
}
/** Where a subuser of the other region would be found; nothing when the URL is not a SendGrid region's. */
function regionHint({ endpoint, onBehalfOf, region, wording }) {
    if (region === undefined)
        return '';
    const other = region === 'eu' ? 'global' : 'eu';
    const kind = region === 'eu' ? 'not an EU regional subuser' : 'an EU regional subuser';
    if (endpoint === 'listing')
        return `; subusers ${region === 'eu' ? 'outside the EU region' : 'of the EU region'} are read with ${wording.settingTo('region', other)}`;
    return `; if "${onBehalfOf}" is ${kind}, set ${wording.settingTo('region', other)}`;
}
/** What to check for each request field SendGrid named (its `errors[].field`). */
const FIELD_ADVICE = {
    from: (setting) => `check ${setting('from')}: a UTC day at most 90 days back, and not after ${setting('to')}`,
    to: (setting) => `check ${setting('to')}: a UTC day not in the future (SendGrid's UTC date decides), and not before ${setting('from')}`,
    date: (setting) => `check ${setting('from')} and ${setting('to')}: each day between them is asked for, and must be at most 90 days back and not in the future`,
    limit: () => "limit is this action's own page size, not an input: report it, as SendGrid may have changed what it accepts",
    after_key: () => 'after_key is the paging key SendGrid itself sent: rerun, and report it if it persists'
};
function badRequestAdvice(fields, wording) {
    const checks = [...new Set(fields)].flatMap((field) => FIELD_ADVICE[field]?.(wording.setting) ?? []);
    return checks.length > 0 ? `: ${checks.join('; ')}` : ': SendGrid refused the request';
}
/**
 * SendGrid's own words from an error body (`{"errors":[{field,message}]}`, `{"error":".."}` or
 * text) as ` (…)`, and the request fields it named.
 */
function readErrorBody(text) {
    const body = (0,json/* parseJson */.q)(text);
    const messages = [];
    const fields = [];
    if ((0,json/* isObject */.G)(body)) {
        if (Array.isArray(body.errors)) {
            for (const item of body.errors) {
                if (!(0,json/* isObject */.G)(item) || typeof item.message !== 'string')
                    continue;
                const field = typeof item.field === 'string' && item.field ? item.field : undefined;
                if (field !== undefined)
                    fields.push(field);
                messages.push(field === undefined ? item.message : `${field}: ${item.message}`);
            }
        }
        for (const key of ['error', 'message'])
            if (typeof body[key] === 'string')
                messages.push(body[key]);
    }
    if (messages.length > 0)
        return { words: ` (${messages.join('; ')})`, fields };
    return { words: text.trim() === '' ? '' : ` (${describeBody(text)})`, fields };
}
/** A short, single-line description of a body that is not what SendGrid sends. */
function describeBody(text) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    if (/^\s*</.test(text))
        return `an HTML page${title ? ` titled "${title}"` : ''}, probably from a proxy or gateway`;
    const line = text.replace(/\s+/g, ' ').trim();
    if (line === '')
        return 'an empty body';
    return `"${line.length > 120 ? `${line.slice(0, 120)}…` : line}"`;
}
function readRateLimit(headers) {
    // undici lowers header names, so X-RateLimit-* and live SendGrid's X-Ratelimit-* both land here.
    const number = (name) => {
        const raw = headers[name];
        const value = Number(Array.isArray(raw) ? raw[0] : raw);
        return raw === undefined || !Number.isFinite(value) ? undefined : value;
    };
    const reset = number('x-ratelimit-reset');
    return { limit: number('x-ratelimit-limit'), remaining: number('x-ratelimit-remaining'), resetAtMs: reset === undefined ? undefined : reset * 1000 };
}
const RETRYABLE_CODES = new Set([
    'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH',
    'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED'
]);
function isRetryableNetworkError(error, timedOut) {
    if (timedOut)
        return true;
    const proxyStatus = proxyRefusal(error);
    if (proxyStatus !== undefined)
        return proxyStatus >= 500;
    return RETRYABLE_CODES.has(errorCode(error) ?? '');
}
/** `timeout`, `proxy 407` or the error's code: a word for the kind of failure, whatever its message says. */
function networkErrorKind(error, timedOut) {
    if (timedOut)
        return 'timeout';
    const proxyStatus = proxyRefusal(error);
    if (proxyStatus !== undefined)
        return `proxy ${proxyStatus}`;
    return errorCode(error) ?? 'unknown';
}
function describeNetworkError(error, { host, wording }, timeoutMs, timedOut) {
    if (timedOut)
        return `no complete answer from ${host} within ${(0,dates/* formatDuration */.a3)(timeoutMs)} (${wording.setting('request-timeout')})`;
    const proxyStatus = proxyRefusal(error);
    if (proxyStatus !== undefined)
        return `the proxy refused to connect to ${host} (HTTP ${proxyStatus}); check HTTPS_PROXY, HTTP_PROXY and NO_PROXY, and the proxy's credentials`;
    const code = errorCode(error);
    const reason = (0,json/* isObject */.G)(error) && typeof error.message === 'string' ? error.message : String(error);
    if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
        // Node's own hint after the ";" (a command-line flag) is not something a workflow can act on.
        const what = (reason.split(';')[0] ?? reason).replace(/\s+/g, ' ').replace(/[\s:]+$/, '');
        return `TLS error talking to ${host}: ${what} (${code}); if a proxy or gateway uses its own CA, point NODE_EXTRA_CA_CERTS at it`;
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
        return `cannot resolve ${host} (${code}); check ${wording.setting('base-url')} and the runner's DNS`;
    return `could not talk to ${host}: ${reason}${code && !reason.includes(code) ? ` (${code})` : ''}`;
}
/** The status a proxy answered a CONNECT with, when it refused the tunnel (undici's wording). */
function proxyRefusal(error) {
    const message = (0,json/* isObject */.G)(error) && typeof error.message === 'string' ? error.message : '';
    const status = /^Proxy response \((\d{3})\) !== 200 when HTTP Tunneling$/.exec(message)?.[1];
    return status === undefined ? undefined : Number(status);
}
function errorCode(error) {
    if (!(0,json/* isObject */.G)(error))
        return undefined;
    if (typeof error.code === 'string')
        return error.code;
    return errorCode(error.cause);
}

;// CONCATENATED MODULE: ./src/records/stats.ts
const STAT_NAMES = ['requests', 'delivered', 'bounces', 'blocks', 'spam_reports', 'unique_opens', 'unique_clicks'];

;// CONCATENATED MODULE: ./src/sendgrid/stats-responses.ts




/** The label of a provider or category SendGrid sent without a name (the schema does not require one). */
const UNNAMED_PROVIDER = 'unnamed provider';
const UNNAMED_CATEGORY = 'unnamed category';
/** The body of `/v3/stats?aggregated_by=day` over `range`: one entry a day, the account's whole stats. */
function parseDailyStats(body, range) {
    const days = daysOf(body, range).map(({ date, items }) => ({ date, counts: sumCounts(items.map((item) => item.counts)) }));
    rejectRepeated(days, (day) => day.date, (day) => unusableStats(`the account's stats give ${day.date} twice`));
    return days.sort(stats_responses_byDate);
}
/** One page of `/v3/mailbox_providers/stats?aggregated_by=day` over `range`, a row per provider and day. */
function parseProviderPage(body, range) {
    return daysOf(body, range).flatMap(({ date, items }) => items.map((item) => ({ date, name: item.name ?? UNNAMED_PROVIDER, counts: item.counts })));
}
/**
 * The rows of every page, gathered provider by provider. A provider given twice for a day means
 * the pages overlap: the server did not page as asked, and summing would count twice.
 */
class ProviderPages {
    byName = new Map();
    add(rows) {
        for (const { name, date, counts } of rows) {
            const days = this.byName.get(name) ?? new Map();
            if (days.has(date))
                throw unusableStats(`the mailbox provider stats give ${name} on ${date} twice (the pages overlap)`);
            this.byName.set(name, days.set(date, counts));
        }
    }
    /** Each provider's days in order. */
    providers() {
        return [...this.byName].map(([name, days]) => ({ name, days: [...days].map(([date, counts]) => ({ date, counts })).sort(stats_responses_byDate) }));
    }
}
/**
 * The body of `/v3/categories/stats/sums`: one object, `{date, stats: [{name, type, metrics}]}`.
 * No `stats` (most senders set no category) is no categories.
 */
function parseCategorySums(body) {
    if (Array.isArray(body))
        throw new OffSchemaError('the category sums are an array, expected one object with "stats"');
    if (!(0,json/* isObject */.G)(body))
        throw new OffSchemaError(`the category sums are ${JSON.stringify(body)}, expected an object`);
    return itemsOf(body.stats, 'stats').map((item) => ({ name: item.name ?? UNNAMED_CATEGORY, counts: item.counts }));
}
/** The per-day entries of a Stats body, each checked to be a day of `range`. */
function daysOf(body, range) {
    if (!Array.isArray(body))
        throw new OffSchemaError(`the stats are ${describe(body)}, expected an array of days`);
    return body.map((entry, index) => {
        const where = `[${index}]`;
        if (!(0,json/* isObject */.G)(entry) || Array.isArray(entry))
            throw new OffSchemaError(`${where} is ${describe(entry)}, expected an object`);
        return { date: stats_responses_dateOf(entry.date, where, range), items: itemsOf(entry.stats, `${where}.stats`) };
    });
}
function stats_responses_dateOf(date, where, { from, to }) {
    if (typeof date !== 'string' || !(0,dates/* isDay */.N)(date))
        throw new OffSchemaError(`${where}.date is ${describe(date)}, expected YYYY-MM-DD`);
    if (date < from || date > to)
        throw unusableStats(`${where} is for ${date}, but the request asked for ${from} to ${to}`);
    return date;
}
/** A `stats` array; absent or null is empty. */
function itemsOf(stats, where) {
    if (stats === undefined || stats === null)
        return [];
    if (!Array.isArray(stats))
        throw new OffSchemaError(`${where} is ${describe(stats)}, expected an array`);
    return stats.map((item, index) => {
        const at = `${where}[${index}]`;
        if (!(0,json/* isObject */.G)(item) || Array.isArray(item))
            throw new OffSchemaError(`${at} is ${describe(item)}, expected an object`);
        const name = typeof item.name === 'string' && item.name !== '' ? item.name : undefined;
        return { name, counts: countsOf(item.metrics, `${at}.metrics`) };
    });
}
/** The counts that explain a breach; any SendGrid left out is 0. */
function countsOf(metrics, where) {
    if (metrics === undefined || metrics === null)
        return zeroCounts();
    if (!(0,json/* isObject */.G)(metrics) || Array.isArray(metrics))
        throw new OffSchemaError(`${where} is ${describe(metrics)}, expected an object`);
    const counts = zeroCounts();
    for (const name of STAT_NAMES) {
        const value = metrics[name];
        if (value === undefined || value === null)
            continue;
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
            throw new OffSchemaError(`${where}.${name} is ${describe(value)}, expected a count (a whole number, 0 or more)`);
        counts[name] = value;
    }
    return counts;
}
function zeroCounts() {
    return { requests: 0, delivered: 0, bounces: 0, blocks: 0, spam_reports: 0, unique_opens: 0, unique_clicks: 0 };
}
function sumCounts(all) {
    const sum = zeroCounts();
    for (const counts of all)
        for (const name of STAT_NAMES)
            sum[name] += counts[name];
    return sum;
}
/** Stats that keep their schema but cannot be summed right: a gap, never a wrong rate. */
function unusableStats(detail) {
    return new UnusableResponseError(`SendGrid's stats cannot be used: ${detail}`);
}
function stats_responses_byDate(a, b) {
    return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}
/** A value as a message quotes it: short, on one line. */
function describe(value) {
    const text = JSON.stringify(value) ?? 'missing';
    return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

;// CONCATENATED MODULE: ./src/sendgrid/stats.ts







/** Accounts whose stats are being requested at once. */
const ACCOUNTS_AT_ONCE = 4;
/**
 * More full pages than this means the server is not paging as asked: ~100 days of 30 providers
 * fill 6 pages of 500.
 */
const MAX_PROVIDER_PAGES = 20;
/** One AccountStats per request, in the same order; never throws. */
async function fetchAccountStats(client, requests, options) {
    const { clock, deadlineMs, requestTimeoutMs, policy, wording = messages/* ACTION_WORDING */.Ge } = options;
    const run = {
        client,
        polling: { clock, deadlineMs, requestTimeoutMs, policy, wording },
        pacer: options.pacer ?? new Pacer(clock, deadlineMs)
    };
    const results = [];
    const indexes = requests.map((_, index) => index);
    await runPool(indexes, ACCOUNTS_AT_ONCE, async (index) => {
        results[index] = await accountStats(run, requests[index]);
    });
    return results;
}
/** The three parts of one account's stats, one after another; each that fails is a gap. */
async function accountStats(run, request) {
    const stats = { account: request.account, gaps: [] };
    const { onBehalfOf } = request;
    const whole = { from: request.baseline.from, to: request.window.to, onBehalfOf };
    const window = { ...request.window, onBehalfOf };
    await part(run, stats, 'daily', async () => {
        stats.daily = parseDailyStats(await stats_ask(run, (timeoutMs) => run.client.dailyStats(whole, timeoutMs)), whole);
    });
    await part(run, stats, 'providers', async () => {
        stats.providers = await providerStats(run, whole);
    });
    await part(run, stats, 'categories', async () => {
        stats.categories = parseCategorySums(await stats_ask(run, (timeoutMs) => run.client.categorySums(window, request.sortCategoriesBy, timeoutMs)));
    });
    return stats;
}
async function part(run, stats, name, read) {
    try {
        await read();
    }
    catch (error) {
        stats.gaps.push(gapOf(name, error, run));
    }
}
/** Every page of the mailbox provider stats, until a short one. */
async function providerStats(run, query) {
    const pages = new ProviderPages();
    for (let page = 0; page < MAX_PROVIDER_PAGES; page++) {
        const offset = page * PROVIDER_PAGE_LIMIT;
        const rows = parseProviderPage(await stats_ask(run, (timeoutMs) => run.client.mailboxProviderStats(query, offset, timeoutMs)), query);
        pages.add(rows);
        if (rows.length < PROVIDER_PAGE_LIMIT)
            return pages.providers();
    }
    throw unusableStats(`it sent ${MAX_PROVIDER_PAGES} full pages of ${PROVIDER_PAGE_LIMIT} mailbox provider stats for ${query.from} to ${query.to} and the paging would not end`);
}
/**
 * One request until SendGrid answers it, through the pacer and the retry policy. None is sent once
 * the key's access was refused, SendGrid stopped answering, or wait-timeout ran out.
 */
async function stats_ask(run, send) {
    if (run.first !== undefined)
        await run.first;
    stopIfOver(run);
    let retry = false;
    const attempt = (timeoutMs) => {
        if (retry)
            stopIfStopped(run, 'stopped retrying');
        retry = true;
        return run.pacer.send(() => send(timeoutMs));
    };
    const answer = untilAnswered(attempt, run.polling);
    run.first ??= answer.catch(() => undefined);
    try {
        const body = await answer;
        run.answered = true;
        return body;
    }
    catch (error) {
        if (error instanceof FetchFailure && isRefusal(error) && !run.answered)
            run.refused ??= error;
        if (error instanceof FetchFailure && error.unreachable)
            run.unreachable ??= error;
        throw error;
    }
}
/** A request is not sent once wait-timeout has run out, or the run has stopped sending. */
function stopIfOver(run) {
    stopIfStopped(run, 'not requested');
    if (run.polling.clock.now() >= run.polling.deadlineMs)
        throw new FetchFailure('error', `not requested: ${run.polling.wording.setting('wait-timeout')} ran out first`, {});
}
/** Once the key's access was refused or SendGrid stopped answering, nothing more is sent, not even a retry. */
function stopIfStopped(run, ending) {
    const stop = run.refused ?? run.unreachable;
    if (stop !== undefined)
        throw new FetchFailure('error', `${ending}: ${stop.message}`, stop.end);
}
function isRefusal(failure) {
    return failure.end.status === 401 || failure.end.status === 403;
}
/** A refusal is the key's missing Stats access only when it came before any Stats answer (see StatsRun.refused). */
function gapOf(part, error, run) {
    if (error instanceof FetchFailure)
        return { part, reason: isRefusal(error) && run.refused !== undefined ? 'access' : 'error', message: error.message, cause: error.end };
    // SendGrid answered 200, with something that cannot be used.
    if (error instanceof UnusableResponseError)
        return { part, reason: 'error', message: error.message, cause: { status: 200 } };
    // The explanation never fails the run: even a fault of ours is only a gap in it.
    return { part, reason: 'error', message: (0,messages/* messageOf */.bD)(error), cause: {} };
}

;// CONCATENATED MODULE: ./src/engine.ts











function runLimits(config, clock) {
    const startedMs = clock.now();
    const deadlineMs = startedMs + config.waitTimeoutMs;
    const progress = new FetchProgress();
    const pacer = new Pacer(clock, deadlineMs, DEFAULT_PACING, (wait) => progress.hold('paced', wait));
    return { startedMs, deadlineMs, policy: { ...DEFAULT_POLICY, pollIntervalMs: config.pollIntervalMs }, progress, pacer };
}
/**
 * Fetches the scores and judges them; then, with explain on and an account in breach, fetches
 * SendGrid's stats for the accounts in breach and attaches why they fell. The verdict is known
 * before the first stats request, and nothing about the stats changes it.
 */
async function runCheck(config, options = {}) {
    const dispatcher = dispatcherFromEnvironment();
    try {
        const client = new SendGridClient({ apiKey: config.apiKey, baseUrl: config.baseUrl, region: config.region, dispatcher, wording: options.wording });
        const limits = runLimits(config, options.clock ?? realClock);
        const collection = await fetchScores(config, client, options, limits);
        const evaluation = (0,evaluate/* evaluate */._3)(collection, config);
        if (config.explain) {
            const explanation = await explainBreaches(evaluation, config, client, options, limits);
            if (explanation)
                evaluation.explanation = explanation;
        }
        return { collection, evaluation };
    }
    finally {
        await dispatcher.destroy();
    }
}
/** Progress lines come this often while a fetch waits: every wait-timeout/40, but never more often than every 5 s nor less than every 15 s. */
function progressIntervalMs(waitTimeoutMs) {
    return Math.min(Math.max(waitTimeoutMs / 40, 5_000), 15_000);
}
/**
 * Fetches every score the config asks for, saying what it fetches, a line of progress at a steady
 * pace while it waits, and at the end what the fetch cost.
 */
async function fetchScores(config, client, { clock = realClock, log = () => { }, wording = messages/* ACTION_WORDING */.Ge } = {}, { startedMs, deadlineMs, policy, progress, pacer } = runLimits(config, clock)) {
    log(`Fetching SendGrid engagement quality scores for ${config.from} to ${config.to} from ${client.host}`);
    const fetched = new AbortController();
    void reportProgress((waitedMs) => progress.waitingLine(waitedMs, config.waitTimeoutMs), { clock, log, startedMs, waitTimeoutMs: config.waitTimeoutMs, until: fetched.signal });
    try {
        return await collectScores(config, client, { policy, clock, deadlineMs, requestTimeoutMs: config.requestTimeoutMs, progress, wording, pacer });
    }
    finally {
        fetched.abort();
        log(progress.costLine(clock.now() - startedMs));
    }
}
/**
 * Why the accounts in breach fell, from SendGrid's stats, within what is left of wait-timeout;
 * undefined when no account in breach has a metric to explain. Never throws: the verdict stands
 * whatever happens here.
 */
async function explainBreaches(evaluation, config, client, { clock = realClock, log = () => { }, wording = messages/* ACTION_WORDING */.Ge }, { startedMs, deadlineMs, policy, pacer }) {
    const explained = new AbortController();
    try {
        const plan = (0,explain/* planExplanations */.md)(evaluation);
        if (plan.requests.length === 0)
            return undefined;
        log(explainingLine(plan.requests.length, plan.notExplained));
        const waitTimeoutMs = config.waitTimeoutMs;
        const statsLine = (waitedMs) => `Waiting for SendGrid's stats: ${(0,dates/* formatDuration */.a3)(waitedMs)} of ${(0,dates/* formatDuration */.a3)(waitTimeoutMs)}`;
        void reportProgress(statsLine, { clock, log, startedMs, waitTimeoutMs, until: explained.signal });
        const stats = await fetchAccountStats(client, plan.requests, { clock, deadlineMs, requestTimeoutMs: config.requestTimeoutMs, policy, pacer, wording });
        return (0,explain/* explain */.WE)(plan, stats);
    }
    catch (error) {
        // fetchAccountStats turns every failure into a gap; this is for a fault of ours, which must not cost the verdict.
        log(`Could not explain the breaches: ${(0,messages/* messageOf */.bD)(error)}`);
        return undefined;
    }
    finally {
        explained.abort();
    }
}
function explainingLine(explained, notExplained) {
    const accounts = `${explained} ${explained === 1 ? 'account' : 'accounts'}`;
    const rest = notExplained > 0 ? ` (the worst; ${notExplained} more not explained)` : '';
    return `Explaining ${accounts} in breach from SendGrid's stats${rest}`;
}
/** A progress line (given the time waited since the run began) every progressIntervalMs until `until` aborts; never awaited, never throws. */
async function reportProgress(line, { clock, log, startedMs, waitTimeoutMs, until }) {
    const intervalMs = progressIntervalMs(waitTimeoutMs);
    try {
        for (;;) {
            await clock.sleep(intervalMs, until);
            if (until.aborted)
                return;
            log(line(clock.now() - startedMs));
        }
    }
    catch {
        // A log that fails must not end the fetch; the next line or the cost line will tell.
    }
}
/** Whether the run should end as a failure: breaches per fail-on-breach, outages per on-error. */
function shouldFail(evaluation, config) {
    // Each cause follows its own setting: a report-only breach must not hide an outage, nor the reverse.
    const breached = evaluation.result === 'failed' && config.failOnBreach;
    const unreadable = evaluation.failures.length > 0 && config.onError === 'fail';
    return breached || unreadable;
}


/***/ }),

/***/ 6035:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rl: () => (/* binding */ causeOf)
/* harmony export */ });
/* unused harmony exports lowestMetric, largestFall */
/* harmony import */ var _records_score_record_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1992);

/** For the score, its lowest metric on its worst day; for a drop, the metric that fell most; for a metric, none (it is its own cause). */
function causeOf(worst, rows, verdict) {
    if (worst.metric === 'score')
        return lowestMetric(rows.find((row) => row.date === worst.date));
    if (worst.metric === 'drop' && worst.best)
        return largestFall(verdict.records(), worst.best.date, worst.date);
    return undefined;
}
/** The lowest of a day's metrics; on a tie, one below its own threshold or warning level, then the first in SendGrid's order. */
function lowestMetric(row) {
    const flagged = (metric) => [...(row?.breaches ?? []), ...(row?.warnings ?? [])].some((finding) => finding.metric === metric);
    let lowest;
    for (const metric of _records_score_record_js__WEBPACK_IMPORTED_MODULE_0__/* .METRICS */ .Cb) {
        const value = row?.metrics?.[metric];
        if (value === undefined)
            continue;
        if (lowest === undefined || value < lowest.value || (value === lowest.value && flagged(metric) && !flagged(lowest.metric)))
            lowest = { metric, value };
    }
    return lowest;
}
/** The metric that fell most from the best day to the latest; none when none fell. */
function largestFall(records, bestDate, latestDate) {
    const [best, latest] = [records.find((record) => record.date === bestDate)?.metrics, records.find((record) => record.date === latestDate)?.metrics];
    if (!best || !latest)
        return undefined;
    let largest;
    for (const metric of _records_score_record_js__WEBPACK_IMPORTED_MODULE_0__/* .METRICS */ .Cb) {
        const fall = best[metric] - latest[metric];
        if (fall > 0 && (largest === undefined || fall > (largest.from ?? 0) - largest.value))
            largest = { metric, value: latest[metric], from: best[metric] };
    }
    return largest;
}


/***/ }),

/***/ 2748:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   XN: () => (/* binding */ sumOf),
/* harmony export */   _3: () => (/* binding */ evaluate),
/* harmony export */   be: () => (/* binding */ rangeOf)
/* harmony export */ });
/* unused harmony export AccountVerdict */
/* harmony import */ var _dates_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7718);
/* harmony import */ var _records_lazy_list_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9015);
/* harmony import */ var _records_score_record_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1992);
/* harmony import */ var _thresholds_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9695);
/* harmony import */ var _trends_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1727);





/**
 * How one account fared, in counts and its worst breaches. Its rows and scores are judged again
 * from the store each time they are read: kept as objects for 20,000 accounts, they would take
 * more room than the store.
 */
class AccountVerdict {
    account;
    /** Whether this is the key's own account rather than a subuser. */
    parent;
    failure;
    /** What its missing scores likely mean (say, `every subuser` when the listing named no one). */
    note;
    lowestScore;
    breaches;
    missing;
    /** Rows judged: days under `all`, one under latest and average (none when not read). */
    judged;
    /** Rows with a score or metric below its threshold (a drop alone does not count). */
    below;
    /** The worst breach of each metric the account breaches: the lowest value, the first on a tie (and its one drop). */
    worstBreaches;
    /** How many rows breach each metric. */
    breachCounts;
    warnings;
    /** Rows with a score or metric below its warning level but not its threshold (a drop alone does not count). */
    belowWarning;
    /** The worst warning of each metric, as worstBreaches: the lowest value, the first on a tie (and its one drop). */
    worstWarnings;
    #records;
    #judging;
    constructor(records, judging, rows) {
        const breaches = rows.flatMap((row) => row.breaches);
        const warnings = rows.flatMap((row) => row.warnings);
        this.account = records.account;
        this.parent = records.account === judging.parentAccount;
        this.failure = records.failure;
        this.note = records.note;
        this.lowestScore = lowestOf(rows.map((row) => row.score));
        this.breaches = breaches.length;
        this.missing = rows.filter((row) => row.missing).length;
        this.judged = rows.length;
        this.below = rows.filter((row) => row.breaches.some((breach) => breach.metric !== 'drop')).length;
        this.worstBreaches = worstOfEachMetric(breaches);
        this.breachCounts = countsByMetric(breaches);
        this.warnings = warnings.length;
        this.belowWarning = rows.filter((row) => row.warnings.some((warning) => warning.metric !== 'drop')).length;
        this.worstWarnings = worstOfEachMetric(warnings);
        this.#records = records;
        this.#judging = judging;
    }
    /** At risk: below a warning level somewhere, and nowhere below a threshold (an account in breach fails instead). */
    get atRisk() {
        return this.warnings > 0 && this.breaches === 0;
    }
    /** What the account is held to: its account-thresholds rule's, else min-score and min-metric-scores (and their warning levels). */
    get thresholds() {
        return this.#records.applied.thresholds;
    }
    /** The account-thresholds rule that set its thresholds; undefined when none matched it. */
    get rule() {
        return this.#records.applied.rule;
    }
    /** The account's rows by date, judged again; none when it could not be read. */
    rows() {
        return rowsOf(this.#records, this.#judging);
    }
    /** Every day the account was scored, oldest first; none when it could not be read. */
    get scores() {
        return scoredDays(this.records());
    }
    /** Every record read for the account, by date, scored or not; none when it could not be read. */
    records() {
        return this.failure ? [] : recordsOf(this.#records, this.#judging.store);
    }
    /** As JSON, what an account's verdict has always shown: its worst breaches are in the list of breaches. */
    toJSON() {
        const { account, lowestScore, breaches, missing, failure, scores } = this;
        return { account, lowestScore, breaches, missing, failure, scores };
    }
}
function evaluate(collection, config) {
    const judging = {
        store: collection.records,
        config,
        days: (0,_dates_js__WEBPACK_IMPORTED_MODULE_1__/* .eachDay */ .aj)(config.from, config.to),
        failedDays: new Set(collection.failures.filter((failure) => failure.account === undefined).map((failure) => failure.date)),
        readAlone: collection.readAlone,
        parentAccount: collection.parentAccount
    };
    let rowCount = 0;
    const accounts = accountsOf(collection, config).map((records) => {
        const rows = rowsOf(records, judging);
        rowCount += rows.length;
        return new AccountVerdict(records, judging, rows);
    });
    accounts.sort(compareVerdicts);
    const breaches = sumOf(accounts, (verdict) => verdict.breaches);
    const warnings = sumOf(accounts, (verdict) => verdict.warnings);
    const missing = sumOf(accounts, (verdict) => verdict.missing);
    return {
        result: resultOf(breaches, config.missingScores === 'fail' ? missing : 0, collection.failures),
        rows: new _records_lazy_list_js__WEBPACK_IMPORTED_MODULE_0__/* .LazyList */ .V(rowCount, function* () {
            for (const verdict of accounts)
                yield* verdict.rows();
        }),
        breaches: new _records_lazy_list_js__WEBPACK_IMPORTED_MODULE_0__/* .LazyList */ .V(breaches, function* () {
            for (const verdict of accounts)
                if (verdict.breaches > 0)
                    for (const row of verdict.rows())
                        yield* row.breaches;
        }),
        warnings: new _records_lazy_list_js__WEBPACK_IMPORTED_MODULE_0__/* .LazyList */ .V(warnings, function* () {
            for (const verdict of accounts)
                if (verdict.warnings > 0)
                    for (const row of verdict.rows())
                        yield* row.warnings;
        }),
        atRisk: sumOf(accounts, (verdict) => (verdict.atRisk ? 1 : 0)),
        missing: new _records_lazy_list_js__WEBPACK_IMPORTED_MODULE_0__/* .LazyList */ .V(missing, () => missingOf(accounts, config)),
        lowestScore: lowestOf(accounts.map((verdict) => verdict.lowestScore)),
        accounts,
        failures: collection.failures
    };
}
function sumOf(items, count) {
    return items.reduce((sum, item) => sum + count(item), 0);
}
const NONE = Object.freeze([]);
/** In the order the metrics first come; accounts without any share one empty list. */
function worstOfEachMetric(findings) {
    if (findings.length === 0)
        return NONE;
    const worst = new Map();
    for (const finding of findings) {
        const kept = worst.get(finding.metric);
        if (kept === undefined || finding.value < kept.value)
            worst.set(finding.metric, finding);
    }
    return [...worst.values()];
}
const NO_COUNTS = Object.freeze({});
function countsByMetric(breaches) {
    if (breaches.length === 0)
        return NO_COUNTS;
    const counts = {};
    for (const { metric } of breaches)
        counts[metric] = (counts[metric] ?? 0) + 1;
    return counts;
}
/** An account's records, made from the store, by date. */
function recordsOf({ account }, store) {
    return store.recordsOf(account);
}
/** Under latest and average an account is missing as a whole, so only `all` judges its rows again for the days. */
function* missingOf(accounts, config) {
    for (const verdict of accounts) {
        if (verdict.missing === 0)
            continue;
        if (config.evaluate !== 'all')
            yield { account: verdict.account };
        else
            for (const row of verdict.rows())
                if (row.missing)
                    yield { account: row.account, date: row.date };
    }
}
/** The lowest of `scores`, in a loop: spreading 600,000 of them into Math.min overflows the stack. */
function lowestOf(scores) {
    let lowest;
    for (const score of scores)
        if (score !== undefined && (lowest === undefined || score < lowest))
            lowest = score;
    return lowest;
}
function resultOf(breaches, failingMissing, failures) {
    if (breaches > 0 || failingMissing > 0)
        return 'failed';
    if (failures.some((failure) => failure.outcome === 'error'))
        return 'error';
    if (failures.length > 0)
        return 'pending';
    return 'passed';
}
/** Every account the run is about, each with its failure, if any. */
function accountsOf(collection, config) {
    const byAccount = new Map();
    const thresholdsOf = (0,_thresholds_js__WEBPACK_IMPORTED_MODULE_2__/* .thresholdsFor */ .sx)(config.accountThresholds ?? [], config);
    const add = (account) => {
        const entry = byAccount.get(account) ?? { account, applied: thresholdsOf(account) };
        byAccount.set(account, entry);
        return entry;
    };
    if (config.subusers !== 'all')
        config.subusers.forEach(add);
    for (const failure of collection.failures) {
        if (failure.account === undefined)
            continue;
        const entry = add(failure.account);
        if (failure.date === undefined)
            entry.failure ??= failure;
    }
    for (const account of collection.records.accounts())
        add(account);
    // Answered for without an entry (an empty listing under `*` among them): missing, never left out.
    for (const { account, note } of collection.unscored ?? [])
        add(account).note ??= note;
    return [...byAccount.values()];
}
/** An account's rows, judged; none when it could not be read. */
const NO_DAYS = new Set();
function rowsOf(source, { store, config, days, failedDays, readAlone }) {
    const { account, failure, applied } = source;
    if (failure)
        return [];
    const records = recordsOf(source, store);
    const listingDaysFailed = readAlone?.has(account) ? NO_DAYS : failedDays;
    const rows = thresholdRowsOf(account, records, { ...config, ...applied.thresholds }, days, listingDaysFailed);
    judgeDrop(account, scoredDays(records), rows, config);
    return rows;
}
function thresholdRowsOf(account, records, config, days, failedDays) {
    switch (config.evaluate) {
        case 'all': {
            const byDate = new Map(records.map((record) => [record.date, record]));
            return days.filter((day) => byDate.has(day) || !failedDays.has(day)).map((day) => judge(account, day, byDate.get(day), config));
        }
        case 'latest': {
            const scored = scoredDays(records);
            // No score read, but some days could not be read: missing or not is unknown, so no row.
            if (scored.length === 0 && failedDays.size > 0)
                return [];
            const latest = scored.at(-1);
            return [judge(account, latest?.date ?? rangeOf(config), latest, config)];
        }
        case 'average': {
            const scored = scoredDays(records);
            if (scored.length === 0 && failedDays.size > 0)
                return [];
            return [judge(account, rangeOf(config), average(scored), config)];
        }
    }
}
function judge(account, date, scores, config) {
    const row = { account, date, score: scores?.score, metrics: scores?.metrics, breaches: [], warnings: [], missing: scores?.score === undefined };
    const check = (metric, value, threshold, level) => {
        if (value === undefined)
            return;
        if (threshold !== undefined && value < threshold)
            row.breaches.push({ account, date, metric, value, threshold });
        else if (level !== undefined && value < level)
            row.warnings.push({ account, date, metric, value, level });
    };
    check('score', row.score, config.minScore, config.warnScore);
    for (const metric of _records_score_record_js__WEBPACK_IMPORTED_MODULE_3__/* .METRICS */ .Cb)
        check(metric, row.metrics?.[metric], config.minMetricScores[metric], config.warnMetricScores?.[metric]);
    return row;
}
/** The records that have a score: each is its own day's DailyScore, so none is copied. */
function scoredDays(records) {
    return records.filter((record) => record.score !== undefined);
}
/**
 * max-drop: when the latest overall score lies max-drop or more below the best in the range, the
 * breach goes on the latest day's row (the account's only row under average); short of max-drop,
 * warn-drop or more is a warning there.
 */
function judgeDrop(account, daily, rows, { maxDrop, warnDrop }) {
    const drop = (0,_trends_js__WEBPACK_IMPORTED_MODULE_4__/* .dropOf */ .l6)(daily);
    const breached = maxDrop !== undefined && (0,_trends_js__WEBPACK_IMPORTED_MODULE_4__/* .breachesMaxDrop */ .$8)(drop, maxDrop);
    const warned = !breached && warnDrop !== undefined && (0,_trends_js__WEBPACK_IMPORTED_MODULE_4__/* .breachesMaxDrop */ .$8)(drop, warnDrop);
    if (!drop || !(breached || warned))
        return;
    const row = rows.find((candidate) => candidate.date === drop.latest.date) ?? rows.at(-1);
    const [date, value, best] = [drop.latest.date, drop.by, { date: drop.best.date, score: drop.best.score }];
    if (breached)
        row?.breaches.push({ account, date, metric: 'drop', value, threshold: maxDrop, best });
    else if (warned)
        row?.warnings.push({ account, date, metric: 'drop', value, level: warnDrop, best });
}
/** Means over the scored days, rounded to two decimals: the value shown is the value judged. */
function average(records) {
    if (records.length === 0)
        return undefined;
    const mean = (values) => values.length === 0 ? undefined : (0,_trends_js__WEBPACK_IMPORTED_MODULE_4__/* .round2 */ .X4)(values.reduce((sum, value) => sum + value, 0) / values.length);
    const withMetrics = records.flatMap((record) => (record.metrics ? [record.metrics] : []));
    const metrics = Object.fromEntries(_records_score_record_js__WEBPACK_IMPORTED_MODULE_3__/* .METRICS */ .Cb.map((metric) => [metric, mean(withMetrics.map((m) => m[metric]))]));
    return {
        score: mean(records.map((record) => record.score)),
        metrics: withMetrics.length > 0 ? metrics : undefined
    };
}
function rangeOf({ from, to }) {
    return from === to ? from : `${from}..${to}`;
}
function compareVerdicts(a, b) {
    const rank = (verdict) => [
        verdict.breaches > 0 ? 0 : 1,
        verdict.failure ? 0 : 1,
        verdict.missing > 0 ? 0 : 1,
        verdict.atRisk ? 0 : 1,
        verdict.lowestScore ?? 6
    ];
    const [ra, rb] = [rank(a), rank(b)];
    for (let index = 0; index < ra.length; index++)
        if (ra[index] !== rb[index])
            return ra[index] - rb[index];
    return a.account.localeCompare(b.account);
}


/***/ }),

/***/ 9740:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cn: () => (/* binding */ EXPLAINED_ACCOUNTS),
/* harmony export */   WE: () => (/* binding */ explain),
/* harmony export */   k3: () => (/* binding */ FEWER_IS_WORSE),
/* harmony export */   l0: () => (/* binding */ MEASURED),
/* harmony export */   md: () => (/* binding */ planExplanations)
/* harmony export */ });
/* unused harmony exports BASELINE_DAYS, rateOf, shortfall */
/* harmony import */ var _dates_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7718);
/* harmony import */ var _records_score_record_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1992);
/* harmony import */ var _causes_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6035);
/* harmony import */ var _evaluate_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2748);




/**
 * Why a score fell, from SendGrid's own stats: for each account in breach (worst first, at most
 * EXPLAINED_ACCOUNTS), the stat behind each breaching metric in the breach days against the 7 days
 * before, the mailbox providers that carry it and the categories with most of it. Pure: the stats
 * come in as records, the explanation goes out as values; words belong to report/why.ts.
 */
/** Accounts in breach explained per run; the report counts the rest. */
const EXPLAINED_ACCOUNTS = 10;
/** Days before the first breach day the window is compared with. */
const BASELINE_DAYS = 7;
/** What each metric is explained by: its stat per its denominator, or for engagement recency the nearest two. */
const MEASURED = {
    spam_rate: [{ stat: 'spam_reports', per: 'delivered' }],
    bounce_rate: [{ stat: 'bounces', per: 'requests' }],
    bounce_classification: [{ stat: 'blocks', per: 'requests' }],
    open_rate: [{ stat: 'unique_opens', per: 'delivered' }],
    engagement_recency: [
        { stat: 'unique_opens', per: 'delivered' },
        { stat: 'unique_clicks', per: 'delivered' }
    ]
};
/** Engagement recency has no stat of its own. */
const NEAREST = ['engagement_recency'];
/**
 * Stats a metric falls with (opens, clicks): the providers that explain the fall are those where the
 * stat fell furthest short of its rate in the days before, not those with most of it.
 */
const FEWER_IS_WORSE = ['unique_opens', 'unique_clicks'];
/** Providers and categories named per metric. */
const SEGMENTS = 3;
/**
 * What to fetch to explain the accounts in breach: worst first (the evaluation's order), at most
 * `limit`; the rest in breach are counted as not explained. An account whose breaches name no
 * metric (a score without metrics, a drop no metric fell in) has nothing to explain and costs no
 * request. Only the accounts looked at are judged again: 20,000 in breach cost no more than 10.
 */
function planExplanations(evaluation, limit = EXPLAINED_ACCOUNTS) {
    const requests = [];
    let breaching = 0;
    for (const verdict of evaluation.accounts) {
        if (verdict.breaches === 0)
            continue;
        breaching++;
        const request = requests.length < limit ? requestFor(verdict) : undefined;
        if (request)
            requests.push(request);
    }
    return { requests, notExplained: breaching - requests.length };
}
function requestFor(verdict) {
    // Its stats could only be asked for on behalf of a name SendGrid never gave: a refusal would read as a key without Stats access.
    if ((0,_records_score_record_js__WEBPACK_IMPORTED_MODULE_1__/* .isUnnamedLabel */ .bg)(verdict.account))
        return undefined;
    const rows = verdict.rows();
    const metrics = metricsBehind(verdict.worstBreaches, rows, verdict);
    const [worst] = metrics;
    if (worst === undefined)
        return undefined;
    const window = windowOf(rows.flatMap((row) => row.breaches));
    return {
        account: verdict.account,
        // The key's own account is read without the header; a subuser or `account-id <id>` by its name.
        ...(verdict.parent ? {} : { onBehalfOf: verdict.account }),
        window,
        baseline: { from: (0,_dates_js__WEBPACK_IMPORTED_MODULE_2__/* .addDays */ .fi)(window.from, -BASELINE_DAYS), to: (0,_dates_js__WEBPACK_IMPORTED_MODULE_2__/* .addDays */ .fi)(window.from, -1) },
        sortCategoriesBy: MEASURED[worst][0].stat,
        metrics
    };
}
/**
 * The metrics behind an account's worst breaches, lowest score first: each metric in breach, and
 * the metric that pulled the overall score down or fell most in a drop.
 */
function metricsBehind(worstBreaches, rows, verdict) {
    const lowest = new Map();
    for (const breach of worstBreaches) {
        const cause = (0,_causes_js__WEBPACK_IMPORTED_MODULE_3__/* .causeOf */ .rl)(breach, rows, verdict);
        const [metric, value] = cause ? [cause.metric, cause.value] : [breach.metric, breach.value];
        if (!isMetric(metric))
            continue;
        if (!lowest.has(metric) || value < lowest.get(metric))
            lowest.set(metric, value);
    }
    return [...lowest.keys()].sort((a, b) => lowest.get(a) - lowest.get(b) || _records_score_record_js__WEBPACK_IMPORTED_MODULE_1__/* .METRICS */ .Cb.indexOf(a) - _records_score_record_js__WEBPACK_IMPORTED_MODULE_1__/* .METRICS */ .Cb.indexOf(b));
}
function isMetric(subject) {
    return _records_score_record_js__WEBPACK_IMPORTED_MODULE_1__/* .METRICS */ .Cb.includes(subject);
}
/**
 * The first to the last day in breach. A breach's date is its day (under `latest`, the judged
 * day; for a drop, the latest day) or, under `average`, the range `from..to`.
 */
function windowOf(breaches) {
    const days = breaches.flatMap((breach) => breach.date.split('..')).sort();
    return { from: days[0], to: days.at(-1) };
}
/**
 * Each planned account's explanation from the stats fetched for it (`stats[i]` answers
 * `plan.requests[i]`): the window against the baseline, the providers and categories that carry
 * most of it. A part SendGrid did not give is left out, and its gap kept.
 */
function explain(plan, stats) {
    const accounts = plan.requests.map((request, index) => explainAccount(request, stats[index] ?? { account: request.account, gaps: [] }));
    return {
        accounts,
        notExplained: plan.notExplained,
        accessDenied: accounts.some((account) => account.gaps.some((gap) => gap.reason === 'access'))
    };
}
function explainAccount(request, stats) {
    const { account, window, baseline } = request;
    return {
        account,
        window,
        baseline,
        metrics: request.metrics.map((metric) => explainMetric(metric, stats, request)),
        gaps: stats.gaps
    };
}
function explainMetric(metric, stats, { window, baseline }) {
    const { daily, providers = [], categories = [] } = stats;
    const measured = MEASURED[metric];
    const first = measured[0];
    return {
        metric,
        // Without the account's daily stats there is nothing to measure against: the gap says so.
        measures: daily ? measured.map((measure) => measureOf(measure, daily, window, baseline)) : [],
        nearest: NEAREST.includes(metric),
        providers: topProviders(providers, first, window, baseline),
        categories: topCategories(categories, first)
    };
}
function measureOf({ stat, per }, daily, window, baseline) {
    const before = rateOver(daily, stat, per, baseline);
    return { stat, per, window: rateOver(daily, stat, per, window) ?? rateOf(0, 0), ...(before ? { baseline: before } : {}) };
}
/** `stat` per `per` summed over the days of `days` within `range`; undefined when none of them is. */
function rateOver(days, stat, per, range) {
    const within = days.filter((day) => day.date >= range.from && day.date <= range.to);
    if (within.length === 0)
        return undefined;
    return rateOf((0,_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .sumOf */ .XN)(within, (day) => day.counts[stat]), (0,_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .sumOf */ .XN)(within, (day) => day.counts[per]));
}
/** `count` of `of`, with a rate only when `of` is more than 0: nothing divided by nothing is no rate. */
function rateOf(count, of) {
    return of > 0 ? { count, of, rate: count / of } : { count, of };
}
/**
 * The providers that carry the fall, with their rates in the window and the baseline: those with
 * most of `stat` in the window, most first, or for a stat that falls (FEWER_IS_WORSE) those furthest
 * short of their rate before.
 */
function topProviders(providers, { stat, per }, window, baseline) {
    const segments = providers.flatMap((provider) => {
        const during = rateOver(provider.days, stat, per, window);
        if (!during)
            return [];
        const before = rateOver(provider.days, stat, per, baseline);
        return [{ name: provider.name, window: during, ...(before ? { baseline: before } : {}) }];
    });
    return FEWER_IS_WORSE.includes(stat) ? mostShort(segments) : mostFirst(segments.filter((segment) => segment.window.count > 0));
}
/** How many of the stat the window lacks against the rate before; 0 without a rate before. */
function shortfall({ window, baseline }) {
    return baseline?.rate === undefined ? 0 : baseline.rate * window.of - window.count;
}
/** A provider fell when its rate is at least a tenth below its rate before: a smaller move is noise, not a cause. */
const FELL_BY = 0.1;
/** The SEGMENTS furthest short of their rate before, furthest first; none that did not fall by FELL_BY. */
function mostShort(segments) {
    const short = segments.filter((segment) => shortfall(segment) > FELL_BY * (segment.baseline?.rate ?? 0) * segment.window.of);
    return short.sort((a, b) => shortfall(b) - shortfall(a) || a.name.localeCompare(b.name)).slice(0, SEGMENTS);
}
/** The categories with most of `stat` over the window, most first, each with its own rate. */
function topCategories(categories, { stat, per }) {
    const segments = categories.filter((category) => category.counts[stat] > 0).map((category) => ({ name: category.name, window: rateOf(category.counts[stat], category.counts[per]) }));
    return mostFirst(segments);
}
/** The SEGMENTS largest counts, most first; on a tie, by name, so every run names the same. */
function mostFirst(segments) {
    return segments.sort((a, b) => b.window.count - a.window.count || a.name.localeCompare(b.name)).slice(0, SEGMENTS);
}


/***/ }),

/***/ 9695:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GX: () => (/* binding */ unusedRules),
/* harmony export */   iQ: () => (/* binding */ describeUnusedRule),
/* harmony export */   sx: () => (/* binding */ thresholdsFor)
/* harmony export */ });
/* unused harmony export patternMatches */
/**
 * Each account's thresholds: the first rule whose pattern matches the account sets them, and what
 * it does not name, failing level or warning level, comes from `defaults`. Each rule's thresholds
 * are made once and shared by its accounts.
 */
function thresholdsFor(rules, defaults) {
    const { minScore, minMetricScores, warnScore, warnMetricScores = {} } = defaults;
    const fallback = { thresholds: { minScore, minMetricScores, warnScore, warnMetricScores } };
    const applied = rules.map((rule) => ({
        rule,
        thresholds: {
            minScore: rule.minScore ?? minScore,
            minMetricScores: { ...minMetricScores, ...rule.minMetricScores },
            warnScore: rule.warnScore ?? warnScore,
            warnMetricScores: { ...warnMetricScores, ...rule.warnMetricScores }
        }
    }));
    return (account) => applied.find(({ rule }) => patternMatches(rule.pattern, account)) ?? fallback;
}
/**
 * Whether `account` matches `pattern`, where `*` stands for any run of characters (none included)
 * and every other character for itself. Walks both once, going back only to the last `*`, so no
 * pattern can make it slow (as `a*a*a*a*b` can a regular expression).
 */
function patternMatches(pattern, account) {
    let [p, a] = [0, 0];
    let star = -1;
    let resume = 0;
    while (a < account.length) {
        if (pattern[p] === '*') {
            star = p++;
            resume = a;
        }
        else if (p < pattern.length && pattern[p] === account[a]) {
            p++;
            a++;
        }
        else if (star >= 0) {
            // Let the last `*` take one more character, and match the rest again from there.
            p = star + 1;
            a = ++resume;
        }
        else {
            return false;
        }
    }
    while (pattern[p] === '*')
        p++;
    return p === pattern.length;
}
/** The rules that set no checked account's thresholds, in the order they were written. */
function unusedRules(rules, accounts) {
    const used = new Set(accounts.map((verdict) => verdict.rule?.line));
    return rules
        .filter((rule) => !used.has(rule.line))
        .map((rule) => ({ rule, shadowed: accounts.some(({ account }) => patternMatches(rule.pattern, account)) }));
}
/** The warning for a rule that set no account's thresholds: it names the line and what to check. */
function describeUnusedRule({ rule, shadowed }) {
    const which = `account-thresholds line ${rule.line} (${rule.pattern})`;
    if (shadowed)
        return `${which} sets no account's thresholds: every account it matches takes those of an earlier line. Move it above them, or narrow the earlier line.`;
    return `${which} matches no checked account; check the name (a subuser username, account-id <id> or the parent's username, with * for any run of characters).`;
}


/***/ }),

/***/ 1727:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $8: () => (/* binding */ breachesMaxDrop),
/* harmony export */   RS: () => (/* binding */ trendOf),
/* harmony export */   X4: () => (/* binding */ round2),
/* harmony export */   l6: () => (/* binding */ dropOf)
/* harmony export */ });
/** A fitted change of half a point or more over the range is a direction; less is noise. */
const DIRECTION_CHANGE = 0.5;
/**
 * The trend over `scores` (oldest first), from every scored day: the slope of a least-squares line
 * through them, times the days they span. Flat only when every score is the same; undefined with
 * fewer than two scored days.
 */
function trendOf(scores) {
    if (scores.length < 2)
        return undefined;
    const values = scores.map((day) => day.score);
    const [lowest, highest] = [Math.min(...values), Math.max(...values)];
    const change = round2(fittedChange(scores));
    const direction = lowest === highest ? 'flat' : change >= DIRECTION_CHANGE ? 'up' : change <= -DIRECTION_CHANGE ? 'down' : 'varies';
    return { direction, change, lowest, highest };
}
/** The least-squares line's rise from the first scored day to the last, days counted by date. */
function fittedChange(scores) {
    const first = Date.parse(scores[0]?.date ?? '');
    const points = scores.map((day) => ({ x: (Date.parse(day.date) - first) / 86_400_000, y: day.score }));
    const meanX = points.reduce((sum, point) => sum + point.x, 0) / points.length;
    const meanY = points.reduce((sum, point) => sum + point.y, 0) / points.length;
    let [covariance, variance] = [0, 0];
    for (const { x, y } of points) {
        covariance += (x - meanX) * (y - meanY);
        variance += (x - meanX) ** 2;
    }
    const span = points.at(-1)?.x ?? 0;
    return variance === 0 ? 0 : (covariance / variance) * span;
}
/** How far the latest score (of `scores`, oldest first) lies below the best; the most recent best day wins ties. */
function dropOf(scores) {
    const latest = scores.at(-1);
    if (!latest)
        return undefined;
    const best = scores.reduce((top, day) => (day.score >= top.score ? day : top));
    return { best, latest, by: round2(best.score - latest.score) };
}
/** Whether the latest score lies `maxDrop` or more below the best. */
function breachesMaxDrop(drop, maxDrop) {
    return drop !== undefined && drop.by > 0 && drop.by >= maxDrop;
}
function round2(value) {
    return Math.round(value * 100) / 100;
}


/***/ }),

/***/ 8422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   As: () => (/* binding */ ACTION_ONLY_INPUTS),
/* harmony export */   WJ: () => (/* binding */ INPUT_DEFAULTS),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   o4: () => (/* binding */ parseConfig)
/* harmony export */ });
/* unused harmony exports REGION_URLS, RETENTION_DAYS, parseThresholdRules, parseDuration */
/* harmony import */ var _dates_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7718);
/* harmony import */ var _records_score_record_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1992);
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4279);



/**
 * Every input's default, as declared in action.yml (a test keeps the two equal), so that a run
 * without the runner (local runs, tests) behaves like one with it.
 */
const INPUT_DEFAULTS = {
    'api-key': '',
    subusers: '',
    'include-parent': 'false',
    from: '-7d',
    /** Empty: the later of yesterday and `from`. */
    to: '',
    'min-score': '3',
    'min-metric-scores': '',
    'warn-score': '',
    'warn-metric-scores': '',
    evaluate: 'all',
    'missing-scores': 'warn',
    'wait-timeout': '10m',
    'poll-interval': '15s',
    'request-timeout': '30s',
    region: 'global',
    'base-url': '',
    'fail-on-breach': 'true',
    'on-error': 'fail',
    summary: 'true',
    explain: 'true',
    'max-drop': '',
    'warn-drop': '',
    'account-thresholds': '',
    'junit-file': '',
    'metrics-file': '',
    'github-token': '${{ github.token }}',
    'check-run': 'true',
    'check-name': 'SendGrid engagement quality',
    'pr-comment': 'false',
    'tracking-issue': 'false'
};
/** Inputs that only the Action face uses: they say how to report to GitHub, not what to check. */
const ACTION_ONLY_INPUTS = ['github-token', 'check-run', 'check-name', 'pr-comment', 'tracking-issue'];
const REGION_URLS = { global: 'https://api.sendgrid.com', eu: 'https://api.eu.sendgrid.com' };
/** SendGrid keeps scores for 90 days and rejects older dates. */
const RETENTION_DAYS = 90;
const MAX_DURATION_MS = 6 * 3_600_000;
/** One or more inputs are invalid; nothing has been sent to SendGrid. */
class InputError extends Error {
    problems;
    constructor(problems) {
        super(problems.map(({ input, message }) => `Input "${input}": ${message}`).join('\n'));
        this.problems = problems;
        this.name = 'InputError';
    }
}
/** Thrown by a value parser; the input's name is added by `parseConfig`. */
class InvalidValue extends Error {
    messages;
    constructor(...messages) {
        super(messages.join('\n'));
        this.messages = messages;
    }
}
/** Parses and validates every input at once, so one run reports every bad input; `wording` names other inputs in messages. */
function parseConfig(read, today, wording = _messages_js__WEBPACK_IMPORTED_MODULE_0__/* .ACTION_WORDING */ .Ge) {
    const problems = [];
    const key = read('api-key').trim();
    const input = (name, parse) => {
        const given = read(name).trim();
        const text = given || INPUT_DEFAULTS[name];
        if (name !== 'api-key' && holdsKey(given, key)) {
            // Any other input may be printed (account names, messages): the key must not travel in one.
            problems.push({ input: name, message: `contains the API key; the key belongs in ${wording.setting('api-key')} alone` });
            return undefined;
        }
        try {
            return parse(text);
        }
        catch (error) {
            if (!(error instanceof InvalidValue))
                throw error;
            problems.push(...error.messages.map((message) => ({ input: name, message })));
            return undefined;
        }
    };
    const problem = (name, message) => void problems.push({ input: name, message });
    const warnings = [];
    const apiKey = input('api-key', parseApiKey);
    const subusers = input('subusers', parseSubusers);
    const includeParent = input('include-parent', parseBoolean);
    const from = input('from', (text) => parseDay(text, today));
    const toGiven = read('to').trim() !== '';
    const to = input('to', (text) => (toGiven ? parseDay(text, today) : laterOf((0,_dates_js__WEBPACK_IMPORTED_MODULE_1__/* .addDays */ .fi)(today, -1), from)));
    const config = {
        apiKey,
        parent: subusers?.length === 0 || includeParent === true,
        subusers: subusers?.[0] === '*' ? 'all' : subusers,
        from,
        to,
        minScore: input('min-score', parseScore),
        minMetricScores: input('min-metric-scores', parseMetricScores),
        warnScore: input('warn-score', parseOptionalScore),
        warnMetricScores: input('warn-metric-scores', parseMetricScores),
        evaluate: input('evaluate', (text) => oneOf(text, ['all', 'latest', 'average'])),
        missingScores: input('missing-scores', (text) => oneOf(text, ['warn', 'fail', 'ignore'])),
        waitTimeoutMs: input('wait-timeout', parseDuration),
        pollIntervalMs: input('poll-interval', parseDuration),
        requestTimeoutMs: input('request-timeout', parseDuration),
        ...resolveEndpoint(input('base-url', parseBaseUrl), input('region', (text) => oneOf(text, ['global', 'eu'])), warnings),
        failOnBreach: input('fail-on-breach', parseBoolean),
        onError: input('on-error', (text) => oneOf(text, ['fail', 'warn'])),
        summary: input('summary', parseBoolean),
        explain: input('explain', parseBoolean),
        maxDrop: input('max-drop', parseDrop),
        warnDrop: input('warn-drop', parseDrop),
        accountThresholds: input('account-thresholds', parseAccountThresholds),
        junitFile: input('junit-file', parseFilePath),
        metricsFile: input('metrics-file', parseFilePath),
        github: {
            token: input('github-token', parseGitHubToken),
            checkRun: input('check-run', parseBoolean),
            checkName: input('check-name', parseCheckName),
            prComment: input('pr-comment', parseBoolean),
            trackingIssue: input('tracking-issue', parseBoolean)
        },
        warnings
    };
    // A `to` left to its default is `from` when from is the later: a day in the future is from's doing.
    const inFuture = (day) => `${day} is in the future; the latest day with a score is ${today} (UTC)`;
    if (to !== undefined && to > today)
        problem(toGiven ? 'to' : 'from', inFuture(toGiven ? to : from));
    const oldest = (0,_dates_js__WEBPACK_IMPORTED_MODULE_1__/* .addDays */ .fi)(today, -RETENTION_DAYS);
    if (from !== undefined && from < oldest)
        problem('from', `${from} is more than ${RETENTION_DAYS} days ago; SendGrid keeps scores back to ${oldest}`);
    if (from !== undefined && to !== undefined && (0,_dates_js__WEBPACK_IMPORTED_MODULE_1__/* .daysBetween */ .YM)(from, to) < 0)
        problem('from', `${from} comes after "to" (${to})`);
    problems.push(...warningLevelProblems(config, wording));
    if (config.junitFile !== undefined && config.junitFile === config.metricsFile)
        problem('metrics-file', `names the same file as ${wording.setting('junit-file')}; give each its own`);
    if (problems.length > 0)
        throw new InputError(problems);
    return config;
}
/** Short test keys are left alone: a real SendGrid key is 69 characters, and a short one could match plain text. */
function holdsKey(text, key) {
    return key.length >= 8 && text.includes(key);
}
function parseApiKey(text) {
    if (text === '')
        throw new InvalidValue('is required: pass a SendGrid API key, e.g. ${{ secrets.SENDGRID_API_KEY }}');
    return headerValue(text, 'secret');
}
/** `text`, when it can be sent in an HTTP header; `what` names what to check when it cannot. */
function headerValue(text, what) {
    if (/[^\x21-\x7e]/.test(text))
        throw new InvalidValue(`contains spaces or characters that cannot be sent in an HTTP header; check the ${what}`);
    return text;
}
/** `''` means the key's own account; `['*']` every subuser; otherwise the listed names. */
function parseSubusers(text) {
    const entries = [...new Set(text.split(/[\n,]/).map(normalizeAccount).filter((entry) => entry !== ''))];
    if (entries.includes('*') && entries.length > 1)
        throw new InvalidValue('"*" (every subuser) cannot be combined with names; use "*" alone or list names');
    for (const entry of entries) {
        if (!ACCOUNT_NAME.test(entry))
            throw new InvalidValue(`"${entry}" is not a subuser username or "account-id <id>"; ` +
                'usernames are printable ASCII without spaces, separated by commas or new lines');
    }
    return entries;
}
/** A subuser username, `account-id <id>`, or (in a pattern, or `*` alone in subusers) a `*`. */
const ACCOUNT_NAME = /^(?:account-id [\x21-\x7e]+|[\x21-\x7e]+)$/;
function normalizeAccount(entry) {
    const trimmed = entry.trim();
    const customer = /^account-id\s+(\S+)$/i.exec(trimmed);
    return customer ? `account-id ${customer[1]}` : trimmed;
}
function parseBoolean(text) {
    const value = text.toLowerCase();
    if (value === 'true' || value === 'false')
        return value === 'true';
    throw new InvalidValue(`"${text}" is not a boolean; use true or false`);
}
function parseDay(text, today) {
    const day = (0,_dates_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveDay */ .zo)(text, today);
    if (day === undefined)
        throw new InvalidValue(`"${text}" is not a date; use YYYY-MM-DD, today, yesterday or -Nd (N days before today, UTC)`);
    return day;
}
function parseScore(text) {
    const score = scoreOf(text);
    if (Number.isNaN(score))
        throw new InvalidValue(`"${text}" is not a score; use a number from 1 to 5`);
    return score;
}
/** A score from 1 to 5; NaN for anything else. */
function scoreOf(text) {
    const score = decimal(text);
    return score >= 1 && score <= 5 ? score : NaN;
}
/** A plain decimal number such as `3` or `2.5`; NaN for anything else (signs, exponents, spaces). */
function decimal(text) {
    return /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
}
/** '' (no warnings) or a score from 1 to 5. */
function parseOptionalScore(text) {
    return text === '' ? undefined : parseScore(text);
}
/** '' (off) or a drop from above 0 up to 4, the most a 1-to-5 score can fall. */
function parseDrop(text) {
    if (text === '')
        return undefined;
    const drop = decimal(text);
    if (!(drop > 0 && drop <= 4))
        throw new InvalidValue(`"${text}" is not a drop; use a number above 0 and at most 4, e.g. 1, or leave it empty`);
    return drop;
}
/**
 * The runner replaces the default `${{ github.token }}`; left as written (a run outside GitHub
 * Actions) it means there is no token, and nothing is sent to GitHub.
 */
function parseGitHubToken(text) {
    if (/^\$\{\{[^]*\}\}$/.test(text))
        return '';
    return headerValue(text, 'token');
}
function parseCheckName(text) {
    if ([...text].some(isControl))
        throw new InvalidValue('contains a line break or control character; use one line of text');
    if (text.length > 100)
        throw new InvalidValue(`is ${text.length} characters long; use at most 100`);
    return text;
}
/** '' (no file) or a path to a file: one line, not ending in a folder separator. */
function parseFilePath(text) {
    if (text === '')
        return undefined;
    if ([...text].some(isControl))
        throw new InvalidValue('contains a line break or control character; use a path on one line');
    if (/[\\/]$/.test(text))
        throw new InvalidValue(`"${text}" names a folder; end it with a file name, e.g. seq-gate.xml`);
    return text;
}
function isControl(char) {
    const code = char.codePointAt(0);
    return code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029;
}
function parseMetricScores(text) {
    const problems = [];
    const thresholds = scoreEntries(text.split(/[\n,]/), METRIC_SCORES, problems);
    if (problems.length > 0)
        throw new InvalidValue(...problems);
    return thresholds;
}
const METRIC_SCORES = { keys: _records_score_record_js__WEBPACK_IMPORTED_MODULE_2__/* .METRICS */ .Cb, noun: 'metric', accepted: _records_score_record_js__WEBPACK_IMPORTED_MODULE_2__/* .METRICS */ .Cb.join(', '), example: 'spam_rate=4, bounce_rate=3' };
const WARN_METRIC_KEYS = _records_score_record_js__WEBPACK_IMPORTED_MODULE_2__/* .METRICS */ .Cb.map((metric) => `warn-${metric}`);
const RULE_SCORES = {
    keys: ['min-score', ..._records_score_record_js__WEBPACK_IMPORTED_MODULE_2__/* .METRICS */ .Cb, 'warn-score', ...WARN_METRIC_KEYS],
    noun: 'threshold',
    accepted: `min-score, ${_records_score_record_js__WEBPACK_IMPORTED_MODULE_2__/* .METRICS */ .Cb.join(', ')}, or warn-score and warn-<metric> (e.g. warn-spam_rate) for warning levels`,
    example: 'min-score=4, spam_rate=5'
};
/** `key=score` entries (empty ones skipped), adding a message to `problems` for each bad one. */
function scoreEntries(entries, grammar, problems) {
    const scores = {};
    for (const entry of entries.map((part) => part.trim()).filter(Boolean)) {
        const [name = '', value, ...rest] = entry.split('=').map((part) => part.trim());
        const score = scoreOf(value ?? '');
        if (value === undefined || rest.length > 0)
            problems.push(`"${entry}" is not ${grammar.noun}=score; e.g. ${grammar.example}`);
        else if (!grammar.keys.includes(name))
            problems.push(`"${name}" is not a ${grammar.noun}; use ${grammar.accepted}`);
        else if (scores[name] !== undefined)
            problems.push(`${name} is given twice`);
        else if (Number.isNaN(score))
            problems.push(`${name}: "${value}" is not a score; use a number from 1 to 5`);
        else
            scores[name] = score;
    }
    return scores;
}
/**
 * account-thresholds: one rule a line, `<account>: <threshold>=<score>, ...`, where the account
 * may hold `*` for any run of characters. Blank lines are skipped; each problem names its line.
 */
function parseThresholdRules(text) {
    const rules = [];
    const problems = [];
    text.split('\n').forEach((raw, index) => {
        const line = raw.trim();
        if (line === '')
            return;
        const lineProblems = [];
        const rule = parseThresholdRule(line, index + 1, lineProblems);
        problems.push(...lineProblems.map((problem) => `line ${index + 1}: ${problem}`));
        if (rule && lineProblems.length === 0)
            rules.push(rule);
    });
    return { rules, problems };
}
function parseThresholdRule(text, line, problems) {
    const colon = text.lastIndexOf(':');
    if (colon < 0) {
        problems.push(`"${text}" has no colon; write <account>: <threshold>=<score>, e.g. transactional: ${RULE_SCORES.example}`);
        return undefined;
    }
    const pattern = normalizeAccount(text.slice(0, colon));
    if (pattern === '')
        problems.push('no account before the colon; name a subuser, account-id <id> or the parent\'s username');
    else if (!ACCOUNT_NAME.test(pattern))
        problems.push(`"${pattern}" is not an account; use a subuser username, account-id <id> or the parent's username, with * for any run of characters`);
    const entries = text.slice(colon + 1).split(',');
    if (entries.every((entry) => entry.trim() === ''))
        problems.push(`${pattern || 'the rule'} names no threshold; e.g. ${RULE_SCORES.example}`);
    const scores = scoreEntries(entries, RULE_SCORES, problems);
    const metricScores = (key) => Object.fromEntries(_records_score_record_js__WEBPACK_IMPORTED_MODULE_2__/* .METRICS */ .Cb.flatMap((metric) => (scores[key(metric)] === undefined ? [] : [[metric, scores[key(metric)]]])));
    return {
        line,
        pattern,
        minScore: scores['min-score'],
        minMetricScores: metricScores((metric) => metric),
        warnScore: scores['warn-score'],
        warnMetricScores: metricScores((metric) => `warn-${metric}`)
    };
}
/**
 * A warning level must come before the failure it sits beside: above min-score and the metric's
 * min-metric-scores, below max-drop. At or past the failing level it could never warn (a value
 * past it fails), so it is refused rather than left to warn of nothing. A level a rule names is
 * held to the failing level its accounts get; a level it inherits is not: a rule that fails its
 * accounts sooner just leaves that warning nothing to warn of.
 */
function warningLevelProblems(config, wording) {
    const { minScore, minMetricScores = {}, warnScore, warnMetricScores = {}, maxDrop, warnDrop, accountThresholds = [] } = config;
    const problems = [];
    const neverWarns = (failing) => `a score below ${failing} fails, so it could never warn`;
    if (warnScore !== undefined && minScore !== undefined && warnScore <= minScore)
        problems.push({ input: 'warn-score', message: `${warnScore} is not above ${wording.setting('min-score')} (${minScore}): ${neverWarns(minScore)}; use a level above ${minScore}, or leave it empty` });
    for (const metric of _records_score_record_js__WEBPACK_IMPORTED_MODULE_2__/* .METRICS */ .Cb) {
        const [warn, min] = [warnMetricScores[metric], minMetricScores[metric]];
        if (warn !== undefined && min !== undefined && warn <= min)
            problems.push({ input: 'warn-metric-scores', message: `${metric}=${warn} is not above ${wording.setting('min-metric-scores')} (${metric}=${min}): ${neverWarns(min)}; use a level above ${min}` });
    }
    if (warnDrop !== undefined && maxDrop !== undefined && warnDrop >= maxDrop)
        problems.push({ input: 'warn-drop', message: `${warnDrop} is not below ${wording.setting('max-drop')} (${maxDrop}): a drop of ${maxDrop} or more fails, so it could never warn; use a smaller drop, or leave it empty` });
    for (const rule of accountThresholds) {
        const check = (subject, warn, own, inherited) => {
            const min = own ?? inherited;
            if (warn === undefined || min === undefined || warn > min)
                return;
            const [warnKey, failingKey, input] = subject === 'score' ? ['warn-score', 'min-score', 'min-score'] : [`warn-${subject}`, subject, 'min-metric-scores'];
            const from = own === undefined ? ` (from ${wording.setting(input)})` : '';
            problems.push({ input: 'account-thresholds', message: `line ${rule.line}: ${warnKey}=${warn} is not above ${failingKey}=${min}${from}: ${neverWarns(min)}` });
        };
        check('score', rule.warnScore, rule.minScore, minScore);
        for (const metric of _records_score_record_js__WEBPACK_IMPORTED_MODULE_2__/* .METRICS */ .Cb)
            check(metric, rule.warnMetricScores[metric], rule.minMetricScores[metric], minMetricScores[metric]);
    }
    return problems;
}
function parseAccountThresholds(text) {
    const { rules, problems } = parseThresholdRules(text);
    if (problems.length > 0)
        throw new InvalidValue(...problems);
    return rules;
}
function oneOf(text, accepted) {
    const value = text.toLowerCase();
    if (accepted.includes(value))
        return value;
    throw new InvalidValue(`"${text}" is not accepted; use ${accepted.join(', ')}`);
}
const DURATION_UNITS_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** `500ms`, `90s`, `10m`, `1h`, or combinations such as `1m30s`. */
function parseDuration(text) {
    const value = text.toLowerCase().replace(/\s+/g, '');
    const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
    const total = parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * DURATION_UNITS_MS[unit], 0);
    if (parts.length === 0 || parts.map(([part]) => part).join('') !== value || !(total >= 1))
        throw new InvalidValue(`"${text}" is not a duration; use a number with a unit, e.g. 500ms, 90s, 10m, 1h or 1m30s`);
    if (total > MAX_DURATION_MS)
        throw new InvalidValue(`"${text}" is longer than 6h, GitHub's limit for a job`);
    return Math.round(total);
}
function parseBaseUrl(text) {
    if (text === '')
        return undefined;
    const url = URL.canParse(text) ? new URL(text) : undefined;
    // `url.search` and `url.hash` are '' for a bare `?` or `#`, so look for them in the text itself.
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.username || url.password || /[?#]/.test(text))
        throw new InvalidValue(`"${withoutCredentials(text)}" is not a base URL; use http(s)://host[:port][/path] without credentials or query`);
    return url.href.replace(/\/+$/, '');
}
/** A rejected URL is quoted back, but never the password in it. */
function withoutCredentials(text) {
    return text.replace(/\/\/[^/?#]*@/, '//***@');
}
function laterOf(day, other) {
    return other !== undefined && other > day ? other : day;
}
/**
 * base-url wins over region; region is still validated so that every bad input is reported. A
 * region other than the default beside base-url is ignored, and said so: the runner passes the
 * default whether or not the workflow set it, so only another value shows it was meant.
 */
function resolveEndpoint(baseUrl, region, warnings) {
    if (baseUrl === undefined)
        return region === undefined ? { baseUrl: '' } : { baseUrl: REGION_URLS[region], region };
    if (region !== undefined && region !== INPUT_DEFAULTS.region)
        warnings.push({ input: 'region', message: `"${region}" is ignored: base-url is set, so requests go to ${baseUrl}` });
    return { baseUrl };
}


/***/ }),

/***/ 8301:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ isObject),
/* harmony export */   q: () => (/* binding */ parseJson)
/* harmony export */ });
function isObject(value) {
    return typeof value === 'object' && value !== null;
}
/** The parsed JSON, or undefined when `text` is not JSON. */
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 4279:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $p: () => (/* binding */ redactor),
/* harmony export */   Ge: () => (/* binding */ ACTION_WORDING),
/* harmony export */   bD: () => (/* binding */ messageOf)
/* harmony export */ });
/**
 * What every message shares, whichever layer makes it: how it names a setting in the face's terms,
 * how the API key is kept out of it, and what an error says.
 */
/** The Action's wording, and the default for every message. */
const ACTION_WORDING = {
    setting: (input) => input,
    settingTo: (input, value) => `${input}: ${value}`,
    keySource: 'the api-key secret'
};
/**
 * A function that replaces every occurrence of `secret` with `***`; an empty secret changes nothing.
 * A text without the secret comes back as it is, not copied: job summaries and bodies run to a megabyte.
 */
function redactor(secret) {
    return secret === '' ? (text) => text : (text) => text.replaceAll(secret, '***');
}
/** What an error says, whatever was thrown. */
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 9700:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ PARENT_LABEL),
/* harmony export */   q: () => (/* binding */ failedSubject)
/* harmony export */ });
/** Label of the key's own account when SendGrid's answer did not name it. */
const PARENT_LABEL = 'parent account';
/**
 * What a failure kept from being read: the account, or for a day of the listing `every subuser on
 * <day>`, or the listed subusers it hid (`promo, receipts, welcome and 37 other listed subusers on <day>`).
 */
function failedSubject({ account, date, listed }) {
    if (account !== undefined)
        return account;
    if (listed === undefined)
        return `every subuser on ${date}`;
    if (listed.length === 0)
        return `the subuser listing on ${date}`;
    const rest = listed.length - LISTED_NAMED;
    const items = rest > 0 ? [...listed.slice(0, LISTED_NAMED), `${rest} other listed ${rest === 1 ? 'subuser' : 'subusers'}`] : listed;
    const last = items.length - 1;
    return `${last > 0 ? `${items.slice(0, last).join(', ')} and ` : ''}${items[last]} on ${date}`;
}
/** How many subusers a failed day of the listing names before it counts the rest. */
const LISTED_NAMED = 3;


/***/ }),

/***/ 9015:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ LazyList)
/* harmony export */ });
/**
 * A list made each time it is read, never held whole: `*` over 20,000 subusers and 30 days has
 * 600,000 rows and as many records, and can have as many breaches. Its length is known up front;
 * JSON shows it as an array.
 */
class LazyList {
    length;
    items;
    constructor(length, items) {
        this.length = length;
        this.items = items;
    }
    [Symbol.iterator]() {
        return this.items();
    }
    toJSON() {
        return [...this];
    }
}


/***/ }),

/***/ 1992:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cb: () => (/* binding */ METRICS),
/* harmony export */   bg: () => (/* binding */ isUnnamedLabel),
/* harmony export */   fi: () => (/* binding */ unnamedLabel)
/* harmony export */ });
/** The five inputs SendGrid combines into the overall score, in the order its docs list them. */
const METRICS = ['engagement_recency', 'open_rate', 'bounce_classification', 'bounce_rate', 'spam_rate'];
/**
 * The label of a listing entry that came without a username: SendGrid's own example leaves it out
 * on an unscored subuser's day. The collector renames it once another day names the same user_id.
 */
function unnamedLabel(userId) {
    return `user_id ${userId}`;
}
/** Whether `account` is such a label: a name SendGrid never gave, which no request can be made on behalf of. */
function isUnnamedLabel(account) {
    return /^user_id \S+$/.test(account);
}


/***/ }),

/***/ 6772:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bp: () => (/* binding */ TREND_ARROWS),
/* harmony export */   IY: () => (/* binding */ SHORT_NAMES),
/* harmony export */   KM: () => (/* binding */ sparkline),
/* harmony export */   dZ: () => (/* binding */ accountLines),
/* harmony export */   fU: () => (/* binding */ dayBeside),
/* harmony export */   kN: () => (/* binding */ barsText),
/* harmony export */   td: () => (/* binding */ trendText),
/* harmony export */   vt: () => (/* binding */ NO_SCORE_MARK)
/* harmony export */ });
/* unused harmony exports DAILY_CELLS, daysPerCell */
/* harmony import */ var _dates_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7718);
/* harmony import */ var _gate_trends_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1727);
/* harmony import */ var _records_score_record_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1992);
/* harmony import */ var _verdict_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(687);




/** Each metric's name as a column title, short enough for a narrow column; a legend says the rest. */
const SHORT_NAMES = {
    engagement_recency: 'Recency',
    open_rate: 'Opens',
    bounce_classification: 'Blocks',
    bounce_rate: 'Bounces',
    spam_rate: 'Spam'
};
function accountLine(verdict, mode, days) {
    const rows = verdict.rows();
    const scores = verdict.scores;
    const foundIn = (findings) => (subject, date) => rows.some((row) => (date === undefined || row.date === date) && findings(row).some((finding) => finding.metric === subject));
    const [breached, warned] = [foundIn((row) => row.breaches), foundIn((row) => row.warnings)];
    // A value shown for the whole range is its lowest: a breach, if any day breached.
    const marks = (subject, date) => {
        const breach = breached(subject, date);
        return { breached: breach, atRisk: !breach && warned(subject, date) };
    };
    const lowest = lowestDay(scores);
    const unmarked = { breached: false, atRisk: false };
    return {
        account: verdict.account,
        parent: verdict.parent,
        ownThresholds: verdict.rule !== undefined,
        ...statusOf(verdict, mode),
        headline: headlineOf(rows, scores, mode, marks),
        lowest: lowest && { ...lowest, value: lowest.score, ...(mode === 'all' ? marks('score', lowest.date) : unmarked) },
        metrics: metricsOf(rows, mode, marks),
        daily: dailyScores(scores, days),
        trend: (0,_gate_trends_js__WEBPACK_IMPORTED_MODULE_1__/* .trendOf */ .RS)(scores)
    };
}
/** Every account's line, worst first; made as they are read. */
function* accountLines(accounts, mode, range) {
    const days = (0,_dates_js__WEBPACK_IMPORTED_MODULE_2__/* .eachDay */ .aj)(range.from, range.to);
    for (const verdict of accounts)
        yield accountLine(verdict, mode, days);
}
function statusOf(verdict, mode) {
    if (verdict.failure)
        return { status: verdict.failure.outcome, statusDetail: verdict.failure.outcome === 'pending' ? 'pending' : 'not read' };
    if (verdict.breaches > 0)
        return { status: 'breach', statusDetail: statusDetail(verdict.below, verdict.worstBreaches, verdict.judged, mode, 'below') };
    if (verdict.missing > 0) {
        const detail = verdict.missing === verdict.judged ? 'no score' : `${verdict.missing} of ${(0,_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .plural */ .LS)(verdict.judged, 'day')}`;
        return { status: 'missing', statusDetail: detail };
    }
    if (verdict.atRisk)
        return { status: 'risk', statusDetail: statusDetail(verdict.belowWarning, verdict.worstWarnings, verdict.judged, mode, 'at risk') };
    return { status: 'ok', statusDetail: '' };
}
/** `2 of 14 days`, `dropped 1.5`, or under latest and average `below` (`at risk`): how many rows a breach or warning is on. */
function statusDetail(rows, worst, judged, mode, word) {
    const drop = worst.find((finding) => finding.metric === 'drop');
    const dropped = drop ? `dropped ${drop.value}` : '';
    const below = rows === 0 ? '' : mode === 'all' ? `${rows} of ${(0,_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .plural */ .LS)(judged, 'day')}` : word;
    return [below, dropped].filter(Boolean).join(', ');
}
function headlineOf(rows, scores, mode, marks) {
    if (mode === 'average') {
        const [row] = rows;
        return row?.score === undefined ? undefined : { value: row.score, date: row.date, ...marks('score') };
    }
    const latest = scores.at(-1);
    return latest && { value: latest.score, date: latest.date, ...marks('score', latest.date) };
}
function metricsOf(rows, mode, marks) {
    const judged = mode === 'all' ? rows : rows.slice(0, 1);
    const entries = _records_score_record_js__WEBPACK_IMPORTED_MODULE_3__/* .METRICS */ .Cb.map((metric) => {
        const values = judged.flatMap((row) => (row.metrics?.[metric] === undefined ? [] : [row.metrics[metric]]));
        return [metric, values.length === 0 ? undefined : { value: Math.min(...values), ...marks(metric) }];
    });
    return Object.fromEntries(entries);
}
/** The lowest score, on its latest day. */
function lowestDay(scores) {
    let lowest;
    for (const day of scores)
        if (lowest === undefined || day.score <= lowest.score)
            lowest = day;
    return lowest;
}
function dailyScores(scores, days) {
    const byDay = new Map(scores.map((day) => [day.date, day.score]));
    const perCell = daysPerCell(days.length);
    const cells = [];
    // From the last day back, so that the latest cell is a whole one; the oldest holds what is left.
    for (let end = days.length; end > 0; end -= perCell)
        cells.unshift(lowestScore(days.slice(Math.max(end - perCell, 0), end).map((day) => byDay.get(day))));
    return cells;
}
function lowestScore(scores) {
    let lowest;
    for (const score of scores)
        if (score !== undefined && (lowest === undefined || score < lowest))
            lowest = score;
    return lowest;
}
/** The Daily column's most cells whatever the range, so that a row of 30 or 90 days fits the page. */
const DAILY_CELLS = 14;
/** How many days a cell of the Daily column holds: 1 up to 14 days, 3 for 30, 7 for 90. */
function daysPerCell(days) {
    return Math.max(Math.ceil(days / DAILY_CELLS), 1);
}
/** What a bar of the Daily column stands for: `one bar per day`, `one bar per 3 days, the lowest of their scores`. */
function barsText(days) {
    const perCell = daysPerCell(days);
    if (perCell === 1)
        return 'one bar per day';
    const oldest = days % perCell;
    return `one bar per ${perCell} days${oldest === 0 ? '' : ` (the oldest bar: ${(0,_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .plural */ .LS)(oldest, 'day')})`}, the lowest of their scores`;
}
/**
 * The day (`11-29`) shown beside a score in a table: none for an average, nor, unless `always`, for
 * a latest score on the last day of the range, which the reader takes for granted.
 */
function dayBeside({ date }, lastDay, always) {
    return date.includes('..') || (!always && date === lastDay) ? undefined : date.slice(5);
}
const BARS = '▁▂▃▄▅▆▇█';
/** Where a day had no score: a dot, not a space, which a table cell could collapse or wrap at. */
const NO_SCORE_MARK = '·';
/** One block character per cell, higher for a higher score (1 to 5). */
function sparkline(daily) {
    return daily.map((score) => (score === undefined ? NO_SCORE_MARK : BARS[Math.round(((score - 1) / 4) * (BARS.length - 1))])).join('');
}
const TREND_ARROWS = { up: '↗', down: '↘', flat: '→', varies: '↕' };
/** `↘ down`, `↗ up`, `→ flat`, `↕ varies`; '' with fewer than two scored days. */
function trendText(trend) {
    return trend === undefined ? '' : `${TREND_ARROWS[trend.direction]} ${trend.direction}`;
}


/***/ }),

/***/ 2296:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ SEQ_DOCS_URL),
/* harmony export */   h: () => (/* binding */ ADVICE)
/* harmony export */ });
/** SendGrid's explanation of SEQ: how each metric is scored and how to address it. */
const SEQ_DOCS_URL = 'https://www.twilio.com/docs/sendgrid/api-reference/sendgrid-engagement-quality-api';
/** What usually fixes each metric, from SendGrid's SEQ guidance and mailbox providers' sender rules. */
const ADVICE = {
    score: [
        'The overall score combines the five metrics: fix the lowest of them first (the table shows each one).'
    ],
    engagement_recency: [
        'Stop mailing addresses with no open or click in the last 90 days; try one re-engagement message first, then suppress those who stay silent.'
    ],
    open_rate: [
        'Segment by engagement: send most often to recent openers and clickers, less to the rest, and test subject lines and send times on the engaged segment.'
    ],
    bounce_classification: [
        'Mailbox providers are blocking on reputation or content: check SPF, DKIM and DMARC alignment, look the sending IPs and domain up on blocklists, and review content and links that filters flag.'
    ],
    bounce_rate: [
        'Validate addresses before they enter the list, remove hard bounces at once, and collect addresses with confirmed (double) opt-in.'
    ],
    spam_rate: [
        'Offer one-click unsubscribe (RFC 8058 List-Unsubscribe-Post) and honour it within two days; make opting out easier than reporting spam.',
        "Gmail expects bulk senders to keep user-reported spam below 0.1% and never reach 0.3%."
    ],
    drop: [
        'A fall from the best day usually follows a change: a new list or segment, more volume, or a new campaign; the metric columns show which part moved.'
    ]
};


/***/ }),

/***/ 2661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ byteLength),
/* harmony export */   m: () => (/* binding */ inChunks)
/* harmony export */ });
/** A text's size as GitHub counts its limits: UTF-8 bytes. */
function byteLength(text) {
    return Buffer.byteLength(text, 'utf8');
}
/** Pieces of text are gathered to about this size before they are written. */
const CHUNK_CHARS = 64 * 1024;
/**
 * `pieces` gathered into chunks of about 64 KiB: a report of 20,000 accounts is written in a few
 * hundred writes rather than one per line, and never held whole.
 */
function* inChunks(pieces) {
    let chunk = '';
    for (const piece of pieces) {
        chunk += piece;
        if (chunk.length < CHUNK_CHARS)
            continue;
        yield chunk;
        chunk = '';
    }
    if (chunk !== '')
        yield chunk;
}


/***/ }),

/***/ 9621:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  w_: () => (/* binding */ toolFiles),
  l$: () => (/* binding */ toolFormatText),
  f8: () => (/* binding */ writeWhole)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/dates.ts
var dates = __webpack_require__(7718);
// EXTERNAL MODULE: ./src/records/collection.ts
var collection = __webpack_require__(9700);
// EXTERNAL MODULE: ./src/report/bytes.ts
var bytes = __webpack_require__(2661);
// EXTERNAL MODULE: ./src/report/fixes.ts
var fixes = __webpack_require__(3773);
// EXTERNAL MODULE: ./src/report/phrases.ts
var phrases = __webpack_require__(4792);
// EXTERNAL MODULE: ./src/report/verdict.ts
var verdict = __webpack_require__(687);
// EXTERNAL MODULE: ./src/report/why.ts
var report_why = __webpack_require__(9952);
;// CONCATENATED MODULE: ./src/report/junit.ts







/** The XML a chunk at a time: 20,000 accounts stay a few MB, and are never held as one string. */
function junitText(evaluation, config, options) {
    return (0,bytes/* inChunks */.m)(junitPieces(evaluation, config, options));
}
function* junitPieces(evaluation, config, options) {
    const { redact } = options;
    const attribute = (value) => escapeAttribute(redact(value));
    const counts = countsOf(evaluation, config);
    const suite = {
        name: verdict/* TITLE */.ly,
        tests: counts.tests,
        failures: counts.failure,
        errors: counts.error,
        skipped: counts.skipped,
        time: (options.durationMs / 1000).toFixed(3),
        timestamp: new Date(options.startedMs).toISOString().slice(0, 19),
        hostname: options.hostname || 'localhost'
    };
    const suiteAttributes = Object.entries(suite).map(([name, value]) => `${name}="${attribute(String(value))}"`);
    yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite ${suiteAttributes.join(' ')}>\n  <properties/>\n`;
    const classname = attribute((0,phrases/* parentName */.Ot)(evaluation));
    for (const { name, outcome } of testCases(evaluation, config, options.wording)) {
        const opening = `  <testcase classname="${classname}" name="${attribute(name)}" time="0"`;
        if (!outcome) {
            yield `${opening}/>\n`;
            continue;
        }
        const type = outcome.type === undefined ? '' : ` type="${attribute(outcome.type)}"`;
        const result = `<${outcome.element}${type} message="${attribute(outcome.message)}">${escapeText(redact(outcome.text))}</${outcome.element}>`;
        yield `${opening}>${result}</testcase>\n`;
    }
    yield `  <system-out>${escapeText(redact(systemOutLines(evaluation, config, options.wording).join('\n')))}</system-out>\n`;
    yield '  <system-err/>\n</testsuite>\n';
}
/**
 * The suite's own output, read where a CI shows it (the Ant schema allows none inside a test case):
 * the verdict and what was checked against what.
 */
function systemOutLines(evaluation, config, wording) {
    const style = { strong: plain, literal: plain, wording };
    return [(0,verdict/* verdictLine */.MT)(evaluation, config), (0,phrases/* thresholdsLine */.hN)(config, style), ...(0,report_why/* explanationNotes */.vl)(evaluation.explanation, wording), ...atRiskLines(evaluation, config, style)];
}
const plain = (text) => text;
/**
 * Every account at risk, a line each: their tests pass, and the schema lets no case hold output of
 * its own, so the suite's output names them.
 */
function atRiskLines(evaluation, config, style) {
    const { risks } = (0,fixes/* risksOf */.i7)(evaluation, Number.POSITIVE_INFINITY);
    if (risks.length === 0)
        return [];
    const lines = risks.map((risk) => `  ${risk.account}${risk.parent ? ' (parent)' : ''}: ${(0,fixes/* describeProblems */.yg)(risk.problems, config.evaluate, style)}.`);
    return [`At risk (their tests pass). ${phrases/* AT_RISK_INTRO */.fA}`, ...lines];
}
/** How many tests there are, and how many end in each element; counted before any is made, for the suite's attributes. */
function countsOf(evaluation, config) {
    const elements = [...evaluation.accounts.map((verdict) => elementOf(verdict, config)), ...failuresOfNoAccount(evaluation).map(() => 'error')];
    const count = (element) => elements.filter((each) => each === element).length;
    return { tests: elements.length, failure: count('failure'), error: count('error'), skipped: count('skipped') };
}
/** What a test's result is: a breach fails, an account not read errs, a missing score is skipped unless it fails the run. */
function elementOf(verdict, config) {
    if (verdict.failure)
        return 'error';
    if (verdict.breaches > 0)
        return 'failure';
    if (verdict.missing > 0)
        return config.missingScores === 'fail' ? 'failure' : 'skipped';
    return undefined;
}
/** Each account, worst first, then each day of the subuser listing that could not be read. */
function* testCases(evaluation, config, wording) {
    // The worst accounts' advice in full; after them, where it stands: 20,000 copies would pass 10 MB.
    const advise = (0,fixes/* adviser */.PR)((account) => account, fixes/* FIX_ACCOUNTS */.Dx);
    const why = (0,report_why/* whyByAccount */.Pk)(evaluation.explanation, plain);
    for (const verdict of evaluation.accounts) {
        const element = elementOf(verdict, config);
        if (element === undefined)
            yield { name: verdict.account };
        else if (verdict.failure)
            yield notRead(verdict.account, verdict.failure);
        else if (verdict.breaches > 0)
            yield breach(verdict, (0,fixes/* fixOf */.BW)(verdict), { why: why(verdict.account), advice: advise }, config, wording);
        else {
            const sentence = missingSentence(verdict, config);
            yield { name: verdict.account, outcome: { element, type: element === 'failure' ? 'missing score' : undefined, message: sentence, text: sentence } };
        }
    }
    for (const failure of failuresOfNoAccount(evaluation))
        yield notRead((0,collection/* failedSubject */.q)(failure), failure);
}
/** Failures that no account's test carries: the days of the subuser listing that could not be read. */
function failuresOfNoAccount({ accounts, failures }) {
    const carried = new Set(accounts.map((verdict) => verdict.failure));
    return failures.filter((failure) => !carried.has(failure));
}
function notRead(name, failure) {
    return { name, outcome: { element: 'error', type: failure.outcome, message: failure.message, text: `Could not read ${(0,collection/* failedSubject */.q)(failure)}: ${failure.message}` } };
}
/**
 * The message says what fails, as What to fix does; the text says it again (GitLab shows the text
 * alone), then the days below threshold, why, the advice, and any missing score.
 */
function breach(verdict, fix, { why, advice: advise }, config, wording) {
    const message = (0,phrases/* capitalized */.l2)((0,fixes/* describeProblems */.yg)(fix.problems, config.evaluate, { strong: (text) => text, wording }));
    const days = config.evaluate === 'average' ? '' : belowThresholdDays(fix);
    const lines = [
        `${message}.`,
        ...(days === '' ? [] : [`Days below threshold: ${days}.`]),
        ...why,
        ...advise(fix),
        ...(verdict.missing > 0 && config.missingScores !== 'ignore' ? [missingSentence(verdict, config)] : [])
    ];
    return { name: verdict.account, outcome: { element: 'failure', type: 'breach', message, text: lines.join('\n') } };
}
/**
 * Each day any score or metric was below its threshold, short enough for 20,000 accounts: a day
 * names its year and month only where they change, and three days or more in a row are a range
 * (`2026-11-04, 05, 09 to 12 and 2026-12-01`).
 */
function belowThresholdDays({ problems }) {
    const days = [...new Set(problems.flatMap((problem) => (problem.metric === 'drop' ? [] : problem.dates)))].sort();
    const runs = [];
    for (const day of days) {
        const run = runs.at(-1);
        if (run && (0,dates/* addDays */.fi)(run.at(-1), 1) === day)
            run.push(day);
        else
            runs.push([day]);
    }
    let month = '';
    const written = (day) => {
        const sameMonth = day.slice(0, 7) === month;
        month = day.slice(0, 7);
        return sameMonth ? day.slice(8) : day;
    };
    return (0,fixes/* listed */.KE)(runs.flatMap((run) => (run.length < 3 ? run.map(written) : [`${written(run[0])} to ${written(run.at(-1))}`])));
}
/** `No score in the range. SendGrid scores only accounts…`: what is missing, and what that likely means. */
function missingSentence(verdict, config) {
    return `${(0,phrases/* capitalized */.l2)((0,phrases/* missingText */.qq)(verdict, config, (text) => text))}.${verdict.note ? '' : ` ${phrases/* NOT_ELIGIBLE */.Qo}`}`;
}
/**
 * Characters XML 1.0 cannot carry, not even as a reference: the control characters but tab, line
 * feed and carriage return, U+FFFE, U+FFFF and a lone half of a surrogate pair.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };
/** What XML cannot carry, written out as `\u0007`, so that a name or message still shows it. */
function visible(text) {
    return text.replace(NOT_XML, (char) => `\\u${char.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
/** An attribute's value between double quotes; tabs and line breaks as references, which a parser keeps. */
function escapeAttribute(text) {
    return visible(text).replace(/[&<>"\t\n\r]/g, (char) => ENTITIES[char]);
}
/** Element text: every `>` escaped too, so that `]]>` never stands in it; a carriage return as a reference, which a parser keeps. */
function escapeText(text) {
    return visible(text).replace(/[&<>\r]/g, (char) => ENTITIES[char]);
}

// EXTERNAL MODULE: ./src/records/score-record.ts
var score_record = __webpack_require__(1992);
;// CONCATENATED MODULE: ./src/report/openmetrics.ts



/**
 * The run as OpenMetrics text, for dashboards: the node_exporter textfile collector, a Pushgateway,
 * anything that reads Prometheus' exposition formats. Gauges only, without sample timestamps (the
 * textfile collector refuses them): the run's result, and per account its latest scored day's
 * score and metrics, that day as a Unix time, its lowest score, whether it breaches, and the
 * thresholds it is held to. A value an account does not have (no score, not read) is left out
 * rather than made up. docs/cli.md lists every name.
 */
/** Every result `seq_check_result` has a sample for: 1 for the run's, 0 for the others. */
const RESULTS = ['passed', 'failed', 'error', 'pending'];
const FAMILIES = [
    {
        name: 'seq_latest_score',
        help: "Overall engagement quality score (1 to 5) on the account's latest scored day in the range.",
        samples: ({ labels, latest }) => (latest ? [[labels, latest.score]] : [])
    },
    {
        name: 'seq_latest_metric_score',
        help: "Score (1 to 5) of each of SendGrid's five metrics on the account's latest scored day in the range.",
        samples: ({ labels, latest }) => score_record/* METRICS */.Cb.flatMap((metric) => (latest?.metrics ? [[metricLabels(labels, metric), latest.metrics[metric]]] : []))
    },
    {
        name: 'seq_latest_score_timestamp_seconds',
        help: "Start (00:00 UTC) of the account's latest scored day in the range, as a Unix time.",
        unit: 'seconds',
        samples: ({ labels, latest }) => (latest ? [[labels, latest.seconds]] : [])
    },
    {
        name: 'seq_lowest_score',
        help: "Lowest daily overall score in the range.",
        samples: ({ labels, lowest }) => (lowest === undefined ? [] : [[labels, lowest]])
    },
    {
        name: 'seq_breach',
        help: 'Whether the account breaches a threshold or max-drop in the range: 1 or 0; absent when it could not be read.',
        samples: ({ labels, breach }) => (breach === undefined ? [] : [[labels, breach ? 1 : 0]])
    },
    {
        name: 'seq_min_score',
        help: "Lowest acceptable overall score for the account: its account-thresholds rule's, else min-score.",
        samples: ({ labels, thresholds }) => [[labels, thresholds.minScore]]
    },
    {
        name: 'seq_min_metric_score',
        help: "Lowest acceptable score of each metric with a threshold for the account: its account-thresholds rule's, else min-metric-scores.",
        samples: ({ labels, thresholds }) => score_record/* METRICS */.Cb.flatMap((metric) => {
            const threshold = thresholds.minMetricScores[metric];
            return threshold === undefined ? [] : [[metricLabels(labels, metric), threshold]];
        })
    }
];
/** The exposition a chunk at a time; each account is read from the store once, whatever the number of families. */
function openMetricsText(evaluation, { redact }) {
    return (0,bytes/* inChunks */.m)(openMetricsPieces(evaluation, redact));
}
function* openMetricsPieces(evaluation, redact) {
    // The parent on every series, the run's result too: two runs' files in one textfile folder must not collide.
    const parent = `parent="${escapeLabelValue(redact((0,phrases/* parentName */.Ot)(evaluation)))}"`;
    yield familyHead('seq_check_result', 'How the check ended: 1 for its result (passed, failed, error or pending), 0 for the others.');
    for (const result of RESULTS)
        yield `seq_check_result{${parent},result="${result}"} ${result === evaluation.result ? 1 : 0}\n`;
    const { accounts } = evaluation;
    const scores = new ScoresRead(accounts);
    for (const family of FAMILIES) {
        yield familyHead(family.name, family.help, family.unit);
        for (const [index, verdict] of accounts.entries()) {
            const gauges = scores.gaugesOf(index, verdict, `account="${escapeLabelValue(redact(verdict.account))}",${parent}`);
            for (const [labels, value] of family.samples(gauges))
                yield `${family.name}{${labels}} ${value}\n`;
        }
    }
    yield '# EOF\n';
}
/** Where each number lies in an account's row of ScoresRead. */
const SCORE = 0;
const FIRST_METRIC = 1;
const SECONDS = FIRST_METRIC + score_record/* METRICS */.Cb.length;
const LOWEST = SECONDS + 1;
const ROW = LOWEST + 1;
/**
 * Each account's latest scored day and lowest score, read from the store once for every family, and
 * kept as numbers (NaN where there is none): an object per account, for 100,000 of them, would grow
 * the heap by 20 MB while the file is written.
 */
class ScoresRead {
    rows;
    constructor(accounts) {
        this.rows = new Float64Array(accounts.length * ROW).fill(Number.NaN);
        accounts.forEach((verdict, index) => this.read(verdict, index * ROW));
    }
    gaugesOf(index, verdict, labels) {
        const row = this.rows.subarray(index * ROW, (index + 1) * ROW);
        const known = (value) => (value === undefined || Number.isNaN(value) ? undefined : value);
        const score = known(row[SCORE]);
        const metricsKnown = !Number.isNaN(row[FIRST_METRIC]);
        const metrics = metricsKnown ? Object.fromEntries(score_record/* METRICS */.Cb.map((metric, at) => [metric, row[FIRST_METRIC + at]])) : undefined;
        const latest = score === undefined ? undefined : { score, metrics, seconds: row[SECONDS] };
        return { labels, latest, lowest: known(row[LOWEST]), breach: verdict.failure ? undefined : verdict.breaches > 0, thresholds: verdict.thresholds };
    }
    read(verdict, at) {
        let latest;
        let lowest = Number.NaN;
        for (const record of verdict.records()) {
            if (record.score === undefined)
                continue;
            latest = record;
            if (Number.isNaN(lowest) || record.score < lowest)
                lowest = record.score;
        }
        if (!latest)
            return;
        this.rows[at + SCORE] = latest.score;
        const { metrics } = latest;
        if (metrics)
            score_record/* METRICS */.Cb.forEach((metric, index) => (this.rows[at + FIRST_METRIC + index] = metrics[metric]));
        this.rows[at + SECONDS] = Date.parse(`${latest.date}T00:00:00Z`) / 1000;
        this.rows[at + LOWEST] = lowest;
    }
}
function familyHead(name, help, unit) {
    return `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${unit ? `# UNIT ${name} ${unit}\n` : ''}`;
}
function metricLabels(labels, metric) {
    return `${labels},metric="${metric}"`;
}
/** A label's value between double quotes: backslash, double quote and line feed escaped, as OpenMetrics and Prometheus' text format both read them. */
function escapeLabelValue(text) {
    return text.replace(/[\\"\n]/g, (char) => (char === '\n' ? '\\n' : `\\${char}`));
}

;// CONCATENATED MODULE: ./src/report/files.ts





/** The run in `format`, a chunk at a time. */
function toolFormatText(format, evaluation, config, { timing, wording, redact }) {
    return format === 'junit' ? junitText(evaluation, config, { ...timing, wording, redact }) : openMetricsText(evaluation, { redact });
}
/** The files junit-file and metrics-file ask for, relative paths resolved against `base`. */
function toolFiles(evaluation, config, base, options) {
    const file = (input, what, format, path) => path === undefined ? [] : [{ input, what, path: (0,external_node_path_.resolve)(base, path), text: () => toolFormatText(format, evaluation, config, options) }];
    return [...file('junit-file', 'JUnit XML', 'junit', config.junitFile), ...file('metrics-file', 'OpenMetrics', 'openmetrics', config.metricsFile)];
}
/**
 * Writes `text` to a new file beside `path`, then renames it over `path`: a reader (the textfile
 * collector every scrape, a CI uploading artifacts) sees the old file or the new one, never half of
 * one. Makes the folder when it is missing.
 */
async function writeWhole(path, text) {
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
    const partial = `${path}.${(0,external_node_crypto_.randomUUID)()}.partial`;
    try {
        await (0,promises_.writeFile)(partial, text);
        await (0,promises_.rename)(partial, path);
    }
    finally {
        await (0,promises_.rm)(partial, { force: true });
    }
}


/***/ }),

/***/ 3773:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BW: () => (/* binding */ fixOf),
/* harmony export */   CY: () => (/* binding */ adviceLines),
/* harmony export */   Dx: () => (/* binding */ FIX_ACCOUNTS),
/* harmony export */   KE: () => (/* binding */ listed),
/* harmony export */   PR: () => (/* binding */ adviser),
/* harmony export */   i7: () => (/* binding */ risksOf),
/* harmony export */   jv: () => (/* binding */ fixesOf),
/* harmony export */   yg: () => (/* binding */ describeProblems)
/* harmony export */ });
/* harmony import */ var _dates_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7718);
/* harmony import */ var _gate_causes_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6035);
/* harmony import */ var _gate_trends_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1727);
/* harmony import */ var _records_score_record_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1992);
/* harmony import */ var _advice_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2296);
/* harmony import */ var _phrases_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4792);
/* harmony import */ var _verdict_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(687);







/** "What to fix" and "At risk" name at most this many accounts each, worst first, then count the rest. */
const FIX_ACCOUNTS = 20;
/** The accounts in breach, worst first, at most `limit`; `more` counts the rest. */
function fixesOf(evaluation, limit = FIX_ACCOUNTS) {
    const breaching = evaluation.accounts.filter((verdict) => verdict.breaches > 0);
    return { fixes: breaching.slice(0, limit).map(fixOf), more: Math.max(breaching.length - limit, 0) };
}
/** The accounts at risk (a warning, no breach), worst first, at most `limit`; `more` counts the rest. */
function risksOf(evaluation, limit = FIX_ACCOUNTS) {
    const atRisk = evaluation.accounts.filter((verdict) => verdict.atRisk);
    const riskOf = (verdict) => ({ account: verdict.account, parent: verdict.parent, problems: problemsOf(verdict, verdict.worstWarnings, (row) => row.warnings) });
    return { risks: atRisk.slice(0, limit).map(riskOf), more: Math.max(atRisk.length - limit, 0) };
}
/** What fails for one account in breach, and which advice applies. */
function fixOf(verdict) {
    const problems = problemsOf(verdict, verdict.worstBreaches, (row) => row.breaches);
    return { account: verdict.account, parent: verdict.parent, problems, advice: adviceOf(problems) };
}
/** A problem for each of `worstFindings` (the worst breach or warning of each metric), with every row's findings of that metric. */
function problemsOf(verdict, worstFindings, findingsOf) {
    const rows = verdict.rows();
    const problems = worstFindings.map((worst) => {
        const found = rows.flatMap((row) => findingsOf(row).filter((finding) => finding.metric === worst.metric));
        const dates = found.map((finding) => finding.date);
        const varied = found.some((finding) => finding.value !== worst.value);
        return { metric: worst.metric, worst, dates, judged: rows.length, varied, cause: (0,_gate_causes_js__WEBPACK_IMPORTED_MODULE_3__/* .causeOf */ .rl)(worst, rows, verdict) };
    });
    return problems.sort((a, b) => ORDER.indexOf(a.metric) - ORDER.indexOf(b.metric));
}
/** Metrics first, then the score they pull down, then a drop. */
const ORDER = [..._records_score_record_js__WEBPACK_IMPORTED_MODULE_4__/* .METRICS */ .Cb, 'score', 'drop'];
/**
 * Each fix's advice, a line per metric: in full the first time it comes, after that where it stands,
 * so that twenty accounts with the same problem stay short.
 */
function adviceLines(fixes, literal) {
    return fixes.map(adviser(literal));
}
/**
 * Gives one fix after another its advice, a line per metric: in full the first `inFull` times a
 * metric comes, after that where it stands (`as for newsletters above`).
 */
function adviser(literal, inFull = 1) {
    const given = new Map();
    return (fix) => fix.advice.map((metric) => {
        const earlier = given.get(metric) ?? { first: fix.account, times: 0 };
        given.set(metric, earlier);
        earlier.times++;
        return `${(0,_phrases_js__WEBPACK_IMPORTED_MODULE_1__/* .capitalized */ .l2)(_verdict_js__WEBPACK_IMPORTED_MODULE_2__/* .METRIC_NAMES */ .Uw[metric])}: ${earlier.times <= inFull ? _advice_js__WEBPACK_IMPORTED_MODULE_0__/* .ADVICE */ .h[metric].join(' ') : `as for ${literal(earlier.first)} above.`}`;
    });
}
/** The score's own advice only when no metric explains it. */
function adviceOf(problems) {
    const metrics = problems.map((problem) => problem.cause?.metric ?? problem.metric);
    return ORDER.filter((metric) => metrics.includes(metric));
}
/**
 * What fails for one account, in words: the problems that fall on the same days share them (`spam
 * rate 1 (min 3) and score 2 (min 3) from 2026-11-28 to 2026-11-30, 3 of 14 days`), metrics before
 * the score they pull down, and a drop last. What puts an account at risk reads alike, each value
 * with its warning level (`spam rate 3 (at risk below 4)`).
 */
function describeProblems(problems, mode, style) {
    const groups = new Map();
    for (const problem of problems) {
        const key = problem.metric === 'drop' ? 'drop' : problem.dates.join();
        groups.set(key, [...(groups.get(key) ?? []), problem]);
    }
    return [...groups.values()]
        .map((group) => {
        const [first] = group;
        if (first.metric === 'drop')
            return describeDrop(first, style);
        const items = group.map((problem) => describeValue(problem, mode, style, group));
        return `${listed(items)} ${when(first, mode)}`;
    })
        .join('; ');
}
/** `spam rate as low as 1 (min 3)`; for the score, its lowest metric unless that is named beside it. */
function describeValue(problem, mode, { strong }, beside) {
    const { worst, metric, cause, varied } = problem;
    const name = `${mode === 'average' ? 'average ' : ''}${_verdict_js__WEBPACK_IMPORTED_MODULE_2__/* .METRIC_NAMES */ .Uw[metric]}`;
    const lowestMetric = cause && !beside.some((other) => other.metric === cause.metric) ? `, lowest metric: ${_verdict_js__WEBPACK_IMPORTED_MODULE_2__/* .METRIC_NAMES */ .Uw[cause.metric]} ${cause.value}` : '';
    const level = 'level' in worst ? `at risk below ${worst.level}` : `min ${worst.threshold}`;
    return `${name} ${varied ? 'as low as ' : ''}${strong(String(worst.value))} (${level}${lowestMetric})`;
}
function describeDrop({ worst, cause }, { strong, wording }) {
    const best = worst.best;
    const latest = (0,_gate_trends_js__WEBPACK_IMPORTED_MODULE_5__/* .round2 */ .X4)(best.score - worst.value);
    const fell = cause ? `; ${_verdict_js__WEBPACK_IMPORTED_MODULE_2__/* .METRIC_NAMES */ .Uw[cause.metric]} fell most, from ${cause.from} to ${cause.value}` : '';
    const level = 'level' in worst ? `${wording.setting('warn-drop')} ${worst.level}` : `${wording.setting('max-drop')} ${worst.threshold}`;
    return `score fell ${strong(String(worst.value))} to ${latest} on ${worst.date} from its best of ${best.score} on ${best.date} (${level})${fell}`;
}
function when({ dates, judged }, mode) {
    const [first = '', last = first] = mode === 'average' ? (dates[0]?.split('..') ?? []) : [dates[0], dates.at(-1)];
    if (mode === 'average')
        return first === last ? `on ${first}` : `over ${first} to ${last}`;
    if (mode === 'latest')
        return `on ${first}, its latest scored day`;
    if (dates.length === 1)
        return `on ${first}`;
    const share = `${dates.length} of ${judged} days`;
    if ((0,_dates_js__WEBPACK_IMPORTED_MODULE_6__/* .daysBetween */ .YM)(first, last) + 1 === dates.length)
        return `from ${first} to ${last}, ${dates.length === judged ? 'every day' : share}`;
    if (dates.length <= 3)
        return `on ${listed(dates)}`;
    return `on ${share} between ${first} and ${last}`;
}
/** `a`, `a and b`, `a, b and c`. */
function listed(items) {
    return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}


/***/ }),

/***/ 4792:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ot: () => (/* binding */ parentName),
/* harmony export */   Qo: () => (/* binding */ NOT_ELIGIBLE),
/* harmony export */   R9: () => (/* binding */ AT_RISK_MEANS),
/* harmony export */   Uw: () => (/* binding */ warnsAtAll),
/* harmony export */   fA: () => (/* binding */ AT_RISK_INTRO),
/* harmony export */   hN: () => (/* binding */ thresholdsLine),
/* harmony export */   l2: () => (/* binding */ capitalized),
/* harmony export */   qq: () => (/* binding */ missingText)
/* harmony export */ });
/* harmony import */ var _gate_evaluate_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2748);
/* harmony import */ var _records_collection_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9700);
/* harmony import */ var _records_score_record_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1992);
/* harmony import */ var _verdict_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(687);




/** `Checked 2026-11-24 to 2026-11-30 (UTC) · evaluating every day · score ≥ 3 (at risk below 4) · missing scores: warn` */
function thresholdsLine(config, { strong, literal, wording }) {
    const atRisk = (level) => (level === undefined ? '' : ` (at risk below ${level})`);
    const metrics = _records_score_record_js__WEBPACK_IMPORTED_MODULE_2__/* .METRICS */ .Cb.flatMap((metric) => {
        const [min, warn] = [config.minMetricScores[metric], config.warnMetricScores?.[metric]];
        if (min === undefined)
            return warn === undefined ? [] : [`${_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .METRIC_NAMES */ .Uw[metric]} at risk below ${warn}`];
        return [`${_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .METRIC_NAMES */ .Uw[metric]} ≥ ${min}${atRisk(warn)}`];
    });
    const mode = { all: 'every day', latest: 'latest scored day per account', average: 'average per account' }[config.evaluate];
    return [
        `Checked ${strong((0,_gate_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .rangeOf */ .be)(config).replace('..', ' to '))} (UTC)`,
        `evaluating ${mode}`,
        `score ≥ ${strong(String(config.minScore))}${atRisk(config.warnScore)}`,
        ...metrics,
        ownThresholds(config.accountThresholds ?? [], literal, wording),
        dropLimits(config),
        `missing scores: ${config.missingScores}`,
        config.failOnBreach ? undefined : `report only (${wording.settingTo('fail-on-breach', 'false')})`
    ]
        .filter(Boolean)
        .join(' · ');
}
/** `latest score at most 1 below the best (at risk from 0.5)`; undefined without max-drop or warn-drop. */
function dropLimits({ maxDrop, warnDrop }) {
    if (maxDrop === undefined)
        return warnDrop === undefined ? undefined : `at risk when the latest score is ${warnDrop} or more below the best`;
    return `latest score at most ${maxDrop} below the best${warnDrop === undefined ? '' : ` (at risk from ${warnDrop})`}`;
}
/** Whether any warning level is set, so that the reports explain what at risk means only where it can happen. */
function warnsAtAll(config) {
    const rules = config.accountThresholds ?? [];
    const named = (levels) => Object.keys(levels ?? {}).length > 0;
    return config.warnScore !== undefined || config.warnDrop !== undefined || named(config.warnMetricScores) || rules.some((rule) => rule.warnScore !== undefined || named(rule.warnMetricScores));
}
/** How many account-thresholds patterns the thresholds line names before it says "and N more". */
const RULES_NAMED = 5;
/** `own thresholds for transactional, promo-* (account-thresholds)`; undefined without rules. */
function ownThresholds(rules, literal, wording) {
    if (rules.length === 0)
        return undefined;
    const named = rules.slice(0, RULES_NAMED).map((rule) => literal(rule.pattern));
    const more = rules.length > RULES_NAMED ? ` and ${rules.length - RULES_NAMED} more` : '';
    return `own thresholds for ${named.join(', ')}${more} (${wording.setting('account-thresholds')})`;
}
/** Which scores an account lacks, and what that likely means when SendGrid's answer said more. */
function missingText(verdict, config, literal) {
    return `${missingDays(verdict, config)}${verdict.note ? `. ${literal(verdict.note)}` : ''}`;
}
/** `no score in the range`, `no score on 2026-11-29`, `no score on 5 of 14 days`. */
function missingDays(verdict, config) {
    if (config.evaluate !== 'all' || verdict.missing === verdict.judged)
        return 'no score in the range';
    const days = verdict.rows().flatMap((row) => (row.missing ? [row.date] : []));
    return days.length <= 3 ? `no score on ${days.join(', ')}` : `no score on ${days.length} of ${verdict.judged} days`;
}
/**
 * The key's own account, the parent of the subusers, as the run read its name: a run that did not
 * check it does not know the name.
 */
function parentName(evaluation) {
    return evaluation.accounts.find((verdict) => verdict.parent)?.account ?? _records_collection_js__WEBPACK_IMPORTED_MODULE_3__/* .PARENT_LABEL */ .c;
}
/** What at risk means, wherever a report explains it. */
const AT_RISK_MEANS = 'below a warning level, not a threshold';
/** What the At risk section says before it lists the accounts. */
const AT_RISK_INTRO = `Each is ${AT_RISK_MEANS}: one step from failing. Warnings never fail the run.`;
/** Why a score may be missing, unless SendGrid's answer said more. */
const NOT_ELIGIBLE = 'SendGrid scores only accounts with open tracking on that sent about 1,000 messages in the last 30 days.';
function capitalized(text) {
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}


/***/ }),

/***/ 4315:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  hB: () => (/* binding */ outputsDocumentText)
});

// UNUSED EXPORTS: publicConfig, reportFileText

// EXTERNAL MODULE: ./src/json.ts
var src_json = __webpack_require__(8301);
// EXTERNAL MODULE: ./src/records/lazy-list.ts
var lazy_list = __webpack_require__(9015);
// EXTERNAL MODULE: ./src/report/bytes.ts
var bytes = __webpack_require__(2661);
;// CONCATENATED MODULE: ./src/report/outputs.ts


/** GitHub refuses an output over 1 MB; stay clear of it. */
const OUTPUT_LIMIT_BYTES = 900_000;
function outputs_outputValues(evaluation, collection) {
    return {
        passed: evaluation.result === 'passed',
        result: evaluation.result,
        'lowest-score': evaluation.lowestScore ?? null,
        failures: evaluation.breaches,
        warnings: evaluation.warnings,
        'at-risk-count': evaluation.atRisk,
        missing: evaluation.missing,
        scores: recordsWorstFirst(evaluation, collection)
    };
}
/**
 * The outputs one by one, each list made only when its turn comes: three lists of 900 KB each
 * need not be held at once.
 */
function* eachOutput(evaluation, collection, limitBytes = OUTPUT_LIMIT_BYTES) {
    const values = outputs_outputValues(evaluation, collection);
    yield { name: 'passed', value: String(values.passed) };
    yield { name: 'result', value: values.result };
    yield { name: 'lowest-score', value: values['lowest-score'] === null ? '' : String(values['lowest-score']) };
    yield { name: 'at-risk-count', value: String(values['at-risk-count']) };
    for (const name of ['failures', 'warnings', 'missing', 'scores']) {
        const { json, omitted } = boundedJsonArray(values[name], limitBytes);
        yield { name, value: json, omitted };
    }
}
/**
 * Every record fetched, worst accounts first, each by date, without absent fields. Made as they
 * are read: the scores output stops after its first 900 KB of 600,000, and the report file streams them.
 */
function recordsWorstFirst(evaluation, collection) {
    return new lazy_list/* LazyList */.V(collection.records.length, () => worstFirst(evaluation, collection));
}
function* worstFirst(evaluation, { records }) {
    for (const { account } of evaluation.accounts) {
        for (const { user_id, date, score, metrics } of records.recordsOf(account))
            yield { account, user_id, date, score, metrics };
    }
}
/** A JSON array of as many leading `items` as fit in `limitBytes`. */
function boundedJsonArray(items, limitBytes) {
    const parts = [];
    let bytes = 2;
    for (const item of items) {
        const part = JSON.stringify(item);
        bytes += byteLength(part) + 1;
        if (bytes > limitBytes)
            break;
        parts.push(part);
    }
    return { json: `[${parts.join(',')}]`, omitted: items.length - parts.length };
}

// EXTERNAL MODULE: ./src/report/verdict.ts
var verdict = __webpack_require__(687);
// EXTERNAL MODULE: ./src/report/why.ts
var why = __webpack_require__(9952);
;// CONCATENATED MODULE: ./src/report/report-file.ts






/** The report file, a ReportDocument as JSON, a chunk at a time. */
function reportFileText({ config, collection, evaluation, stepFailed, redact }) {
    const values = outputValues(evaluation, collection);
    const document = {
        config: publicConfig(config),
        outcome: outcomeOf(values, evaluation, config, stepFailed),
        records: values.scores,
        breaches: values.failures,
        warnings: values.warnings,
        missing: values.missing,
        failures: evaluation.failures,
        explanation: explanationDocument(evaluation.explanation)
    };
    return jsonChunks(document, redact);
}
/** The command line's JSON, an OutputsDocument, a chunk at a time: its lists are as long as the report file's. */
function outputsDocumentText({ config, collection, evaluation, stepFailed, redact }) {
    const values = outputs_outputValues(evaluation, collection);
    const document = {
        config: publicConfig(config),
        outcome: outcomeOf(values, evaluation, config, stepFailed),
        failures: evaluation.failures,
        explanation: (0,why/* explanationDocument */.f5)(evaluation.explanation),
        outputs: values
    };
    return jsonChunks(document, redact);
}
function outcomeOf(values, evaluation, config, stepFailed) {
    return { result: values.result, passed: values.passed, stepFailed, lowestScore: values['lowest-score'], atRiskCount: values['at-risk-count'], verdict: (0,verdict/* verdictLine */.MT)(evaluation, config) };
}
function publicConfig(config) {
    const { apiKey, github, ...rest } = config;
    const { token, ...settings } = github;
    void [apiKey, token]; // left out on purpose
    return { ...rest, github: settings };
}
/**
 * `document` as indented JSON, a chunk at a time: `*` over 20,000 subusers has 600,000 records, too
 * many to hold as one string. A list (an array or a LazyList) is written an item per line, as it
 * is read; an object that holds a list opens like the document; anything else is pretty-printed.
 * Every string passes through `redact`.
 */
function jsonChunks(document, redact) {
    const json = (value, indent) => JSON.stringify(value, (_key, item) => (typeof item === 'string' ? redact(item) : item), indent);
    function* write(value, indent) {
        if (isList(value)) {
            let separator = `\n${indent}  `;
            yield '[';
            for (const item of value) {
                yield `${separator}${json(item)}`;
                separator = `,\n${indent}  `;
            }
            yield separator === `\n${indent}  ` ? ']' : `\n${indent}]`;
        }
        else if ((0,src_json/* isObject */.G)(value) && Object.values(value).some(isList)) {
            const entries = Object.entries(value).filter(([, item]) => item !== undefined);
            yield '{';
            for (const [index, [key, item]] of entries.entries()) {
                yield `${index === 0 ? '' : ','}\n${indent}  ${JSON.stringify(key)}: `;
                yield* write(item, `${indent}  `);
            }
            yield `\n${indent}}`;
        }
        else {
            yield json(value, 2).replace(/\n/g, `\n${indent}`);
        }
    }
    function* whole() {
        yield* write(document, '');
        yield '\n';
    }
    return (0,bytes/* inChunks */.m)(whole());
}
function isList(value) {
    return Array.isArray(value) || value instanceof lazy_list/* LazyList */.V;
}


/***/ }),

/***/ 6093:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Mp: () => (/* binding */ UNLIMITED),
  Br: () => (/* binding */ renderSummary)
});

// UNUSED EXPORTS: JOB_SUMMARY_LIMIT, MARKDOWN_OUTPUT_LIMIT, Summary

// EXTERNAL MODULE: ./src/dates.ts
var dates = __webpack_require__(7718);
// EXTERNAL MODULE: ./src/records/collection.ts
var collection = __webpack_require__(9700);
// EXTERNAL MODULE: ./src/records/score-record.ts
var score_record = __webpack_require__(1992);
// EXTERNAL MODULE: ./src/messages.ts
var messages = __webpack_require__(4279);
// EXTERNAL MODULE: ./src/report/accounts.ts
var accounts = __webpack_require__(6772);
// EXTERNAL MODULE: ./src/report/advice.ts
var advice = __webpack_require__(2296);
// EXTERNAL MODULE: ./src/report/bytes.ts
var bytes = __webpack_require__(2661);
// EXTERNAL MODULE: ./src/gate/trends.ts
var trends = __webpack_require__(1727);
;// CONCATENATED MODULE: ./src/report/markdown.ts
/**
 * Text from outside (account names, SendGrid's messages) as GitHub renders it: literally. GitHub's
 * renderer is cmark-gfm with the table, strikethrough and autolink extensions, and measured there:
 * a backslash stops `~` (strikethrough), `&` (entities), `www.` and `https://` (links), but not an
 * e-mail address, which only a character that cannot be part of one stops (a word joiner before `@`).
 */
function escapeMarkdown(text) {
    return text
        .replace(/[\r\n\u2028\u2029]+/g, ' ')
        .replace(/[\\|`*_<>[\]~&]/g, (char) => `\\${char}`)
        .replace(/\b(www)\./gi, '$1\\.')
        .replace(/:\/\//g, '\\://')
        .replace(/@/g, `${WORD_JOINER}@`);
}
const WORD_JOINER = '\u2060';
/** Text inside raw HTML, such as a `<summary>`: Markdown is not parsed there, so HTML escapes apply. */
function escapeHtml(text) {
    return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[&<>"]/g, (char) => HTML_ENTITIES[char] ?? char);
}
const HTML_ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** A Markdown table: a header row, an alignment row (`l` or `r` per column), then the rows. */
function tableHead(columns) {
    const titles = columns.map(([title]) => title);
    const alignments = columns.map(([, align]) => (align === 'r' ? '--:' : '---'));
    return `${tableRow(titles)}\n${tableRow(alignments)}`;
}
function tableRow(cells) {
    return `| ${cells.join(' | ')} |`;
}

// EXTERNAL MODULE: ./src/report/verdict.ts
var report_verdict = __webpack_require__(687);
;// CONCATENATED MODULE: ./src/report/chart.ts




/** At most this many accounts get a line, besides the threshold's: more would be unreadable. */
const CHART_ACCOUNTS = 9;
/** At most this many x-axis labels: Mermaid draws every label, and more run into each other. */
const AXIS_LABELS = 7;
/**
 * Line colours, worst account first, each with the emoji that stands for it in the legend. Each has
 * a contrast of at least 3:1 on GitHub's light (#ffffff) and dark (#0d1117) backgrounds.
 */
const COLOURS = [
    ['#e5534b', '🔴'],
    ['#d4691c', '🟠'],
    ['#ad7f0e', '🟡'],
    ['#46954a', '🟢'],
    ['#4184e4', '🔵'],
    ['#986ee2', '🟣'],
    ['#a0714f', '🟤'],
    ['#e255a1', '🩷'],
    ['#1b8fa6', '🩵']
];
const THRESHOLD_COLOUR = ['#768390', '🩶'];
/**
 * Which accounts are worth a line: those in breach or at risk first (worst first, as `accounts` come), then
 * those falling, by how far they dropped from their best day, then by how steeply.
 */
function chooseChartAccounts(accounts, days) {
    const choice = { drawn: [], steady: 0, gapped: 0, more: 0 };
    const flagged = [];
    const falling = [];
    for (const verdict of accounts) {
        const scores = verdict.scores;
        if (scores.length === 0)
            continue;
        const trend = (0,trends/* trendOf */.RS)(scores);
        if (scores.length < days.length)
            choice.gapped++;
        else if (verdict.breaches > 0 || verdict.atRisk)
            flagged.push(verdict);
        else if (trend?.direction === 'down')
            falling.push({ verdict, drop: (0,trends/* dropOf */.l6)(scores)?.by ?? 0, change: trend.change });
        else
            choice.steady++;
    }
    falling.sort((a, b) => b.drop - a.drop || a.change - b.change);
    const worthDrawing = [...flagged, ...falling.map(({ verdict }) => verdict)];
    choice.drawn = worthDrawing.slice(0, CHART_ACCOUNTS);
    choice.more = worthDrawing.length - choice.drawn.length;
    return choice;
}
/**
 * A Mermaid `xychart-beta` line chart of the chosen accounts' daily overall scores and a line at
 * min-score, with one legend (ours: Mermaid 11.17 and later would draw its own beside it). The worst
 * account is drawn last, on top of the others. '' for a single day or when nothing is worth drawing.
 */
function renderTrendChart(accounts, range) {
    const days = (0,dates/* eachDay */.aj)(range.from, range.to);
    if (days.length < 2)
        return '';
    const choice = chooseChartAccounts(accounts, days);
    if (choice.drawn.length === 0)
        return '';
    const bottomUp = [...choice.drawn].reverse();
    const palette = [THRESHOLD_COLOUR[0], ...bottomUp.map((verdict) => colourOf(choice, verdict)[0])];
    const config = { xyChart: { showLegend: false }, themeVariables: { xyChart: { plotColorPalette: palette.join(', ') } } };
    const chart = [
        '```mermaid',
        `%%{init: ${JSON.stringify(config)}}%%`,
        'xychart-beta',
        '    title "Overall score per day (UTC)"',
        `    x-axis [${axisLabels(days).map((label) => `"${label}"`).join(', ')}]`,
        '    y-axis "Score" 1 --> 5',
        `    line "min-score" [${days.map(() => range.minScore).join(', ')}]`,
        ...bottomUp.map((verdict) => `    line "${chartText(verdict.account)}" [${verdict.scores.map((day) => day.score).join(', ')}]`),
        '```'
    ];
    return `${chart.join('\n')}\n\n${legend(choice, range.minScore)}\n`;
}
function colourOf(choice, verdict) {
    return COLOURS[choice.drawn.indexOf(verdict)];
}
/**
 * Every day needs a label, and Mermaid merges equal labels into one point and trims spaces; so a
 * day between labelled ones gets a distinct run of zero-width spaces. The latest day is labelled.
 */
function axisLabels(days) {
    const every = Math.ceil(days.length / AXIS_LABELS);
    return days.map((day, index) => ((days.length - 1 - index) % every === 0 ? day.slice(5) : '\u200b'.repeat(index + 1)));
}
function legend(choice, minScore) {
    const keys = choice.drawn.map((verdict) => `${colourOf(choice, verdict)[1]} ${escapeMarkdown(verdict.account)}`);
    const left = [
        choice.more > 0 ? `${(0,report_verdict/* plural */.LS)(choice.more, 'more account')} in breach, at risk or falling` : '',
        choice.steady > 0 ? `${(0,report_verdict/* plural */.LS)(choice.steady, 'account')} at or above threshold and not falling` : '',
        choice.gapped > 0 ? `${(0,report_verdict/* plural */.LS)(choice.gapped, 'account')} without a score on some days (a line cannot show the gap)` : ''
    ].filter(Boolean);
    const notDrawn = left.length > 0 ? ` Not drawn: ${left.join('; ')}; the table below has every account.` : '';
    // The line is min-score's: an account with an account-thresholds rule of its own is held to that rule.
    const own = choice.drawn.some((verdict) => verdict.rule?.minScore !== undefined) ? '; accounts marked † in the table have thresholds of their own' : '';
    return `${[...keys, `${THRESHOLD_COLOUR[1]} min-score ${minScore}${own}`].join(' · ')}.${notDrawn}`;
}
/** Mermaid strings cannot hold double quotes; backticks and line breaks would end the fence or the line. */
function chartText(name) {
    return name.replace(/["`]/g, "'").replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/%%/g, '% %');
}

// EXTERNAL MODULE: ./src/report/fixes.ts
var report_fixes = __webpack_require__(3773);
// EXTERNAL MODULE: ./src/report/phrases.ts
var phrases = __webpack_require__(4792);
// EXTERNAL MODULE: ./src/report/why.ts
var report_why = __webpack_require__(9952);
;// CONCATENATED MODULE: ./src/report/summary.ts













/** GitHub refuses a job summary over 1 MiB. */
const JOB_SUMMARY_LIMIT = { max: 1_000_000, measure: bytes/* byteLength */.d };
/**
 * GitHub refuses a check run's summary, a comment's body or an issue's body over 65,535 characters.
 * The room left is for what those sinks put before the report: the tracking issue's marker and
 * state take up to about 8,200 characters.
 */
const MARKDOWN_OUTPUT_LIMIT = { max: 57_000, measure: (text) => text.length };
const UNLIMITED = { max: Number.POSITIVE_INFINITY, measure: () => 0 };
const ICONS = { passed: '✅', failed: '❌', error: '⚠️', pending: '⏳' };
/** At risk: not ⚠️, which stands for a missing score, nor a coloured circle, which stands for an account in the chart. */
const AT_RISK = '🔶';
const STATUS_ICONS = { breach: '❌', error: '⚠️', pending: '⏳', missing: '⚠️', risk: AT_RISK, ok: '✅' };
const MISSING_ACCOUNTS = 20;
/** After the name of an account held to its own thresholds. */
const OWN_THRESHOLDS_MARK = '†';
const NBSP = '\u00a0';
const NOT_SHOWN = "to stay within GitHub's size limit; the `report-file` output has every record";
/**
 * Sections are kept, as the limit allows, in this order: the verdict, What to fix and what could
 * not be checked; the per-account table (worst accounts first); the chart; then as many accounts'
 * days as fit. Whatever is left out is said.
 */
function renderSummary(evaluation, config, limit = JOB_SUMMARY_LIMIT, wording = messages/* ACTION_WORDING */.Ge) {
    return new Summary(evaluation, config, wording).within(limit);
}
/**
 * One run's report, each piece made once, when a size limit first needs it, and put together
 * within any limit: the Action fits the same pieces into the job summary and the markdown output.
 */
class Summary {
    evaluation;
    config;
    wording;
    fixed;
    fixes;
    failureLines;
    accountRows;
    dayBlocks;
    dayBlockCount;
    chart;
    constructor(evaluation, config, wording = messages/* ACTION_WORDING */.Ge) {
        this.evaluation = evaluation;
        this.config = config;
        this.wording = wording;
        const style = { strong: (text) => `**${text}**`, literal: escapeMarkdown, wording };
        const head = `## ${ICONS[evaluation.result]} ${escapeMarkdown((0,report_verdict/* verdictLine */.MT)(evaluation, config))}\n\n${(0,phrases/* thresholdsLine */.hN)(config, style)}\n`;
        this.fixed = { head, risks: atRiskSection(evaluation, config, style), missing: missingSection(evaluation, config) };
        this.fixes = fixesPieces(evaluation, config, style);
        this.failureLines = new MadeOnce(failureLines(evaluation));
        const multiDay = config.from !== config.to;
        this.accountRows = new MadeOnce(mapped((0,accounts/* accountLines */.dZ)(evaluation.accounts, config.evaluate, config), (line) => `${accountRow(line, config.to, multiDay)}\n`));
        this.dayBlocks = new MadeOnce(dayBlocksOf(evaluation, config));
        this.dayBlockCount = dayBlockCount(evaluation, config);
    }
    within(limit) {
        const { head, risks, missing } = this.fixed;
        const fixed = [head, fixesSection(this.fixes, limit), risks, this.notCheckedSection(limit), missing].join('');
        if (this.evaluation.accounts.length === 0)
            return { markdown: `${fixed}\n_No accounts to show._\n`, omittedAccounts: 0 };
        let room = limit.max - limit.measure(fixed) - NOTE_ROOM;
        const table = this.accountsTable(limit, room);
        room -= limit.measure(table.markdown);
        this.chart ??= renderTrendChart(this.evaluation.accounts, this.config);
        const chart = this.chart;
        const chartFits = chart !== '' && limit.measure(chart) + 1 <= room;
        if (chartFits)
            room -= limit.measure(chart) + 1;
        const chartNote = chart !== '' && !chartFits ? `\n_The chart is left out ${NOT_SHOWN}._\n` : '';
        const daily = this.config.evaluate === 'all' ? this.dailySection(limit, room) : '';
        const markdown = `${fixed}${chartFits ? `\n${chart}` : chartNote}${table.markdown}${daily}`;
        return { markdown, omittedAccounts: table.omitted };
    }
    /** Accounts and listing days that could not be read, and why; at most a quarter of the limit, the rest counted. */
    notCheckedSection(limit) {
        const { failures } = this.evaluation;
        if (failures.length === 0)
            return '';
        const intro = '\n### Not checked\n\nThese could not be read, so their scores are not in the report:\n\n';
        const lines = [];
        let size = limit.measure(intro) + 200;
        for (const line of this.failureLines) {
            size += limit.measure(line) + 1;
            if (size > limit.max / 4)
                break;
            lines.push(line);
        }
        const more = failures.length - lines.length;
        if (more > 0)
            lines.push(`- _and ${more} more, listed in the \`report-file\` output_`);
        return `${intro}${lines.join('\n')}\n`;
    }
    /** The per-account table, worst first, with as many rows as fit in `room`. */
    accountsTable(limit, room) {
        const { config, wording } = this;
        const days = (0,dates/* daysBetween */.YM)(config.from, config.to) + 1;
        const headline = config.evaluate === 'average' ? 'Average' : 'Latest';
        const columns = [['Status', 'l'], ['Account', 'l'], [headline, 'r'], ['Lowest', 'r'], ...score_record/* METRICS */.Cb.map((metric) => [accounts/* SHORT_NAMES */.IY[metric], 'r']), ...(days > 1 ? [['Daily · trend', 'l']] : [])];
        const legend = tableLegend(config, days, wording);
        let markdown = `\n### Accounts\n\n${tableHead(columns)}\n`;
        let size = limit.measure(markdown) + limit.measure(legend);
        let shown = 0;
        for (const row of this.accountRows) {
            size += limit.measure(row);
            if (size > room)
                break;
            markdown += row;
            shown++;
        }
        const omitted = this.evaluation.accounts.length - shown;
        const note = omitted > 0 ? `\n_${(0,report_verdict/* plural */.LS)(omitted, 'more account')} not shown ${NOT_SHOWN}._\n` : '';
        return { markdown: `${markdown}\n${legend}${note}`, omitted };
    }
    /** As many accounts' folded days as fit in `room`; what is left out is said. */
    dailySection(limit, room) {
        let markdown = '\n### Daily scores\n';
        let left = room - limit.measure(markdown);
        let shown = 0;
        for (const block of this.dayBlocks) {
            const text = block.within({ ...limit, max: left });
            if (text === undefined)
                break;
            left -= limit.measure(text);
            markdown += text;
            shown++;
        }
        const blocks = this.dayBlockCount;
        if (shown === 0 && blocks > 0)
            return `\n_Daily scores are left out ${NOT_SHOWN}._\n`;
        const more = blocks - shown;
        return more > 0 ? `${markdown}\n_Daily scores of ${(0,report_verdict/* plural */.LS)(more, 'more block')} left out ${NOT_SHOWN}._\n` : markdown;
    }
}
/** Room kept for the notes that say what was left out. */
const NOTE_ROOM = 600;
/**
 * The items of `source`, each made when first read and then kept, so that reading them again
 * (within a larger limit) makes none twice.
 */
class MadeOnce {
    source;
    made = [];
    done = false;
    constructor(source) {
        this.source = source;
    }
    *[Symbol.iterator]() {
        for (let index = 0;; index++) {
            if (index === this.made.length && !this.pull())
                return;
            yield this.made[index];
        }
    }
    pull() {
        if (this.done)
            return false;
        const next = this.source.next();
        if (next.done)
            this.done = true;
        else
            this.made.push(next.value);
        return !this.done;
    }
}
function* mapped(items, map) {
    for (const item of items)
        yield map(item);
}
function* failureLines({ failures }) {
    for (const failure of failures)
        yield `- **${escapeMarkdown((0,collection/* failedSubject */.q)(failure))}** (${failure.outcome === 'pending' ? 'still pending' : 'error'}): ${escapeMarkdown(failure.message)}`;
}
/**
 * One entry per account in breach, worst first: what fails and when, then why (from SendGrid's
 * stats), then what usually fixes it. Advice given once is pointed to after that, so twenty
 * accounts with the same problem stay short.
 */
function fixesPieces(evaluation, config, style) {
    const { fixes, more } = (0,report_fixes/* fixesOf */.jv)(evaluation);
    const advice = (0,report_fixes/* adviceLines */.CY)(fixes, escapeMarkdown);
    const why = (0,report_why/* whyByAccount */.Pk)(evaluation.explanation, escapeMarkdown);
    const entries = fixes.map((fix, index) => ({
        head: `${accountName(fix)}: ${(0,report_fixes/* describeProblems */.yg)(fix.problems, config.evaluate, style)}.`,
        why: why(fix.account),
        advice: advice[index] ?? []
    }));
    return { entries, more, notes: (0,report_why/* explanationNotes */.vl)(evaluation.explanation, style.wording).map(escapeMarkdown) };
}
/**
 * What to fix as a numbered list, each entry's lines nested under it by the width of its number
 * (`10. ` needs four spaces, not three). The Why lines take at most a quarter of `limit`, the
 * worst accounts' first; those left out are counted.
 */
function fixesSection({ entries, more, notes }, limit) {
    if (entries.length === 0)
        return '';
    let whyRoom = limit.max / 4;
    let whyLeftOut = 0;
    const items = entries.map((entry, index) => {
        const marker = `${index + 1}. `;
        const nested = (line) => `${' '.repeat(marker.length)}- ${line}`;
        const why = entry.why.map(nested);
        const whySize = why.reduce((size, line) => size + limit.measure(line) + 1, 0);
        const fits = whyLeftOut === 0 && whySize <= whyRoom;
        if (fits)
            whyRoom -= whySize;
        else if (why.length > 0)
            whyLeftOut++;
        return [`${marker}${entry.head}`, ...(fits ? why : []), ...entry.advice.map(nested)].join('\n');
    });
    const rest = more > 0 ? `\n_…and ${(0,report_verdict/* plural */.LS)(more, 'more account')} below threshold; the table below lists every account._\n` : '';
    const leftOut = whyLeftOut > 0 ? [`Why lines of ${(0,report_verdict/* plural */.LS)(whyLeftOut, 'account')} are left out to stay within GitHub's size limit; the \`report-file\` output has them.`] : [];
    const said = [...notes, ...leftOut].map((note) => `\n_${note}_\n`).join('');
    const docs = `\nHow SendGrid scores each metric and how to raise it: [SendGrid Engagement Quality (SEQ) documentation](${advice/* SEQ_DOCS_URL */.W}).\n`;
    return `\n### What to fix\n\n${items.join('\n')}\n${rest}${said}${docs}`;
}
/** One line per account at risk, worst first: what is below its warning level, its value and level, and when. */
function atRiskSection(evaluation, config, style) {
    const { risks, more } = (0,report_fixes/* risksOf */.i7)(evaluation);
    if (risks.length === 0)
        return '';
    const entries = risks.map((risk) => `- ${accountName(risk)}: ${(0,report_fixes/* describeProblems */.yg)(risk.problems, config.evaluate, style)}.`);
    if (more > 0)
        entries.push(`- _…and ${(0,report_verdict/* plural */.LS)(more, 'more account')} at risk; the table below lists every account._`);
    return `\n### At risk\n\n${phrases/* AT_RISK_INTRO */.fA}\n\n${entries.join('\n')}\n`;
}
function accountName({ account, parent }) {
    return `**${escapeMarkdown(account)}**${parent ? ' (parent)' : ''}`;
}
function missingSection(evaluation, config) {
    if (config.missingScores === 'ignore')
        return '';
    const missing = evaluation.accounts.filter((verdict) => verdict.missing > 0);
    if (missing.length === 0)
        return '';
    const lines = missing.slice(0, MISSING_ACCOUNTS).map((verdict) => `- ${accountName(verdict)}: ${(0,phrases/* missingText */.qq)(verdict, config, escapeMarkdown)}`);
    if (missing.length > MISSING_ACCOUNTS)
        lines.push(`- _and ${(0,report_verdict/* plural */.LS)(missing.length - MISSING_ACCOUNTS, 'more account')}_`);
    const intro = `No score came back for these. ${phrases/* NOT_ELIGIBLE */.Qo}`;
    return `\n### Missing scores\n\n${intro}\n\n${lines.join('\n')}\n`;
}
/** The latest score carries its day only when that is not the last day of the range. */
function accountRow(line, lastDay, multiDay) {
    const status = `${STATUS_ICONS[line.status]}${line.statusDetail ? ` ${line.statusDetail}` : ''}`;
    const account = `${escapeMarkdown(line.account)}${line.parent ? `${NBSP}_(parent)_` : ''}${line.ownThresholds ? `${NBSP}${OWN_THRESHOLDS_MARK}` : ''}`;
    // A score in breach is bold, one at risk italic: the status says so already, and a mark would widen two columns.
    const dated = (value, always) => {
        if (value === undefined)
            return '–';
        const day = (0,accounts/* dayBeside */.fU)(value, lastDay, always);
        return `${value.breached ? `**${value.value}**` : value.atRisk ? `_${value.value}_` : value.value}${day === undefined ? '' : `${NBSP}${day}`}`;
    };
    const metrics = score_record/* METRICS */.Cb.map((metric) => (line.metrics[metric] === undefined ? '–' : marked(line.metrics[metric])));
    const notRead = line.status === 'error' || line.status === 'pending';
    const daily = !multiDay ? [] : notRead ? ['–'] : [`${trendArrow(line)}\`${(0,accounts/* sparkline */.KM)(line.daily)}\``];
    return tableRow([status, account, dated(line.headline, false), dated(line.lowest, true), ...metrics, ...daily]);
}
/** Before the bars, where a reader looks first and a narrow page never hides it. */
function trendArrow({ trend }) {
    return trend === undefined ? '' : `${accounts/* TREND_ARROWS */.Bp[trend.direction]}${NBSP}`;
}
function marked({ value, breached, atRisk }) {
    return breached ? `**${value}** ❌` : atRisk ? `${value} ${AT_RISK}` : String(value);
}
function tableLegend(config, days, wording) {
    const lastDay = config.to;
    const headline = {
        all: `Latest: the score on the latest scored day (its date when before ${lastDay})`,
        latest: `Latest: the score judged, on the latest scored day (its date when before ${lastDay})`,
        average: 'Average: the mean score over the range, which is judged'
    }[config.evaluate];
    const metricsAre = config.evaluate === 'all' ? 'each metric’s lowest score in the range' : config.evaluate === 'latest' ? 'each metric on the latest scored day' : 'each metric’s mean';
    const names = score_record/* METRICS */.Cb.map((metric) => `${accounts/* SHORT_NAMES */.IY[metric]} = ${report_verdict/* METRIC_NAMES */.Uw[metric]}`).join(', ');
    const daily = days > 1
        ? ` Daily · trend: the trend of a line fitted to every scored day (↗ up, ↘ down, → flat, ↕ varies), then ${(0,accounts/* barsText */.kN)(days)}, higher for a higher score, ${accounts/* NO_SCORE_MARK */.vt} without one.`
        : '';
    const warns = (0,phrases/* warnsAtAll */.Uw)(config);
    const atRisk = `at risk (${phrases/* AT_RISK_MEANS */.R9})`;
    const riskDays = warns ? `${AT_RISK} days ${atRisk}, ` : '';
    const status = config.evaluate === 'all' ? `Status: ❌ days below threshold, ${riskDays}⚠️ days without a score. ` : warns ? `Status: ${AT_RISK} ${atRisk}. ` : '';
    const risky = warns ? ` _Italic_, ${AT_RISK}: below its warning level.` : '';
    const own = (config.accountThresholds ?? []).length > 0 ? ` ${OWN_THRESHOLDS_MARK}: held to its own thresholds (${wording.setting('account-thresholds')}).` : '';
    return `${status}${headline}. Lowest: the lowest daily score. ${(0,phrases/* capitalized */.l2)(metricsAre)} (${names}). **Bold**, ❌: below its threshold.${risky}${own}${daily}\n`;
}
/**
 * Under `all`, each account in breach or missing a day gets its days in a folded block that says
 * what happened; the other accounts' days share one block.
 */
function* dayBlocksOf(evaluation, config) {
    // Each block is made, and its rows judged, when it is first shown: blocks that do not fit are never made.
    for (const verdict of evaluation.accounts)
        if (hasOwnDayBlock(verdict, config))
            yield new DayBlock(`${escapeHtml(verdict.account)}: ${dayBlockTitle(verdict)}`, rowsOf([verdict]));
    const others = sharingDayBlock(evaluation, config);
    const [only] = others;
    if (others.length === 1 && only)
        yield new DayBlock(escapeHtml(only.account), only.rows());
    else if (others.length > 1)
        yield new DayBlock(`The other ${others.length} accounts`, rowsOf(others), true);
}
/** How many blocks dayBlocksOf makes, counted without making them. */
function dayBlockCount(evaluation, config) {
    const own = evaluation.accounts.filter((verdict) => hasOwnDayBlock(verdict, config)).length;
    return own + (sharingDayBlock(evaluation, config).length > 0 ? 1 : 0);
}
function hasOwnDayBlock(verdict, config) {
    return verdict.breaches > 0 || verdict.warnings > 0 || (config.missingScores !== 'ignore' && verdict.missing > 0);
}
/** The accounts whose days share one block: read, and nothing to say about any of their days. */
function sharingDayBlock(evaluation, config) {
    return evaluation.accounts.filter((verdict) => !verdict.failure && !hasOwnDayBlock(verdict, config));
}
/** The days of some accounts, folded under a title; each row is made once, when a limit first reaches it. */
class DayBlock {
    head;
    lines;
    constructor(title, rows, withAccount = false) {
        const columns = [...(withAccount ? [['Account', 'l']] : []), ['Date', 'l'], ['Score', 'r'], ...score_record/* METRICS */.Cb.map((metric) => [accounts/* SHORT_NAMES */.IY[metric], 'r']), ['Status', 'l']];
        this.head = `\n<details><summary>${title}</summary>\n\n${tableHead(columns)}\n`;
        this.lines = new MadeOnce(mapped(rows, (row) => `${tableRow([...(withAccount ? [escapeMarkdown(row.account)] : []), ...dayCells(row)])}\n`));
    }
    /** The block, or undefined when it does not fit in `limit`: its rows are made only until then. */
    within(limit) {
        const tail = '\n</details>\n';
        let text = this.head;
        let size = limit.measure(this.head) + limit.measure(tail);
        for (const line of this.lines) {
            size += limit.measure(line);
            if (size > limit.max)
                return undefined;
            text += line;
        }
        return `${text}${tail}`;
    }
}
function* rowsOf(verdicts) {
    for (const verdict of verdicts)
        yield* verdict.rows();
}
function dayBlockTitle(verdict) {
    const parts = [
        verdict.below > 0 ? `${verdict.below} of ${(0,report_verdict/* plural */.LS)(verdict.judged, 'day')} below threshold` : '',
        verdict.worstBreaches.some((breach) => breach.metric === 'drop') ? 'dropped from its best' : '',
        // An account in breach is not at risk, it fails: its days mark the values below a warning level.
        verdict.atRisk && verdict.belowWarning > 0 ? `${verdict.belowWarning} of ${(0,report_verdict/* plural */.LS)(verdict.judged, 'day')} at risk` : '',
        verdict.atRisk && verdict.worstWarnings.some((warning) => warning.metric === 'drop') ? 'at risk of a drop from its best' : '',
        verdict.missing > 0 ? `no score on ${verdict.missing} of ${(0,report_verdict/* plural */.LS)(verdict.judged, 'day')}` : ''
    ];
    return parts.filter(Boolean).join(', ');
}
function dayCells(row) {
    const breached = new Set(row.breaches.map((breach) => breach.metric));
    const warned = new Set(row.warnings.map((warning) => warning.metric));
    const cell = (subject, value) => (value === undefined ? '–' : marked({ value, breached: breached.has(subject), atRisk: warned.has(subject) }));
    const status = row.breaches.length > 0 ? '❌' : row.missing ? '⚠️ no score' : row.warnings.length > 0 ? AT_RISK : '✅';
    return [row.date, cell('score', row.score), ...score_record/* METRICS */.Cb.map((metric) => cell(metric, row.metrics?.[metric])), status];
}


/***/ }),

/***/ 5655:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ renderText)
/* harmony export */ });
/* unused harmony export printable */
/* harmony import */ var _dates_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7718);
/* harmony import */ var _records_collection_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9700);
/* harmony import */ var _records_score_record_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1992);
/* harmony import */ var _accounts_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6772);
/* harmony import */ var _fixes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3773);
/* harmony import */ var _phrases_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4792);
/* harmony import */ var _verdict_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(687);
/* harmony import */ var _why_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9952);








const ANSI = { red: 31, green: 32, yellow: 33, bold: 1, dim: 2 };
const STATUS_MARKS = {
    breach: ['✗', 'red'],
    error: ['!', 'yellow'],
    pending: ['…', 'yellow'],
    missing: ['!', 'yellow'],
    risk: ['◆', 'yellow'],
    ok: ['✓', 'green']
};
const VERDICT_COLOURS = { passed: 'green', failed: 'red', error: 'yellow', pending: 'yellow' };
const METRIC_TITLES = _records_score_record_js__WEBPACK_IMPORTED_MODULE_5__/* .METRICS */ .Cb.map((metric) => _accounts_js__WEBPACK_IMPORTED_MODULE_0__/* .SHORT_NAMES */ .IY[metric].toUpperCase());
const COLUMN_TITLES = ['STATUS', 'ACCOUNT', 'LATEST', 'LOWEST', ...METRIC_TITLES, 'TREND', 'DAILY'];
/** Columns of numbers, aligned to the right. */
const NUMERIC = new Set(['LATEST', 'LOWEST', ...METRIC_TITLES]);
const LISTED = 20;
function renderText(evaluation, config, { colour, wording }) {
    const paint = colour ? (text, name) => `\u001b[${ANSI[name]}m${text}\u001b[0m` : (text) => text;
    const style = { strong: (text) => paint(text, 'bold'), literal: (text) => text, wording };
    const sections = [
        `${paint((0,_verdict_js__WEBPACK_IMPORTED_MODULE_3__/* .verdictLine */ .MT)(evaluation, config), VERDICT_COLOURS[evaluation.result])}\n${(0,_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .thresholdsLine */ .hN)(config, style)}\n`,
        fixes(evaluation, config, style),
        atRisk(evaluation, config, style),
        notChecked(evaluation),
        missing(evaluation, config),
        accountsTable(evaluation, config, paint)
    ];
    return sections.filter(Boolean).join('\n');
}
/** Each account in breach, worst first: what fails, why (SendGrid's stats), then the advice, each under its number. */
function fixes(evaluation, config, style) {
    const { fixes: entries, more } = (0,_fixes_js__WEBPACK_IMPORTED_MODULE_1__/* .fixesOf */ .jv)(evaluation);
    if (entries.length === 0)
        return '';
    const advice = (0,_fixes_js__WEBPACK_IMPORTED_MODULE_1__/* .adviceLines */ .CY)(entries, printable);
    const why = (0,_why_js__WEBPACK_IMPORTED_MODULE_4__/* .whyByAccount */ .Pk)(evaluation.explanation, printable);
    const lines = entries.flatMap((fix, index) => {
        const marker = `  ${index + 1}. `;
        const under = [...why(fix.account), ...(advice[index] ?? [])];
        return [`${marker}${style.strong(fix.account)}${fix.parent ? ' (parent)' : ''}: ${(0,_fixes_js__WEBPACK_IMPORTED_MODULE_1__/* .describeProblems */ .yg)(fix.problems, config.evaluate, style)}.`, ...under.map((line) => `${' '.repeat(marker.length)}${line}`)];
    });
    if (more > 0)
        lines.push(`  …and ${(0,_verdict_js__WEBPACK_IMPORTED_MODULE_3__/* .plural */ .LS)(more, 'more account')} below threshold; the table below lists every account.`);
    lines.push(...(0,_why_js__WEBPACK_IMPORTED_MODULE_4__/* .explanationNotes */ .vl)(evaluation.explanation, style.wording).map((note) => `  ${note}`));
    return `What to fix\n${lines.join('\n')}\n`;
}
function atRisk(evaluation, config, style) {
    const { risks, more } = (0,_fixes_js__WEBPACK_IMPORTED_MODULE_1__/* .risksOf */ .i7)(evaluation);
    if (risks.length === 0)
        return '';
    const lines = risks.map((risk) => `  ${style.strong(risk.account)}${risk.parent ? ' (parent)' : ''}: ${(0,_fixes_js__WEBPACK_IMPORTED_MODULE_1__/* .describeProblems */ .yg)(risk.problems, config.evaluate, style)}.`);
    if (more > 0)
        lines.push(`  …and ${(0,_verdict_js__WEBPACK_IMPORTED_MODULE_3__/* .plural */ .LS)(more, 'more account')} at risk; the table below lists every account.`);
    return `At risk\n${lines.join('\n')}\n  ${_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .AT_RISK_INTRO */ .fA}\n`;
}
function notChecked({ failures }) {
    if (failures.length === 0)
        return '';
    const lines = failures.slice(0, LISTED).map((failure) => `  ${(0,_records_collection_js__WEBPACK_IMPORTED_MODULE_6__/* .failedSubject */ .q)(failure)} (${failure.outcome === 'pending' ? 'still pending' : 'error'}): ${failure.message}`);
    if (failures.length > LISTED)
        lines.push(`  …and ${failures.length - LISTED} more; --format json lists them all.`);
    return `Not checked\n${lines.join('\n')}\n`;
}
function missing(evaluation, config) {
    if (config.missingScores === 'ignore')
        return '';
    const accounts = evaluation.accounts.filter((verdict) => verdict.missing > 0);
    if (accounts.length === 0)
        return '';
    const lines = accounts.slice(0, LISTED).map((verdict) => `  ${verdict.account}: ${(0,_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .missingText */ .qq)(verdict, config, (text) => text)}`);
    if (accounts.length > LISTED)
        lines.push(`  …and ${(0,_verdict_js__WEBPACK_IMPORTED_MODULE_3__/* .plural */ .LS)(accounts.length - LISTED, 'more account')}`);
    return `Missing scores\n${lines.join('\n')}\n  ${_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .NOT_ELIGIBLE */ .Qo}\n`;
}
function accountsTable(evaluation, config, paint) {
    if (evaluation.accounts.length === 0)
        return '';
    const multiDay = config.from !== config.to;
    const titles = COLUMN_TITLES.filter((title) => multiDay || (title !== 'DAILY' && title !== 'TREND'));
    const rows = [...(0,_accounts_js__WEBPACK_IMPORTED_MODULE_0__/* .accountLines */ .dZ)(evaluation.accounts, config.evaluate, config)].map((line) => cellsOf(line, config.to, paint));
    const widths = titles.map((_, column) => Math.max(titles[column]?.length ?? 0, ...rows.map((row) => visibleLength(row[column] ?? ''))));
    const align = (cells) => cells
        .map((cell, column) => pad(cell, widths[column] ?? 0, NUMERIC.has(titles[column] ?? '')))
        .join('  ')
        .trimEnd();
    const headline = config.evaluate === 'average' ? 'LATEST is the average over the range' : 'LATEST is the latest scored day';
    const daily = multiDay ? `; DAILY ${(0,_accounts_js__WEBPACK_IMPORTED_MODULE_0__/* .barsText */ .kN)((0,_dates_js__WEBPACK_IMPORTED_MODULE_7__/* .daysBetween */ .YM)(config.from, config.to) + 1)}` : '';
    const risk = (0,_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .warnsAtAll */ .Uw)(config) ? `; ◆ at risk (${_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .AT_RISK_MEANS */ .R9})` : '';
    const legend = `${headline}; ${_records_score_record_js__WEBPACK_IMPORTED_MODULE_5__/* .METRICS */ .Cb.map((metric, index) => `${METRIC_TITLES[index]} ${_verdict_js__WEBPACK_IMPORTED_MODULE_3__/* .METRIC_NAMES */ .Uw[metric]}`).join(', ')}${daily}; ✗ below threshold${risk}.`;
    return `Accounts\n${[titles, ...rows].map((cells) => `  ${align(cells)}`).join('\n')}\n${paint(legend, 'dim')}\n`;
}
/** The latest score carries its day only when that is not the last day of the range, as in the Markdown table. */
function cellsOf(line, lastDay, paint) {
    const multiDay = line.daily.length > 1;
    const [mark, colour] = STATUS_MARKS[line.status];
    const status = paint(`${mark}${line.statusDetail ? ` ${line.statusDetail}` : ''}`, colour);
    const value = (marked) => {
        if (marked === undefined)
            return '–';
        if (marked.breached)
            return paint(`${marked.value}✗`, 'red');
        return marked.atRisk ? paint(`${marked.value}◆`, 'yellow') : String(marked.value);
    };
    const dated = (marked, always) => {
        const day = marked && (0,_accounts_js__WEBPACK_IMPORTED_MODULE_0__/* .dayBeside */ .fU)(marked, lastDay, always);
        return day === undefined ? value(marked) : `${value(marked)} ${day}`;
    };
    const notRead = line.status === 'error' || line.status === 'pending';
    const daily = multiDay ? [(0,_accounts_js__WEBPACK_IMPORTED_MODULE_0__/* .trendText */ .td)(line.trend) || '–', notRead ? '–' : (0,_accounts_js__WEBPACK_IMPORTED_MODULE_0__/* .sparkline */ .KM)(line.daily)] : [];
    const account = `${line.account}${line.parent ? ' (parent)' : ''}${line.ownThresholds ? ' †' : ''}`;
    return [status, account, dated(line.headline, false), dated(line.lowest, true), ..._records_score_record_js__WEBPACK_IMPORTED_MODULE_5__/* .METRICS */ .Cb.map((metric) => value(line.metrics[metric])), ...daily];
}
/** Characters a terminal shows: colour codes take no room. */
function visibleLength(text) {
    // eslint-disable-next-line no-control-regex
    return [...text.replace(/\u001b\[\d+m/g, '')].length;
}
function pad(text, width, right) {
    const room = ' '.repeat(Math.max(width - visibleLength(text), 0));
    return right ? `${room}${text}` : `${text}${room}`;
}
/**
 * Text from outside (a sender's category names, SendGrid's messages) on one line without control
 * characters: a line break or an escape in a name must not start a line of its own in a log (where
 * `::error::` is a workflow command) nor colour a terminal.
 */
function printable(text) {
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}


/***/ }),

/***/ 687:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   MT: () => (/* binding */ verdictLine),
/* harmony export */   Uw: () => (/* binding */ METRIC_NAMES),
/* harmony export */   ly: () => (/* binding */ TITLE)
/* harmony export */ });
/* unused harmony exports describeBreach, describeWarning */
/* harmony import */ var _gate_evaluate_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2748);
/* harmony import */ var _records_score_record_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1992);



const TITLE = 'SendGrid engagement quality';
/** How each metric is named in sentences. */
const METRIC_NAMES = {
    score: 'score',
    engagement_recency: 'engagement recency',
    open_rate: 'open rate',
    bounce_classification: 'bounce classification',
    bounce_rate: 'bounce rate',
    spam_rate: 'spam rate',
    drop: 'drop from best'
};
const SUBJECTS = ['score', ..._records_score_record_js__WEBPACK_IMPORTED_MODULE_1__/* .METRICS */ .Cb];
/**
 * One line that says what happened, for the log, the step's failure and the summary heading. Each
 * kind of breach is counted apart (`2 of 51 accounts below threshold: score on 4 days in 2 accounts,
 * spam rate on 2 days in 1 account`), then drops, missing scores, what could not be read and the
 * accounts at risk.
 */
function verdictLine(evaluation, config) {
    const { result, accounts, failures, lowestScore, atRisk } = evaluation;
    const lowest = lowestScore === undefined ? '' : `, lowest score ${lowestScore}`;
    const risk = atRisk > 0 ? [`${someOf(atRisk, accounts.length)} at risk`] : [];
    const parts = [...breachParts(evaluation, config.evaluate), ...missingParts(evaluation, config), ...failureParts(failures), ...risk];
    const unscored = accounts.filter((verdict) => !verdict.failure && verdict.missing === verdict.judged && verdict.judged > 0).length;
    switch (result) {
        case 'passed':
            return `${TITLE} passed: ${plural(accounts.length - unscored, 'account')} at or above threshold${atRisk > 0 ? `, ${atRisk} at risk` : ''}${unscored > 0 ? `, ${unscored} without a score` : ''}${lowest}`;
        case 'failed':
            return `${TITLE} failed: ${parts.join('; ')}${lowest.replace(',', ';')}`;
        case 'error':
            return `${TITLE} could not be checked: ${parts.join('; ')}`;
        case 'pending':
            return `${TITLE} still pending: SendGrid had not finished computing scores (${parts.join('; ')})`;
    }
}
function breachParts({ accounts }, mode) {
    const kinds = SUBJECTS.flatMap((subject) => {
        const breaching = accounts.filter((verdict) => verdict.breachCounts[subject] !== undefined);
        if (breaching.length === 0)
            return [];
        const what = mode === 'average' ? `average ${METRIC_NAMES[subject]}` : METRIC_NAMES[subject];
        const days = mode === 'all' ? ` on ${plural((0,_gate_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .sumOf */ .XN)(breaching, (verdict) => verdict.breachCounts[subject] ?? 0), 'day')}` : '';
        return [`${what}${days}${accounts.length === 1 ? '' : ` in ${plural(breaching.length, 'account')}`}`];
    });
    const below = accounts.filter((verdict) => verdict.below > 0).length;
    const parts = below > 0 ? [`${someOf(below, accounts.length)} below threshold: ${kinds.join(', ')}`] : [];
    const drops = accounts.flatMap((verdict) => verdict.worstBreaches.filter((breach) => breach.metric === 'drop'));
    if (drops.length > 0)
        parts.push(`${someOf(drops.length, accounts.length)} fell ${drops[0]?.threshold} or more below ${drops.length === 1 ? 'its' : 'their'} best score`);
    return parts;
}
/** Missing scores count in the verdict only where they fail it. */
function missingParts({ accounts, missing }, { evaluate: mode, missingScores }) {
    if (missingScores !== 'fail' || missing.length === 0)
        return [];
    const without = accounts.filter((verdict) => verdict.missing > 0).length;
    if (mode !== 'all')
        return [`${someOf(without, accounts.length)} without a score`];
    return [`no score on ${plural(missing.length, 'day')} in ${someOf(without, accounts.length)}`];
}
/** Accounts and listing days apart: "1 account not read" never stands for a day of the listing. */
function failureParts(failures) {
    const accounts = failures.filter((failure) => failure.account !== undefined).length;
    const days = failures.length - accounts;
    return [
        ...(accounts > 0 ? [`${plural(accounts, 'account')} not read`] : []),
        ...(days > 0 ? [`the subuser listing not read on ${plural(days, 'day')}`] : [])
    ];
}
/** `2 of 51 accounts`, or `1 account` when only one was checked. */
function someOf(count, total) {
    return total === 1 ? plural(count, 'account') : `${count} of ${plural(total, 'account')}`;
}
function plural(count, noun) {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
/** `newsletters: score is 2 on 2026-11-24, below 3`: one breach in a sentence, for annotations. */
function describeBreach(breach) {
    return describeFinding(breach, `below ${breach.threshold}`, `max-drop ${breach.threshold}`);
}
/** `newsletters: score is 3.5 on 2026-11-24, below its warning level 4`: one warning in a sentence. */
function describeWarning(warning) {
    return describeFinding(warning, `below its warning level ${warning.level}`, `warn-drop ${warning.level}`);
}
function describeFinding(finding, below, dropLevel) {
    if (finding.best) {
        const latest = round2(finding.best.score - finding.value);
        return `${finding.account}: score fell to ${latest} on ${finding.date}, ${finding.value} below its best of ${finding.best.score} on ${finding.best.date} (${dropLevel})`;
    }
    const when = finding.date.includes('..') ? `averages ${finding.value} over ${finding.date.replace('..', ' to ')}` : `is ${finding.value} on ${finding.date}`;
    return `${finding.account}: ${METRIC_NAMES[finding.metric]} ${when}, ${below}`;
}


/***/ }),

/***/ 9952:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O$: () => (/* binding */ statsAccessNotice),
/* harmony export */   Pk: () => (/* binding */ whyByAccount),
/* harmony export */   f5: () => (/* binding */ explanationDocument),
/* harmony export */   vl: () => (/* binding */ explanationNotes)
/* harmony export */ });
/* unused harmony exports COUNTS_BELOW, STATS_ACCESS, whyLines, gapLines, whyLine, rateParts, percent */
/* harmony import */ var _dates_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7718);
/* harmony import */ var _gate_explain_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9740);
/* harmony import */ var _fixes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3773);
/* harmony import */ var _phrases_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4792);
/* harmony import */ var _verdict_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(687);





/**
 * Why a score fell, in words every format shares: under an explained account's entry in What to
 * fix, a `Why:` line per breaching metric (the stat behind it in the breach days against the days
 * before, the mailbox providers and the categories that carry it) and a line per part of the stats
 * SendGrid could not give; beneath the list, how many accounts were not explained and whether the
 * key lacks Stats read access. `literal` makes text from outside (names, SendGrid's messages) safe.
 *
 * Dates are whole and ASCII, as everywhere in the report, so that a reader finds and copies them.
 * A rate is shown only from a denominator of COUNTS_BELOW or more; below it, the counts are.
 */
/**
 * Below this many messages a rate is shown as its counts (`3 of 40 delivered`): one message would
 * move it by 0.1 point or more, as far as Gmail's whole spam budget, so a percentage would claim a
 * precision the counts lack. No rate at all comes from a denominator of 0.
 */
const COUNTS_BELOW = 1000;
/** Where SendGrid grants the access the explanation needs. */
const STATS_ACCESS = 'Settings → API Keys → Stats: Read';
const STAT_WORDS = {
    requests: ['request', 'requests'],
    delivered: ['delivered', 'delivered'],
    bounces: ['bounce', 'bounces'],
    blocks: ['block', 'blocks'],
    spam_reports: ['spam report', 'spam reports'],
    unique_opens: ['unique open', 'unique opens'],
    unique_clicks: ['unique click', 'unique clicks']
};
/** What a denominator of 0 means, said instead of a rate. */
const NONE_OF = {
    requests: 'no requests',
    delivered: 'nothing delivered',
    bounces: 'no bounces',
    blocks: 'no blocks',
    spam_reports: 'no spam reports',
    unique_opens: 'no opens',
    unique_clicks: 'no clicks'
};
const PART_NAMES = {
    daily: 'daily stats',
    providers: 'mailbox providers',
    categories: 'categories'
};
/** How many accounts a run explains at most, as the report says it. */
const AT_MOST = `at most ${_gate_explain_js__WEBPACK_IMPORTED_MODULE_0__/* .EXPLAINED_ACCOUNTS */ .Cn} per run`;
/** Each account's Why lines (see whyLines), by the name What to fix gives it; none for an account not explained. */
function whyByAccount(explanation, literal) {
    const explained = new Map((explanation?.accounts ?? []).map((account) => [account.account, account]));
    const accessDenied = explanation?.accessDenied ?? false;
    return (name) => {
        const account = explained.get(name);
        return account ? whyLines(account, literal, accessDenied) : [];
    };
}
/**
 * An account's lines under its entry: `Why: …` per metric that has anything to say, then what
 * SendGrid could not give, a line per cause. A refused access is said once beneath the list, not
 * per account.
 */
function whyLines(account, literal, accessDenied = false) {
    const gaps = account.gaps.filter((gap) => !(accessDenied && gap.reason === 'access'));
    const said = account.metrics.filter((metric) => metric.measures.length > 0 || metric.providers.length > 0 || metric.categories.length > 0);
    return [...said.map((metric) => whyLine(metric, account, literal)), ...gapLines(gaps, literal)];
}
/**
 * `Mailbox providers not available: SendGrid answered 500.`; parts that failed alike share a line
 * (`Daily stats, mailbox providers and categories not available: …`), with the first one's words.
 */
function gapLines(gaps, literal) {
    const alike = new Map();
    for (const gap of gaps) {
        const key = JSON.stringify([gap.reason, gap.cause]);
        alike.set(key, [...(alike.get(key) ?? []), gap]);
    }
    return [...alike.values()].map((group) => {
        const [first] = group;
        const parts = (0,_fixes_js__WEBPACK_IMPORTED_MODULE_1__/* .listed */ .KE)(group.map((gap) => PART_NAMES[gap.part]));
        return `${(0,_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .capitalized */ .l2)(parts)} not available: ${literal(first.message.replace(/\.\s*$/, ''))}.`;
    });
}
/**
 * `Why: spam reports 0.45% of delivered (236 of 52,000) from 2026-11-26 to 2026-11-27, against
 * 0.040% in the 7 days before; by provider: Gmail 0.52% (41 of 7,900; was 0.050%), Yahoo 0.082% (9
 * of 11,000); by category: weekly-deals 38 of the 236 spam reports, receipts 9.`
 */
function whyLine(metric, account, literal) {
    const [first, ...others] = metric.measures;
    const missing = (part) => account.gaps.some((gap) => gap.part === part);
    // Without the account's totals (a gap says why), the providers and categories still tell where the stat rose.
    const counted = first ?? _gate_explain_js__WEBPACK_IMPORTED_MODULE_0__/* .MEASURED */ .l0[metric.metric][0];
    const segments = [providersText(metric, counted, first?.window.count, missing('providers'), literal), categoriesText(metric, counted, first?.window.count, missing('categories'), literal)];
    if (first === undefined)
        return `Why: ${STAT_WORDS[counted.stat][1]} ${when(account.window)}: ${segments.filter(Boolean).join('; ')}.`;
    const before = `the ${daysBefore(account.baseline)} before`;
    const measures = [
        `${measureText(first)} ${when(account.window)}${baselineText(first, ` in ${before}`)}`,
        ...others.map((measure) => `${measureText(measure)}${baselineText(measure, '')}`)
    ];
    const nearest = metric.nearest ? `${_verdict_js__WEBPACK_IMPORTED_MODULE_3__/* .METRIC_NAMES */ .Uw[metric.metric]} has no SendGrid stat of its own, the nearest are ` : '';
    const parts = [`${nearest}${measures.join('; ')}`, first.baseline === undefined ? `SendGrid returned no stats for ${before}` : '', ...segments];
    return `Why: ${parts.filter(Boolean).join('; ')}.`;
}
/** `spam reports 0.45% of delivered (236 of 52,000)`, `3 spam reports, nothing delivered`. */
function measureText(measure) {
    const { text, counts } = rateParts(measure.window, measure, true);
    if (!hasRate(measure.window))
        return text;
    return `${STAT_WORDS[measure.stat][1]} ${text}${counts ? ` (${counts})` : ''}`;
}
/** `, against 0.040% in the 7 days before`; nothing when SendGrid gave no stats for them (the line says so once). */
function baselineText({ baseline, per, stat }, inBefore) {
    if (baseline === undefined)
        return '';
    return `, against ${rateParts(baseline, { per, stat }, false).text}${inBefore}`;
}
/**
 * `by provider: Gmail 0.52% (41 of 7,900; was 0.050%), Yahoo 0.082% (9 of 11,000)`; empty when the
 * providers could not be had (a gap says so) or nothing was counted.
 */
function providersText({ providers }, counted, total, failed, literal) {
    if (failed)
        return '';
    if (_gate_explain_js__WEBPACK_IMPORTED_MODULE_0__/* .FEWER_IS_WORSE */ .k3.includes(counted.stat))
        return providers.length === 0 ? '' : `fell most at ${providers.map((provider) => segmentText(provider, counted, literal)).join(', ')}`;
    if (providers.length === 0)
        return total !== undefined && total > 0 ? 'SendGrid named no mailbox provider' : '';
    return `by provider: ${providers.map((provider) => segmentText(provider, counted, literal)).join(', ')}`;
}
/** `Gmail 0.52% (41 of 7,900; was 0.050%)`, `Yahoo 3 of 40 (was 0 of 31)`. */
function segmentText({ name, window, baseline }, counted, literal) {
    const { text, counts } = rateParts(window, counted, false);
    const notes = [counts, baseline && `was ${rateParts(baseline, counted, false).text}`].filter(Boolean);
    return `${literal(name)} ${text}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
}
/**
 * `by category: weekly-deals 38 of the 236 spam reports, receipts 9`; `none of them in a category`
 * when the sender sets none or no category carries the stat; the share of the whole only where the whole is known.
 */
function categoriesText({ categories }, { stat }, total, failed, literal) {
    if (failed)
        return '';
    if (categories.length === 0)
        return total !== undefined && total > 0 ? 'none of them in a category' : '';
    const [first, ...rest] = categories;
    // The stat named once, after the first category.
    const most = total !== undefined && first.window.count <= total ? `${count(first.window.count)} of the ${count(total)} ${statWord(stat, total)}` : `${count(first.window.count)} ${statWord(stat, first.window.count)}`;
    const others = rest.map((category) => `${literal(category.name)} ${count(category.window.count)}`);
    return `by category: ${[`${literal(first.name)} ${most}`, ...others].join(', ')}`;
}
/**
 * A rate as a reader can trust it: `0.45%` with its counts `236 of 52,000` apart; below
 * COUNTS_BELOW the counts alone, `3 of 40`; from a denominator of 0 no rate: `2 spam reports,
 * nothing delivered`. `long` names what it is counted against (`0.45% of delivered`), and what
 * was not counted (`no spam reports, nothing delivered`).
 */
function rateParts(rate, { per, stat }, long) {
    if (!hasRate(rate)) {
        const counted = rate.count > 0 ? `${count(rate.count)} ${statWord(stat, rate.count)}` : long ? NONE_OF[stat] : undefined;
        return { text: counted === undefined ? NONE_OF[per] : `${counted}, ${NONE_OF[per]}` };
    }
    const counts = `${count(rate.count)} of ${count(rate.of)}`;
    const against = long ? ` ${STAT_WORDS[per][1]}` : '';
    if (rate.of < COUNTS_BELOW)
        return { text: `${counts}${against}` };
    return { text: `${percent(rate.rate)}${long ? ' of' : ''}${against}`, counts };
}
function hasRate(rate) {
    return rate.of > 0 && rate.rate !== undefined && Number.isFinite(rate.rate);
}
function statWord(stat, amount) {
    return STAT_WORDS[stat][amount === 1 ? 0 : 1];
}
const COUNT = new Intl.NumberFormat('en-US');
const SMALL_PERCENT = new Intl.NumberFormat('en-US', { minimumSignificantDigits: 2, maximumSignificantDigits: 2 });
const LARGE_PERCENT = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** `7,900`. */
function count(amount) {
    return COUNT.format(amount);
}
/** Two significant digits below 10% (`0.45%`, `0.90%`, `0.0021%`), one decimal from there (`12.3%`). */
function percent(rate) {
    const points = rate * 100;
    // Chosen on the value as rounded: 9.97 has two significant digits only as 10.0.
    return `${(points < 9.95 ? SMALL_PERCENT : LARGE_PERCENT).format(points)}%`;
}
/** `on 2026-11-27`, `from 2026-11-26 to 2026-11-27`: whole dates, which a reader can find and copy. */
function when({ from, to }) {
    return from === to ? `on ${from}` : `from ${from} to ${to}`;
}
/** `7 days`, `day`. */
function daysBefore({ from, to }) {
    const days = (0,_dates_js__WEBPACK_IMPORTED_MODULE_4__/* .daysBetween */ .YM)(from, to) + 1;
    return days === 1 ? 'day' : (0,_verdict_js__WEBPACK_IMPORTED_MODULE_3__/* .plural */ .LS)(days, 'day');
}
/** Beneath What to fix: how many accounts in breach were not explained, and the access the explanation needs. */
function explanationNotes(explanation, wording) {
    if (explanation === undefined)
        return [];
    const { notExplained, accessDenied } = explanation;
    const more = notExplained > 0 ? [`${(0,_verdict_js__WEBPACK_IMPORTED_MODULE_3__/* .plural */ .LS)(notExplained, 'more account')} in breach ${notExplained === 1 ? 'was' : 'were'} not explained (${AT_MOST}).`] : [];
    return [...more, ...(accessDenied ? [accessNeeded(wording)] : [])];
}
/** What the report says when SendGrid refused the stats: the verdict stands, the explanation needs Stats read access. */
function accessNeeded(wording) {
    return `Why the scores fell is not shown: the explanation needs Stats read access, which the key in ${wording.keySource} lacks (${STATS_ACCESS}).`;
}
/** The one notice a run gives when SendGrid refused the stats: the access to add, and that nothing else changed. */
function statsAccessNotice(wording) {
    return `The breaches are not explained: SendGrid refused its stats to the key in ${wording.keySource}. Add Stats read access to that key (${STATS_ACCESS}) to see why a score fell; the verdict does not depend on it.`;
}
/** The explanation as its JSON document; null when the run explained nothing (it passed, or explain was off). */
function explanationDocument(explanation) {
    if (explanation === undefined)
        return null;
    const accounts = explanation.accounts.map(({ account, window, baseline, metrics, gaps }) => ({
        account,
        window,
        baseline,
        metrics: metrics.map(({ metric, nearest, measures, providers, categories }) => ({
            metric,
            nearest,
            measures: measures.map(({ stat, per, window: inWindow, baseline: before }) => ({ stat, per, window: rateDocument(inWindow), baseline: before ? rateDocument(before) : null })),
            providers: providers.map(({ name, window: inWindow, baseline: before }) => ({ name, window: rateDocument(inWindow), baseline: before ? rateDocument(before) : null })),
            categories: categories.map(({ name, window: inWindow }) => ({ name, window: rateDocument(inWindow) }))
        })),
        gaps
    }));
    return { accounts, notExplained: explanation.notExplained, accessDenied: explanation.accessDenied };
}
function rateDocument(rate) {
    return { count: finite(rate.count), of: finite(rate.of), rate: hasRate(rate) ? rate.rate : null };
}
function finite(amount) {
    return Number.isFinite(amount) ? amount : 0;
}


/***/ }),

/***/ 8330:
/***/ ((module) => {

module.exports = {"rE":"1.0.0"};

/***/ })

};
