export const id = 458;
export const ids = [458];
export const modules = {

/***/ 2458:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkAndReport: () => (/* binding */ checkAndReport)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/clock.ts
var src_clock = __webpack_require__(9373);
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
    budget;
    inFlight = 0;
    /** How often a request was held back, for the log and the bench. */
    waits = 0;
    constructor(clock, deadlineMs, policy = DEFAULT_PACING) {
        this.clock = clock;
        this.deadlineMs = deadlineMs;
        this.policy = policy;
    }
    async send(request) {
        for (;;) {
            const decision = pace(this.budget, this.inFlight, this.clock.now(), this.deadlineMs, this.policy);
            if ('send' in decision)
                break;
            this.waits++;
            await this.clock.sleep(decision.waitMs);
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

// EXTERNAL MODULE: ./src/dates.ts
var dates = __webpack_require__(7718);
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

;// CONCATENATED MODULE: ./src/sendgrid/polling.ts


/** Why a request ended without scores: `pending` when SendGrid was still computing them. */
class FetchFailure extends Error {
    outcome;
    unreachable;
    constructor(outcome, message, 
    /** SendGrid gave no HTTP answer at all (timeouts, refused or reset connections). */
    unreachable = false) {
        super(message);
        this.outcome = outcome;
        this.unreachable = unreachable;
        this.name = 'FetchFailure';
    }
}
/**
 * Sends `attempt` until SendGrid answers 200, waiting out 202s, 429s and passing failures as the
 * retry policy decides. Returns the body, or throws a FetchFailure that says why it gave up.
 */
async function untilAnswered(attempt, context) {
    const { policy, clock, deadlineMs, requestTimeoutMs, random = Math.random, whileComputing = (wait) => wait() } = context;
    const startedMs = clock.now();
    let history = emptyHistory(startedMs);
    for (;;) {
        // A request never outlives the deadline by more than a second.
        const timeoutMs = Math.min(requestTimeoutMs, Math.max(deadlineMs - clock.now(), 1000));
        const outcome = await attempt(timeoutMs);
        if (outcome.kind === 'ok')
            return outcome.body;
        if (outcome.kind === 'failed' && !outcome.retryable)
            throw new FetchFailure('error', outcome.message, outcome.status === undefined);
        const setback = setbackOf(outcome);
        const decision = decide(policy, setback, history, clock.now(), deadlineMs, random());
        if ('giveUp' in decision)
            throw giveUp(decision.giveUp, outcome, history.transientFailures + 1, clock.now() - startedMs, policy);
        history = record(history, setback);
        const wait = () => clock.sleep(decision.retryInMs);
        await (setback.kind === 'pending' ? whileComputing(wait) : wait());
    }
}
function setbackOf(outcome) {
    if (outcome.kind === 'pending')
        return { kind: 'pending' };
    if (outcome.kind === 'rate-limited')
        return { kind: 'rate-limited', resetAtMs: outcome.rateLimit.resetAtMs };
    return { kind: 'transient' };
}
function giveUp(reason, outcome, attempts, waitedMs, policy) {
    const waited = (0,dates/* formatDuration */.a3)(waitedMs);
    switch (outcome.kind) {
        case 'pending':
            return new FetchFailure('pending', `SendGrid was still computing the scores (202) after waiting ${waited}; raise wait-timeout or run later`);
        case 'rate-limited': {
            const reset = outcome.rateLimit.resetAtMs;
            const when = reset === undefined ? 'SendGrid kept answering 429' : `SendGrid's rate limit (429) resets at ${new Date(reset).toISOString()}`;
            const ending = reason === 'reset-after-deadline' ? 'after wait-timeout ends' : `after waiting ${waited}`;
            return new FetchFailure('error', `rate limited: ${when}, ${ending}; raise wait-timeout or check what else uses this key`);
        }
        case 'failed':
            return new FetchFailure('error', reason === 'retries'
                ? `${outcome.message} (gave up after ${attempts} attempts, ${policy.maxTransientRetries} retries)`
                : `${outcome.message} (wait-timeout ran out while retrying, after ${waited})`, outcome.status === undefined);
    }
}

;// CONCATENATED MODULE: ./src/records/record-store.ts
/** Records per chunk of a column: 4,096, so a day's draft is small and growing wastes little. */
const CHUNK_BITS = 12;
const CHUNK_LENGTH = 1 << CHUNK_BITS;
const IN_CHUNK = CHUNK_LENGTH - 1;
/** The metrics position of a record without metrics. */
const NO_METRICS = 0;
/**
 * The names, user ids, days and metrics that records share, each kept once. A store and the drafts
 * made from it share one set of tables, so moving a draft's records into its store is a copy of numbers.
 */
class Tables {
    accounts = new Table();
    userIds = new Table();
    days = new Table();
    /** Position 0 stands for "no metrics". */
    metrics = new Table([undefined]);
    metricsPosition(metrics) {
        if (metrics === undefined)
            return NO_METRICS;
        // Shared between records, so frozen: nobody may change one record's metrics through another's.
        const key = `${metrics.engagement_recency},${metrics.open_rate},${metrics.bounce_classification},${metrics.bounce_rate},${metrics.spam_rate}`;
        return this.metrics.position(key, () => Object.freeze({ ...metrics }));
    }
}
/** Values kept once each, found by a key. */
class Table {
    values;
    positions = new Map();
    constructor(values = []) {
        this.values = values;
    }
    position(key, value) {
        const known = this.positions.get(key);
        if (known !== undefined)
            return known;
        this.positions.set(key, this.values.length);
        this.values.push(value());
        return this.values.length - 1;
    }
    /** The position of `key`, which is its own value (a name, an id, a day). */
    of(key) {
        const known = this.positions.get(key);
        if (known !== undefined)
            return known;
        this.positions.set(key, this.values.length);
        this.values.push(key);
        return this.values.length - 1;
    }
}
/**
 * A growing list of numbers kept in equal typed-array chunks: growing adds a chunk instead of
 * copying everything into an array twice as long, so at most one chunk lies unused.
 */
class Column {
    Chunk;
    chunks = [];
    constructor(Chunk) {
        this.Chunk = Chunk;
    }
    at(position) {
        return this.chunks[position >>> CHUNK_BITS][position & IN_CHUNK];
    }
    set(position, value) {
        const chunk = (this.chunks[position >>> CHUNK_BITS] ??= new this.Chunk(CHUNK_LENGTH));
        chunk[position & IN_CHUNK] = value;
    }
}
/**
 * Records kept off the JavaScript heap: `*` over 20,000 subusers and 30 days is 600,000 of them.
 * Each record is a few numbers in typed arrays (which account, user id and day, its score, which
 * metrics), 22 bytes; a record object exists only while someone reads it.
 */
class RecordStore {
    tables;
    size = 0;
    accountAt = new Column(Uint32Array);
    userIdAt = new Column(Uint32Array);
    dayAt = new Column(Uint16Array);
    /** NaN where the record has no score. */
    scoreAt = new Column(Float64Array);
    metricsAt = new Column(Uint32Array);
    byAccount;
    constructor(tables = new Tables()) {
        this.tables = tables;
    }
    /** A store holding `records`, in their order. */
    static of(records) {
        const store = new RecordStore();
        for (const record of records)
            store.add(record);
        return store;
    }
    /** An empty store whose records can later be moved into this one with `append`. */
    draft() {
        return new RecordStore(this.tables);
    }
    get length() {
        return this.size;
    }
    add(record) {
        const position = this.nextPosition();
        this.accountAt.set(position, this.tables.accounts.of(record.account));
        this.userIdAt.set(position, this.tables.userIds.of(record.user_id));
        this.dayAt.set(position, this.tables.days.of(record.date));
        this.scoreAt.set(position, record.score ?? Number.NaN);
        this.metricsAt.set(position, this.tables.metricsPosition(record.metrics));
    }
    addAll(records) {
        for (const record of records)
            this.add(record);
    }
    /** Moves every record of `draft` (made by this store's `draft`) to the end of this store. */
    append(draft) {
        if (draft.tables !== this.tables)
            throw new Error('only a draft of this store can be appended to it');
        for (let position = 0; position < draft.size; position++) {
            const to = this.nextPosition();
            this.accountAt.set(to, draft.accountAt.at(position));
            this.userIdAt.set(to, draft.userIdAt.at(position));
            this.dayAt.set(to, draft.dayAt.at(position));
            this.scoreAt.set(to, draft.scoreAt.at(position));
            this.metricsAt.set(to, draft.metricsAt.at(position));
        }
    }
    /** The record at `position`, made now: each read makes a new object. */
    at(position) {
        const { accounts, userIds, days, metrics: metricsTable } = this.tables;
        const account = accounts.values[this.accountAt.at(position)];
        const user_id = userIds.values[this.userIdAt.at(position)];
        const date = days.values[this.dayAt.at(position)];
        const score = this.scoreAt.at(position);
        const metrics = metricsTable.values[this.metricsAt.at(position)];
        // Each shape is one literal, so every field lies inside the object and absent fields are absent.
        if (metrics === undefined)
            return Number.isNaN(score) ? { account, user_id, date } : { account, user_id, date, score };
        return Number.isNaN(score) ? { account, user_id, date, metrics } : { account, user_id, date, score, metrics };
    }
    *[Symbol.iterator]() {
        for (let position = 0; position < this.size; position++)
            yield this.at(position);
    }
    /** The accounts that have at least one record. */
    accounts() {
        const { values } = this.tables.accounts;
        const names = new Set();
        for (let position = 0; position < this.size; position++)
            names.add(values[this.accountAt.at(position)]);
        return names;
    }
    /**
     * Each account's record positions, by date (records of one day in the order they came). Worked
     * out once and kept until the store changes: evaluation and the reports both read it.
     */
    positionsByAccount() {
        this.byAccount ??= this.groupByAccount();
        return this.byAccount;
    }
    groupByAccount() {
        const { accounts, days } = this.tables;
        // A counting sort: one array of positions, each account's a slice of it.
        const starts = new Uint32Array(accounts.values.length + 1);
        for (let position = 0; position < this.size; position++)
            starts[this.accountAt.at(position) + 1]++;
        for (let account = 1; account < starts.length; account++)
            starts[account] = starts[account] + starts[account - 1];
        const sorted = new Uint32Array(this.size);
        const filled = starts.slice(0, -1);
        for (let position = 0; position < this.size; position++)
            sorted[filled[this.accountAt.at(position)]++] = position;
        const dayOf = (position) => days.values[this.dayAt.at(position)];
        const byDate = (a, b) => (dayOf(a) < dayOf(b) ? -1 : dayOf(a) > dayOf(b) ? 1 : a - b);
        const groups = new Map();
        for (let account = 0; account < accounts.values.length; account++) {
            const positions = sorted.subarray(starts[account], starts[account + 1]);
            if (positions.length > 0)
                groups.set(accounts.values[account], positions.sort(byDate));
        }
        return groups;
    }
    nextPosition() {
        this.byAccount = undefined;
        return this.size++;
    }
}

// EXTERNAL MODULE: ./src/json.ts
var json = __webpack_require__(8301);
;// CONCATENATED MODULE: ./src/sendgrid/responses.ts


/**
 * Turns SendGrid's 200 bodies into records, checking them against the schema rather than trusting
 * them: a wrong value would give a wrong verdict, so anything off-schema is an error.
 */
class OffSchemaError extends Error {
    constructor(detail) {
        super(`SendGrid sent data outside its schema: ${detail}`);
        this.name = 'OffSchemaError';
    }
}
/** The body of `/v3/engagementquality/scores` for one account over `from`..`to`. */
function parseAccountScores(body, from, to, account) {
    const entries = resultOf(body);
    if (entries.length === 0)
        throw new OffSchemaError(`result is empty, expected the days ${from} to ${to}`);
    // SendGrid may leave `username` out on days without a score: name the account once, for every day.
    const label = account ?? firstUsername(entries);
    const records = entries.map((entry, index) => parseEntry(entry, index, label));
    for (const [index, record] of records.entries()) {
        if (record.date < from || record.date > to)
            throw new OffSchemaError(`result[${index}].date is ${record.date}, outside the requested ${from} to ${to}`);
    }
    rejectDuplicates(records, (record) => record.date);
    return records;
}
/** One page of `/v3/engagementquality/subusers/scores` for `date`. */
function parseSubuserPage(body, date) {
    const records = resultOf(body).map((entry, index) => parseEntry(entry, index, undefined, date));
    for (const [index, record] of records.entries()) {
        if (record.date !== date)
            throw new OffSchemaError(`result[${index}].date is ${record.date}, expected ${date}`);
    }
    rejectDuplicates(records, (record) => record.account);
    return { records, afterKey: afterKeyOf(body) };
}
function firstUsername(entries) {
    for (const entry of entries)
        if ((0,json/* isObject */.G)(entry) && typeof entry.username === 'string' && entry.username !== '')
            return entry.username;
    return undefined;
}
function resultOf(body) {
    if (!(0,json/* isObject */.G)(body) || !Array.isArray(body.result))
        throw new OffSchemaError('the body has no "result" array');
    return body.result;
}
function afterKeyOf(body) {
    const metadata = (0,json/* isObject */.G)(body) ? body._metadata : undefined;
    const next = (0,json/* isObject */.G)(metadata) ? metadata.next_params : undefined;
    const key = (0,json/* isObject */.G)(next) ? next.after_key : undefined;
    if (key === undefined || key === null)
        return undefined;
    if ((typeof key !== 'string' || key === '') && typeof key !== 'number')
        throw new OffSchemaError(`_metadata.next_params.after_key is ${JSON.stringify(key)}, expected a string`);
    return String(key);
}
/**
 * The label of an entry that came without a username: SendGrid's own example leaves it out on an
 * unscored subuser's day. The collector renames it once another day names the same user_id.
 */
function unnamedLabel(userId) {
    return `user_id ${userId}`;
}
function isUnnamed(record) {
    return record.account === unnamedLabel(record.user_id);
}
/** `expectedDate`, a valid day, spares the full date check of each of a listing page's 1,000 entries that carry it. */
function parseEntry(entry, index, account, expectedDate) {
    if (!(0,json/* isObject */.G)(entry))
        throw new OffSchemaError(`${entryAt(index)} is ${JSON.stringify(entry)}, expected an object`);
    const userId = entry.user_id;
    if ((typeof userId !== 'string' || userId === '') && typeof userId !== 'number')
        throw new OffSchemaError(`${entryAt(index)}.user_id is missing`);
    const date = entry.date;
    if (typeof date !== 'string' || (date !== expectedDate && !(0,dates/* isDay */.N)(date)))
        throw new OffSchemaError(`${entryAt(index)}.date is ${JSON.stringify(date)}, expected YYYY-MM-DD`);
    const username = typeof entry.username === 'string' && entry.username !== '' ? entry.username : undefined;
    const record = { account: account ?? username ?? unnamedLabel(String(userId)), user_id: String(userId), date };
    if (entry.score !== undefined)
        record.score = scoreAt(entry.score, index, 'score');
    if (entry.metrics !== undefined)
        record.metrics = parseMetrics(entry.metrics, index);
    return record;
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
    const seen = new Set();
    for (const record of records) {
        const value = key(record);
        if (seen.has(value))
            throw new OffSchemaError(`${record.account} appears twice for ${record.date}`);
        seen.add(value);
    }
}

;// CONCATENATED MODULE: ./src/sendgrid/collect.ts





/** Label of the key's own account when SendGrid's answer did not name it. */
const PARENT_LABEL = 'parent account';
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
async function collectScores(config, client, polling, concurrency = DEFAULT_CONCURRENCY) {
    const places = new Places(concurrency);
    const run = {
        client,
        polling: { ...polling, whileComputing: (wait) => places.setAside(wait) },
        places,
        pacer: new Pacer(polling.clock, polling.deadlineMs),
        range: config,
        store: new RecordStore(),
        failures: [],
        namesById: new Map(),
        unnamed: []
    };
    const plan = planRequests(config);
    const jobs = plan.probe ? [{ kind: 'probe', probe: plan.probe }, ...plan.tasks] : plan.tasks;
    const work = (job, add) => perform(run, job, add);
    await runPool(jobs, TASKS_AT_ONCE, work);
    nameUnnamed(run);
    // A listed name the listing never named (say, never scored, so never given a username there) is
    // asked for on its own: SendGrid's answer says whether it is unknown (403) or just unscored.
    if (run.listing)
        await runPool(unlisted(run.listing, run.store), TASKS_AT_ONCE, work);
    return { records: run.store, failures: run.failures };
}
async function perform(run, job, add) {
    await run.places.take();
    try {
        await performInPlace(run, job, add);
    }
    finally {
        run.places.give();
    }
}
async function performInPlace(run, job, add) {
    if (job.kind === 'probe')
        return add(await probe(run, job.probe));
    try {
        if (run.polling.clock.now() >= run.polling.deadlineMs)
            throw new FetchFailure('pending', 'not requested: wait-timeout ran out first');
        if (job.kind === 'account')
            run.store.addAll(await fetchAccount(run, job.onBehalfOf));
        else
            await readListingDay(run, job.date, job.only);
    }
    catch (error) {
        const account = job.kind === 'account' ? (job.onBehalfOf ?? PARENT_LABEL) : undefined;
        const date = job.kind === 'subusers-day' ? job.date : undefined;
        run.failures.push({ account, date, ...failureOf(error) });
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
        if (!(error instanceof FetchFailure || error instanceof OffSchemaError))
            throw error;
    }
    return names.map((name) => ({ kind: 'account', onBehalfOf: name }));
}
async function fetchAccount(run, onBehalfOf) {
    const { from, to } = run.range;
    const body = await ask(run, (timeoutMs) => run.client.scores({ from, to, onBehalfOf }, timeoutMs));
    return parseAccountScores(body, from, to, onBehalfOf);
}
/** Every page of one day's listing; with `only`, the records of those usernames alone are kept. */
async function readListingDay(run, date, only) {
    const records = dayRecords(run);
    for await (const page of subuserPages(run, date))
        keep(run, page, only, records);
    // Kept only once the day is whole: a day that fails halfway is reported as failed, not half shown.
    keepDay(run, records);
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
            throw new OffSchemaError(`_metadata.next_params.after_key "${afterKey}" came back twice (the pages would loop)`);
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
        return await untilAnswered((timeoutMs) => paced(run, () => send(timeoutMs)), run.polling);
    }
    catch (error) {
        if (error instanceof FetchFailure && error.unreachable)
            run.unreachable ??= error;
        throw error;
    }
}
/** Sends through the pacer; once SendGrid has stopped answering altogether, sends nothing more. */
function paced(run, request) {
    if (run.unreachable)
        throw new FetchFailure('error', `not requested: ${run.unreachable.message}`, true);
    return run.pacer.send(request);
}
function failureOf(error) {
    if (error instanceof FetchFailure)
        return { outcome: error.outcome, message: error.message };
    if (error instanceof OffSchemaError)
        return { outcome: 'error', message: error.message };
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

;// CONCATENATED MODULE: ./src/records/lazy-list.ts
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

// EXTERNAL MODULE: ./src/records/score-record.ts
var score_record = __webpack_require__(1992);
;// CONCATENATED MODULE: ./src/gate/trends.ts
/** The trend over `scores` (oldest first); undefined with fewer than two scored days. */
function trendOf(scores) {
    const [first, last] = [scores[0], scores.at(-1)];
    if (!first || !last || scores.length < 2)
        return undefined;
    const change = round2(last.score - first.score);
    return { direction: change > 0 ? 'up' : change < 0 ? 'down' : 'flat', first, last };
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

;// CONCATENATED MODULE: ./src/gate/evaluate.ts




/**
 * How one account fared, in counts and its worst breaches. Its rows and scores are judged again
 * from the store each time they are read: kept as objects for 20,000 accounts, they would take
 * more room than the store.
 */
class AccountVerdict {
    account;
    failure;
    lowestScore;
    breaches;
    missing;
    /** The worst breach of each metric the account breaches: the lowest value, the first on a tie (and its one drop). */
    worstBreaches;
    #records;
    #judging;
    constructor(records, judging, rows) {
        const breaches = rows.flatMap((row) => row.breaches);
        this.account = records.account;
        this.failure = records.failure;
        this.lowestScore = lowestOf(rows.map((row) => row.score));
        this.breaches = breaches.length;
        this.missing = rows.filter((row) => row.missing).length;
        this.worstBreaches = worstOfEachMetric(breaches);
        this.#records = records;
        this.#judging = judging;
    }
    /** The account's rows by date, judged again; none when it could not be read. */
    rows() {
        return rowsOf(this.#records, this.#judging);
    }
    /** Every day the account was scored, oldest first; none when it could not be read. */
    get scores() {
        return this.failure ? [] : scoredDays(recordsOf(this.#records, this.#judging.store));
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
        days: (0,dates/* eachDay */.aj)(config.from, config.to),
        failedDays: new Set(collection.failures.filter((failure) => failure.account === undefined).map((failure) => failure.date))
    };
    let rowCount = 0;
    const accounts = accountsOf(collection, config).map((records) => {
        const rows = rowsOf(records, judging);
        rowCount += rows.length;
        return new AccountVerdict(records, judging, rows);
    });
    accounts.sort(compareVerdicts);
    const breaches = sumOf(accounts, (verdict) => verdict.breaches);
    const missing = sumOf(accounts, (verdict) => verdict.missing);
    return {
        result: evaluate_resultOf(breaches, config.missingScores === 'fail' ? missing : 0, collection.failures),
        rows: new LazyList(rowCount, function* () {
            for (const verdict of accounts)
                yield* verdict.rows();
        }),
        breaches: new LazyList(breaches, function* () {
            for (const verdict of accounts)
                if (verdict.breaches > 0)
                    for (const row of verdict.rows())
                        yield* row.breaches;
        }),
        missing: new LazyList(missing, () => missingOf(accounts, config)),
        lowestScore: lowestOf(accounts.map((verdict) => verdict.lowestScore)),
        accounts,
        failures: collection.failures
    };
}
function sumOf(items, count) {
    return items.reduce((sum, item) => sum + count(item), 0);
}
const NO_BREACHES = Object.freeze([]);
/** In the order the metrics first breach; accounts without breaches share one empty list. */
function worstOfEachMetric(breaches) {
    if (breaches.length === 0)
        return NO_BREACHES;
    const worst = new Map();
    for (const breach of breaches) {
        const kept = worst.get(breach.metric);
        if (kept === undefined || breach.value < kept.value)
            worst.set(breach.metric, breach);
    }
    return [...worst.values()];
}
/** An account's records, made from the store. */
function recordsOf({ positions }, store) {
    return Array.from(positions, (position) => store.at(position));
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
function evaluate_resultOf(breaches, failingMissing, failures) {
    if (breaches > 0 || failingMissing > 0)
        return 'failed';
    if (failures.some((failure) => failure.outcome === 'error'))
        return 'error';
    if (failures.length > 0)
        return 'pending';
    return 'passed';
}
/** Every account the run is about, each with where its records lie (by date) and its failure, if any. */
function accountsOf(collection, config) {
    const byAccount = new Map();
    const add = (account) => {
        const entry = byAccount.get(account) ?? { account, positions: NO_RECORDS };
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
    for (const [account, positions] of collection.records.positionsByAccount())
        add(account).positions = positions;
    return [...byAccount.values()];
}
const NO_RECORDS = new Uint32Array(0);
/** An account's rows, judged; none when it could not be read. */
function rowsOf(source, { store, config, days, failedDays }) {
    const { account, failure } = source;
    if (failure)
        return [];
    const records = recordsOf(source, store);
    const rows = thresholdRowsOf(account, records, config, days, failedDays);
    judgeDrop(account, scoredDays(records), rows, config.maxDrop);
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
    const row = { account, date, score: scores?.score, metrics: scores?.metrics, breaches: [], missing: scores?.score === undefined };
    const check = (metric, value, threshold) => {
        if (value !== undefined && threshold !== undefined && value < threshold)
            row.breaches.push({ account, date, metric, value, threshold });
    };
    check('score', row.score, config.minScore);
    for (const metric of score_record/* METRICS */.C)
        check(metric, row.metrics?.[metric], config.minMetricScores[metric]);
    return row;
}
/** The records that have a score: each is its own day's DailyScore, so none is copied. */
function scoredDays(records) {
    return records.filter((record) => record.score !== undefined);
}
/**
 * max-drop: when the latest overall score lies max-drop or more below the best in the range, the
 * breach goes on the latest day's row (the account's only row under average).
 */
function judgeDrop(account, daily, rows, maxDrop) {
    const drop = dropOf(daily);
    if (maxDrop === undefined || !breachesMaxDrop(drop, maxDrop))
        return;
    const row = rows.find((candidate) => candidate.date === drop.latest.date) ?? rows.at(-1);
    const best = { date: drop.best.date, score: drop.best.score };
    row?.breaches.push({ account, date: drop.latest.date, metric: 'drop', value: drop.by, threshold: maxDrop, best });
}
/** Means over the scored days, rounded to two decimals: the value shown is the value judged. */
function average(records) {
    if (records.length === 0)
        return undefined;
    const mean = (values) => values.length === 0 ? undefined : Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 100) / 100;
    const withMetrics = records.flatMap((record) => (record.metrics ? [record.metrics] : []));
    const metrics = Object.fromEntries(score_record/* METRICS */.C.map((metric) => [metric, mean(withMetrics.map((m) => m[metric]))]));
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
        verdict.lowestScore ?? 6
    ];
    const [ra, rb] = [rank(a), rank(b)];
    for (let index = 0; index < ra.length; index++)
        if (ra[index] !== rb[index])
            return ra[index] - rb[index];
    return a.account.localeCompare(b.account);
}

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
// EXTERNAL MODULE: ./src/redact.ts
var src_redact = __webpack_require__(6670);
;// CONCATENATED MODULE: ./src/sendgrid/client.ts




/**
 * The one place that knows SendGrid's URLs, headers, status codes, rate-limit headers and error
 * bodies. Every answer, including every failure, comes back as an `ApiOutcome` value.
 */
const SCORES_PATH = '/v3/engagementquality/scores';
const SUBUSER_SCORES_PATH = '/v3/engagementquality/subusers/scores';
/** The subusers endpoint's largest page. */
const SUBUSER_PAGE_LIMIT = 1000;
class SendGridClient {
    options;
    redact;
    /** The key as JSON escapes it: a key with a backslash or a quote in it. */
    redactEscaped;
    constructor(options) {
        this.options = options;
        this.redact = (0,src_redact/* redactor */.$)(options.apiKey);
        this.redactEscaped = (0,src_redact/* redactor */.$)(JSON.stringify(options.apiKey).slice(1, -1));
    }
    get host() {
        return new URL(this.options.baseUrl).host;
    }
    scores({ from, to, onBehalfOf }, timeoutMs) {
        return this.get(SCORES_PATH, { from, to }, onBehalfOf, timeoutMs);
    }
    subuserScores(date, afterKey, timeoutMs) {
        const query = { date, limit: String(SUBUSER_PAGE_LIMIT) };
        if (afterKey !== undefined)
            query.after_key = afterKey;
        return this.get(SUBUSER_SCORES_PATH, query, undefined, timeoutMs);
    }
    async get(path, query, onBehalfOf, timeoutMs) {
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
            const response = await (0,undici.request)(url, { method: 'GET', headers, dispatcher: this.options.dispatcher, signal });
            const text = await response.body.text();
            const safe = this.redactText(text);
            // Without a backslash, JSON has no escapes: the strings it holds are the text's, already clean.
            return this.redacted(classify(response.statusCode, response.headers, safe, { host: this.host, onBehalfOf }), safe.includes('\\'));
        }
        catch (error) {
            // Whether our own timer fired, not what the error is called: undici names other aborts
            // (a proxy refusing the tunnel) AbortError too.
            const timedOut = signal.aborted;
            const message = describeNetworkError(error, this.host, timeoutMs, timedOut);
            return this.redacted({ kind: 'failed', retryable: isRetryableNetworkError(error, timedOut), message, rateLimit: {} });
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
        return { ...outcome, message: this.redact(outcome.message) };
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
    return proxied ? new undici.EnvHttpProxyAgent() : new undici.Agent();
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
    const answered = `SendGrid answered ${status}${sendGridMessage(text)}`;
    return { kind: 'failed', retryable: status >= 500, message: `${answered}${advice(status, context)}`, status, rateLimit };
}
function advice(status, { host, onBehalfOf }) {
    switch (status) {
        case 401:
            return ': the API key was rejected; check that the api-key secret holds a current, unrevoked SendGrid API key';
        case 403:
            return onBehalfOf === undefined
                ? ': the API key may not read Engagement Quality scores; check its scopes'
                : `: check that "${onBehalfOf}" is a subuser or customer account of the key's account, ` +
                    'that the key may act on behalf of subusers, and the region (EU subusers need region: eu)';
        case 400:
            return ': SendGrid refused the request; check the from/to dates';
        case 404:
            return `: ${host} has no Engagement Quality API; check base-url and region`;
        default:
            return '';
    }
}
/** SendGrid's own words from an error body: `{"errors":[{field,message}]}`, `{"error":".."}` or text. */
function sendGridMessage(text) {
    const body = (0,json/* parseJson */.q)(text);
    const messages = [];
    if ((0,json/* isObject */.G)(body)) {
        if (Array.isArray(body.errors)) {
            for (const item of body.errors) {
                if ((0,json/* isObject */.G)(item) && typeof item.message === 'string')
                    messages.push(typeof item.field === 'string' && item.field ? `${item.field}: ${item.message}` : item.message);
            }
        }
        for (const key of ['error', 'message'])
            if (typeof body[key] === 'string')
                messages.push(body[key]);
    }
    if (messages.length > 0)
        return ` (${messages.join('; ')})`;
    return text.trim() === '' ? '' : ` (${describeBody(text)})`;
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
function describeNetworkError(error, host, timeoutMs, timedOut) {
    if (timedOut)
        return `no complete answer from ${host} within ${(0,dates/* formatDuration */.a3)(timeoutMs)} (request-timeout)`;
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
        return `cannot resolve ${host} (${code}); check base-url and the runner's DNS`;
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

;// CONCATENATED MODULE: ./src/engine.ts





async function runCheck(config, { clock = src_clock/* realClock */.d, log = () => { } } = {}) {
    const dispatcher = dispatcherFromEnvironment();
    try {
        const client = new SendGridClient({ apiKey: config.apiKey, baseUrl: config.baseUrl, dispatcher });
        log(`Fetching SendGrid engagement quality scores for ${config.from} to ${config.to} from ${client.host}`);
        const collection = await collectScores(config, client, {
            policy: { ...DEFAULT_POLICY, pollIntervalMs: config.pollIntervalMs },
            clock,
            deadlineMs: clock.now() + config.waitTimeoutMs,
            requestTimeoutMs: config.requestTimeoutMs
        });
        return { collection, evaluation: evaluate(collection, config) };
    }
    finally {
        await dispatcher.destroy();
    }
}
/** Whether the run should end as a failure: breaches per fail-on-breach, outages per on-error. */
function shouldFail(evaluation, config) {
    // Each cause follows its own setting: a report-only breach must not hide an outage, nor the reverse.
    const breached = evaluation.result === 'failed' && config.failOnBreach;
    const unreadable = evaluation.failures.length > 0 && config.onError === 'fail';
    return breached || unreadable;
}

;// CONCATENATED MODULE: ./src/report/github.ts


/** GitHub refuses a check-run summary or a comment body over 65,535 characters. */
const GITHUB_TEXT_LIMIT = 65_535;
/** Reporting to GitHub gives up after this long in all; the verdict stands either way. */
const GITHUB_TIMEOUT_MS = 60_000;
/** success when passed; neutral when pending or when the step does not fail (report only); else failure. */
function conclusionOf(result, stepFails) {
    if (result === 'passed')
        return 'success';
    if (result === 'pending' || !stepFails)
        return 'neutral';
    return 'failure';
}
const VERDICTS = { passed: 'Passed', failed: 'Failed', error: 'Could not be checked', pending: 'Still pending' };
/** `Failed · lowest score 2 · 3 breaches` */
function checkTitle(evaluation) {
    const lowest = evaluation.lowestScore === undefined ? 'no score' : `lowest score ${evaluation.lowestScore}`;
    const breaches = evaluation.breaches.length;
    const count = breaches === 0 ? '' : ` · ${breaches} breach${breaches === 1 ? '' : 'es'}`;
    return `${VERDICTS[evaluation.result]} · ${lowest}${count}`;
}
/** The hidden first line that finds this job's comment again: one per check name. */
function commentMarker(checkName) {
    return `<!-- sendgrid-engagement-quality-gate: ${encodeURIComponent(checkName)} -->`;
}
/** `text` cut at a line end to at most `limit` characters, saying so. */
function fitText(text, limit = GITHUB_TEXT_LIMIT) {
    if (text.length <= limit)
        return text;
    const note = "\n\n_Cut to fit GitHub's 65,535-character limit; the `report-file` output has the whole report._\n";
    const room = text.slice(0, limit - note.length);
    return `${room.slice(0, Math.max(room.lastIndexOf('\n'), 0))}${note}`;
}
/** Where the run is, from the runner's variables and its event payload; undefined outside a repository. */
function runContextOf(env, payload) {
    const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (!owner || !repo || rest.length > 0)
        return undefined;
    const pullRequest = (0,json/* isObject */.G)(payload) && (0,json/* isObject */.G)(payload.pull_request) ? payload.pull_request : undefined;
    const headSha = (0,json/* isObject */.G)(pullRequest?.head) && typeof pullRequest.head.sha === 'string' ? pullRequest.head.sha : undefined;
    const sha = headSha ?? env.GITHUB_SHA;
    if (!sha)
        return undefined;
    const number = typeof pullRequest?.number === 'number' ? pullRequest.number : undefined;
    return { owner, repo, eventName: env.GITHUB_EVENT_NAME ?? '', sha, pullRequest: number };
}
/** Creates the check run and the comment as `settings` ask; warns instead of failing. */
async function reportToGitHub(report, settings, env, log) {
    if (!settings.checkRun && !settings.prComment)
        return;
    if (!settings.token)
        return log.debug('No github-token (not running on GitHub Actions): no check run or comment.');
    const context = runContextOf(env, await readEvent(env.GITHUB_EVENT_PATH));
    if (!context)
        return log.debug('No GITHUB_REPOSITORY or commit: no check run or comment.');
    const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
    const octokit = getOctokit(settings.token, { baseUrl: apiUrl(env), request: { signal: AbortSignal.timeout(GITHUB_TIMEOUT_MS) } });
    const sinks = [];
    if (settings.checkRun)
        sinks.push(['create the check run', () => createCheckRun(octokit, context, settings.checkName, report)]);
    if (settings.prComment)
        sinks.push(['comment on the pull request', () => commentOnPullRequests(octokit, context, settings.checkName, report, log)]);
    for (const [what, sink] of sinks) {
        try {
            await sink();
        }
        catch (error) {
            if (statusOf(error) === 403)
                return log.warning(forbiddenMessage(what, error));
            log.warning(`Could not ${what}: ${messageOf(error)}. The gate's verdict is not affected.`);
        }
    }
}
async function createCheckRun(octokit, context, name, report) {
    await octokit.rest.checks.create({
        owner: context.owner,
        repo: context.repo,
        name,
        head_sha: context.sha,
        status: 'completed',
        conclusion: report.conclusion,
        output: { title: report.title, summary: fitText(report.markdown) }
    });
}
async function commentOnPullRequests(octokit, context, checkName, report, log) {
    const pullRequests = await pullRequestsOf(octokit, context);
    if (pullRequests.length === 0)
        return log.debug(`No open pull request for ${context.sha}: no comment.`);
    const marker = commentMarker(checkName);
    const body = `${marker}\n${fitText(report.markdown, GITHUB_TEXT_LIMIT - marker.length - 1)}`;
    for (const issue_number of pullRequests) {
        const existing = await findComment(octokit, context, issue_number, marker);
        const where = { owner: context.owner, repo: context.repo };
        if (existing === undefined)
            await octokit.rest.issues.createComment({ ...where, issue_number, body });
        else
            await octokit.rest.issues.updateComment({ ...where, comment_id: existing, body });
    }
}
/** The event's pull request; on push, the open pull requests the commit belongs to. */
async function pullRequestsOf(octokit, context) {
    if (context.pullRequest !== undefined)
        return [context.pullRequest];
    if (context.eventName !== 'push')
        return [];
    const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
        owner: context.owner,
        repo: context.repo,
        commit_sha: context.sha,
        per_page: 100
    });
    return data.filter((pull) => pull.state === 'open').map((pull) => pull.number);
}
/** The id of the comment that starts with `marker`, reading the comments a page at a time until found. */
async function findComment(octokit, context, issue_number, marker) {
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        owner: context.owner,
        repo: context.repo,
        issue_number,
        per_page: 100
    });
    for await (const { data } of pages) {
        const found = data.find((comment) => comment.body?.startsWith(marker));
        if (found)
            return found.id;
    }
    return undefined;
}
async function readEvent(path) {
    if (!path)
        return undefined;
    try {
        return (0,json/* parseJson */.q)(await (0,promises_.readFile)(path, 'utf8'));
    }
    catch {
        return undefined;
    }
}
function apiUrl(env) {
    return (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
}
function forbiddenMessage(what, error) {
    return (`Could not ${what}: GitHub answered 403 (${messageOf(error)}). ` +
        'Pull requests from forks get a read-only token; elsewhere give the job `permissions: checks: write, pull-requests: write`. ' +
        "Nothing more is sent to GitHub; the gate's verdict is not affected.");
}
function statusOf(error) {
    return (0,json/* isObject */.G)(error) && typeof error.status === 'number' ? error.status : undefined;
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}

;// CONCATENATED MODULE: ./src/report/bytes.ts
/** A text's size as GitHub counts its limits: UTF-8 bytes. */
function byteLength(text) {
    return Buffer.byteLength(text, 'utf8');
}

;// CONCATENATED MODULE: ./src/report/outputs.ts


/** GitHub refuses an output over 1 MB; stay clear of it. */
const OUTPUT_LIMIT_BYTES = 900_000;
/** Every output at once, as the command line prints them. */
function buildOutputs(evaluation, collection, limitBytes = OUTPUT_LIMIT_BYTES) {
    const outputs = {};
    const omitted = {};
    for (const output of eachOutput(evaluation, collection, limitBytes)) {
        outputs[output.name] = output.value;
        if (output.omitted !== undefined)
            omitted[output.name] = output.omitted;
    }
    // eachOutput yields every output, and a count for each list.
    return { outputs: outputs, omitted: omitted };
}
/**
 * The outputs one by one, each list made only when its turn comes: three lists of 900 KB each
 * need not be held at once.
 */
function* eachOutput(evaluation, collection, limitBytes = OUTPUT_LIMIT_BYTES) {
    yield { name: 'passed', value: String(evaluation.result === 'passed') };
    yield { name: 'result', value: evaluation.result };
    yield { name: 'lowest-score', value: evaluation.lowestScore === undefined ? '' : String(evaluation.lowestScore) };
    const lists = [
        ['failures', evaluation.breaches],
        ['missing', evaluation.missing],
        ['scores', recordsWorstFirst(evaluation, collection)]
    ];
    for (const [name, items] of lists) {
        const { json, omitted } = boundedJsonArray(items, limitBytes);
        yield { name, value: json, omitted };
    }
}
/**
 * Every record fetched, worst accounts first, each by date, without absent fields. Made as they
 * are read: the scores output stops after its first 900 KB of 600,000, and the report file streams them.
 */
function recordsWorstFirst(evaluation, collection) {
    return new LazyList(collection.records.length, () => worstFirst(evaluation, collection));
}
function* worstFirst(evaluation, { records }) {
    const byAccount = records.positionsByAccount();
    for (const { account } of evaluation.accounts) {
        for (const position of byAccount.get(account) ?? []) {
            const { user_id, date, score, metrics } = records.at(position);
            yield { account, user_id, date, score, metrics };
        }
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

;// CONCATENATED MODULE: ./src/report/advice.ts
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

;// CONCATENATED MODULE: ./src/report/markdown.ts
/** Keeps account names and messages from breaking out of a table cell, a legend or into HTML. */
function escapeMarkdown(text) {
    return text.replace(/[\\|`*_<>[\]]/g, (char) => `\\${char}`).replace(/[\r\n]+/g, ' ');
}

;// CONCATENATED MODULE: ./src/report/chart.ts


/** At most this many accounts get a line: more would be unreadable. */
const CHART_ACCOUNTS = 10;
/** Line colours in order, each with the emoji that stands for it in the legend (Mermaid draws no legend). */
const COLOURS = [
    ['#e53935', '🔴'],
    ['#fb8c00', '🟠'],
    ['#fdd835', '🟡'],
    ['#43a047', '🟢'],
    ['#1e88e5', '🔵'],
    ['#8e24aa', '🟣'],
    ['#795548', '🟤'],
    ['#212121', '⚫'],
    ['#f06292', '🩷'],
    ['#9e9e9e', '🩶']
];
/**
 * A Mermaid `xychart-beta` line chart of each account's daily overall score, worst accounts first
 * (`accounts` comes worst first), with a legend; '' when the range is a single day or nothing was scored.
 */
function renderTrendChart(accounts, range) {
    const days = (0,dates/* eachDay */.aj)(range.from, range.to);
    const scored = accounts.filter((account) => account.scores.length > 0);
    if (days.length < 2 || scored.length === 0)
        return '';
    const charted = scored.slice(0, CHART_ACCOUNTS);
    const lines = charted.map((account) => `    line "${chartText(account.account)}" [${dailySeries(account, days).join(', ')}]`);
    const chart = [
        '```mermaid',
        `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${COLOURS.map(([colour]) => colour).join(', ')}"}}}}%%`,
        'xychart-beta',
        '    title "Overall score per day (UTC)"',
        `    x-axis [${days.map((day) => `"${day.slice(5)}"`).join(', ')}]`,
        '    y-axis "Score" 1 --> 5',
        ...lines,
        '```'
    ];
    return `${chart.join('\n')}\n\n${legend(charted, scored.length)}\n`;
}
/** One value per day; a day without a score repeats the previous one (the first score before it). */
function dailySeries(account, days) {
    const byDay = new Map(account.scores.map((day) => [day.date, day.score]));
    let previous = account.scores[0]?.score ?? 0;
    return days.map((day) => (previous = byDay.get(day) ?? previous));
}
function legend(charted, scoredCount) {
    const keys = charted.map((account, index) => `${COLOURS[index]?.[1]} ${escapeMarkdown(account.account)}`).join(' · ');
    const worst = scoredCount > charted.length ? ` (the ${charted.length} worst of ${scoredCount} scored accounts)` : '';
    return `${keys}${worst}. _Days without a score repeat the previous score._`;
}
/** Mermaid strings cannot hold double quotes; backticks and line breaks would end the fence or the line. */
function chartText(name) {
    return name.replace(/["`]/g, "'").replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/%%/g, '% %');
}

;// CONCATENATED MODULE: ./src/report/summary.ts








/** GitHub refuses a job summary over 1 MiB; stay clear of it. */
const SUMMARY_LIMIT_BYTES = 1_000_000;
/** GitHub's limit for a check run's summary and a comment's body is 65,535 characters; bytes count at least as many. */
const GITHUB_TEXT_LIMIT_BYTES = 65_000;
const TITLE = 'SendGrid engagement quality';
const LABELS = {
    score: 'Score',
    engagement_recency: 'Engagement recency',
    open_rate: 'Open rate',
    bounce_classification: 'Bounce classification',
    bounce_rate: 'Bounce rate',
    spam_rate: 'Spam rate',
    drop: 'Drop from best'
};
/** How many accounts a metric's entry under "What to fix" names before it says "and N more". */
const FIX_ACCOUNTS = 10;
/** One line that says what happened, for the log, the step's failure and the summary heading. */
function verdictLine(evaluation) {
    const { result, breaches, accounts, failures, missing, lowestScore } = evaluation;
    const lowest = lowestScore === undefined ? '' : `, lowest score ${lowestScore}`;
    const parts = [...breachParts(accounts)];
    if (missing.length > 0 && result === 'failed' && breaches.length === 0)
        parts.push(`${plural(missing.length, 'missing score')}`);
    if (failures.length > 0)
        parts.push(`${failures.length} ${failures.length === 1 ? 'account or day' : 'accounts or days'} not read`);
    switch (result) {
        case 'passed':
            return `${TITLE} passed: ${plural(accounts.length, 'account')} at or above threshold${lowest}`;
        case 'failed':
            return `${TITLE} failed: ${parts.join('; ')}${lowest}`;
        case 'error':
            return `${TITLE} could not be checked: ${parts.join('; ')}`;
        case 'pending':
            return `${TITLE} still pending: SendGrid had not finished computing scores (${parts.join('; ')})`;
    }
}
/** `3 scores below threshold in 1 of 2 accounts`, and `1 of 2 accounts fell 1 or more below its best score`. */
function breachParts(accounts) {
    let [belowThreshold, accountsBelowThreshold] = [0, 0];
    const drops = [];
    for (const verdict of accounts) {
        const drop = verdict.worstBreaches.find((breach) => breach.metric === 'drop');
        if (drop)
            drops.push(drop);
        const below = verdict.breaches - (drop ? 1 : 0);
        belowThreshold += below;
        if (below > 0)
            accountsBelowThreshold++;
    }
    const parts = [];
    if (belowThreshold > 0)
        parts.push(`${plural(belowThreshold, 'score')} below threshold in ${accountsBelowThreshold} of ${plural(accounts.length, 'account')}`);
    if (drops.length > 0)
        parts.push(`${drops.length} of ${plural(accounts.length, 'account')} fell ${drops[0]?.threshold} or more below ${drops.length === 1 ? 'its' : 'their'} best score`);
    return parts;
}
const ICONS = { passed: '✅', failed: '❌', error: '⚠️', pending: '⏳' };
/**
 * The report: verdict, thresholds, the trend chart next to the table, what usually fixes each breach,
 * and what could not be read. Table rows are left out (worst accounts kept) to stay within `limitBytes`;
 * the chart and the advice come with the table rows or not at all, so rows never push them out.
 */
function renderSummary(evaluation, config, limitBytes = SUMMARY_LIMIT_BYTES) {
    const head = [`## ${ICONS[evaluation.result]} ${escapeMarkdown(verdictLine(evaluation))}`, '', thresholdsLine(config), '', ''].join('\n');
    // Unreadable accounts may take at most a quarter of the room: the table and verdict come first.
    const problems = problemsSection(evaluation, limitBytes / 4);
    if (evaluation.rows.length === 0)
        return { markdown: `${head}_No scores to show._\n${problems}`, omittedRows: 0 };
    const withTrend = (0,dates/* daysBetween */.YM)(config.from, config.to) > 0;
    const header = tableHeader(config, withTrend);
    const [chart, fixes] = [renderTrendChart(evaluation.accounts, config), fixesSection(evaluation)];
    const room = limitBytes - totalBytes(head, problems, header) - 400;
    const extrasFit = room >= totalBytes(chart, fixes);
    const rows = extrasFit ? fittingRows(evaluation, withTrend, room - totalBytes(chart, fixes)) : [];
    const omittedRows = evaluation.rows.length - rows.length;
    const note = omittedRows > 0
        ? `\n\n_${omittedRows} more rows not shown to stay within GitHub's size limit; the worst accounts come first, and every record is in the \`report-file\` output._`
        : '';
    const table = `${[header, ...rows].join('\n')}${note}\n`;
    const markdown = extrasFit ? `${head}${chart ? `${chart}\n` : ''}${table}${fixes}${problems}` : `${head}${table}${problems}`;
    return { markdown, omittedRows };
}
/** The leading table rows whose lines fit in `room` bytes; rows past them are never made. */
function fittingRows(evaluation, withTrend, room) {
    const lines = [];
    let bytes = 0;
    for (const line of tableRows(evaluation, withTrend)) {
        bytes += byteLength(line) + 1;
        if (bytes > room)
            break;
        lines.push(line);
    }
    return lines;
}
/** Every table row, worst account first; an account's trend goes on its first row, the rows after it leave it empty. */
function* tableRows(evaluation, withTrend) {
    for (const verdict of evaluation.accounts) {
        let trend = withTrend ? trendMarker(verdict) : undefined;
        for (const row of verdict.rows()) {
            yield tableRow(row, trend);
            if (withTrend)
                trend = '';
        }
    }
}
function tableHeader(config, withTrend) {
    const subjects = ['score', ...score_record/* METRICS */.C].map((subject) => LABELS[subject]);
    const columns = ['Account', config.evaluate === 'average' ? 'Range' : 'Date', ...subjects, 'Status', ...(withTrend ? ['Trend'] : [])];
    const alignments = ['---', '---', ...subjects.map(() => '---:'), '---', ...(withTrend ? ['---'] : [])];
    return `| ${columns.join(' | ')} |\n|${alignments.join('|')}|`;
}
function thresholdsLine(config) {
    const metrics = Object.entries(config.minMetricScores).map(([metric, min]) => `${LABELS[metric].toLowerCase()} ≥ ${min}`);
    const mode = { all: 'every day', latest: 'latest scored day per account', average: 'average per account' }[config.evaluate];
    return [
        `Checked **${rangeOf(config).replace('..', ' to ')}** (UTC)`,
        `evaluating ${mode}`,
        `score ≥ **${config.minScore}**`,
        ...metrics,
        config.maxDrop === undefined ? undefined : `latest score at most ${config.maxDrop} below the best`,
        `missing scores: ${config.missingScores}`,
        config.failOnBreach ? undefined : 'report only (fail-on-breach: false)'
    ]
        .filter(Boolean)
        .join(' · ');
}
function tableRow(row, trend) {
    const breached = new Set(row.breaches.map((breach) => breach.metric));
    const cell = (subject, value) => value === undefined ? '–' : breached.has(subject) ? `**${value}** ❌` : String(value);
    const cells = [cell('score', row.score), ...score_record/* METRICS */.C.map((metric) => cell(metric, row.metrics?.[metric]))];
    const trendCell = trend === undefined ? '' : ` ${trend} |`;
    return `| ${escapeMarkdown(row.account)} | ${row.date.replace('..', ' to ')} | ${cells.join(' | ')} | ${summary_statusOf(row)} |${trendCell}`;
}
/** `↗ up (3 → 4)`, `↘ down (5 → 4)`, `→ flat (4)`, or `–` with fewer than two scored days. */
function trendMarker(account) {
    const trend = trendOf(account.scores);
    if (!trend)
        return '–';
    if (trend.direction === 'flat')
        return `→ flat (${trend.last.score})`;
    return `${trend.direction === 'up' ? '↗ up' : '↘ down'} (${trend.first.score} → ${trend.last.score})`;
}
function summary_statusOf(row) {
    if (row.breaches.length > 0)
        return `❌ ${row.breaches.map(describeBreachShort).join(', ')}`;
    if (row.missing)
        return '⚠️ no score';
    return '✅';
}
function describeBreachShort(breach) {
    if (breach.best)
        return `dropped ${breach.value} from ${breach.best.score} (${breach.best.date})`;
    return `${LABELS[breach.metric].toLowerCase()} ${breach.value} < ${breach.threshold}`;
}
/** `newsletters: score 2 on 2026-11-24 is below 3` */
function describeBreach(breach) {
    if (breach.best) {
        const latest = Math.round((breach.best.score - breach.value) * 100) / 100;
        return `${breach.account}: score fell to ${latest} on ${breach.date}, ${breach.value} below its best of ${breach.best.score} on ${breach.best.date} (max-drop ${breach.threshold})`;
    }
    const when = breach.date.includes('..') ? `averages ${breach.value} over ${breach.date.replace('..', ' to ')}` : `is ${breach.value} on ${breach.date}`;
    return `${breach.account}: ${LABELS[breach.metric].toLowerCase()} ${when}, below ${breach.threshold}`;
}
/** Each breached metric once, with the accounts in breach (worst value each) and what usually fixes it. */
function fixesSection(evaluation) {
    if (evaluation.breaches.length === 0)
        return '';
    const byMetric = Map.groupBy(evaluation.accounts.flatMap((verdict) => verdict.worstBreaches), (breach) => breach.metric);
    const entries = Object.keys(LABELS).flatMap((metric) => {
        const worst = byMetric.get(metric);
        return worst ? [fixEntry(metric, worst)] : [];
    });
    const docs = `How SendGrid scores each metric and how to raise it: [SendGrid Engagement Quality (SEQ) documentation](${SEQ_DOCS_URL}).`;
    return `\n### What to fix\n\n${entries.join('\n')}\n${docs}\n`;
}
function fixEntry(metric, worst) {
    const named = worst.slice(0, FIX_ACCOUNTS).map((breach) => `${escapeMarkdown(breach.account)} (${describeBreachShort(breach)})`);
    const more = worst.length > FIX_ACCOUNTS ? ` and ${worst.length - FIX_ACCOUNTS} more` : '';
    const advice = ADVICE[metric].map((line) => `- ${line}`).join('\n');
    return `**${LABELS[metric]}**: ${named.join(', ')}${more}\n${advice}\n`;
}
/** Accounts that could not be read, and why; at most `limitBytes`, the rest counted. */
function problemsSection(evaluation, limitBytes) {
    if (evaluation.failures.length === 0)
        return '';
    const intro = '\n### Not checked\n\nThese could not be read, so their scores are not in the table:\n\n';
    const lines = [];
    let bytes = byteLength(intro) + 200;
    for (const failure of evaluation.failures) {
        const what = failure.account ?? `every subuser on ${failure.date}`;
        const line = `- **${escapeMarkdown(what)}** (${failure.outcome === 'pending' ? 'still pending' : 'error'}): ${escapeMarkdown(failure.message)}`;
        bytes += byteLength(line) + 1;
        if (bytes > limitBytes)
            break;
        lines.push(line);
    }
    const more = evaluation.failures.length - lines.length;
    if (more > 0)
        lines.push(`- _and ${more} more, listed in the \`report-file\` output_`);
    return `${intro}${lines.join('\n')}\n`;
}
function totalBytes(...texts) {
    return texts.reduce((sum, text) => sum + byteLength(text), 0);
}
function plural(count, noun) {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

;// CONCATENATED MODULE: ./src/report/report-file.ts


/** Pieces of text are gathered to about this size before they are written. */
const CHUNK_CHARS = 64 * 1024;
/**
 * The report file, a ReportDocument as JSON, a chunk at a time: `*` over 20,000 subusers has
 * 600,000 records, too many to hold as one string. Each record, breach, missing score and failure
 * takes a line; every string passes through `redact`.
 */
function* reportFileText(config, collection, evaluation, stepFailed, redact) {
    const json = (value, indent) => JSON.stringify(value, (_key, item) => (typeof item === 'string' ? redact(item) : item), indent);
    const outcome = {
        result: evaluation.result,
        passed: evaluation.result === 'passed',
        stepFailed,
        lowestScore: evaluation.lowestScore,
        verdict: verdictLine(evaluation)
    };
    const lists = [
        ['records', recordsWorstFirst(evaluation, collection)],
        ['breaches', evaluation.breaches],
        ['missing', evaluation.missing],
        ['failures', evaluation.failures]
    ];
    let chunk = `{\n  "config": ${indented(json(publicConfig(config), 2))},\n  "outcome": ${indented(json(outcome, 2))}`;
    for (const [name, items] of lists) {
        chunk += `,\n  "${name}": [`;
        let separator = '\n    ';
        for (const item of items) {
            chunk += `${separator}${json(item)}`;
            separator = ',\n    ';
            if (chunk.length >= CHUNK_CHARS) {
                yield chunk;
                chunk = '';
            }
        }
        chunk += separator === '\n    ' ? ']' : '\n  ]';
    }
    yield `${chunk}\n}\n`;
}
/** JSON pretty-printed at the top level, nested one level deeper. */
function indented(text) {
    return text.replace(/\n/g, '\n  ');
}
function publicConfig(config) {
    const { apiKey, github, ...rest } = config;
    const { token, ...settings } = github;
    void [apiKey, token]; // left out on purpose
    return { ...rest, github: settings };
}

;// CONCATENATED MODULE: ./src/action-sinks.ts











/**
 * Everything the Action does once its inputs are valid: the check, then its outputs, annotations,
 * job summary, check run and comment, then the step's verdict. Loaded only after the inputs
 * parse, so a step with a bad input never pays for loading @actions/core, undici or Octokit.
 */
async function checkAndReport(config, clock) {
    const redact = (0,src_redact/* redactor */.$)(config.apiKey);
    try {
        if (config.github.token)
            core/* setSecret */.Pq(config.github.token);
        const { collection, evaluation } = await runCheck(config, { clock, log: core/* info */.pq });
        await publish(evaluation, collection, config, redact);
        finish(evaluation, config);
    }
    catch (error) {
        core/* setFailed */.C1(redact(`Unexpected failure: ${error instanceof Error ? error.message : String(error)}`));
    }
}
async function publish(evaluation, collection, config, redact) {
    for (const { name, value, omitted = 0 } of eachOutput(evaluation, collection)) {
        core/* setOutput */.uH(name, value);
        if (omitted > 0)
            core/* info */.pq(`The ${name} output leaves out ${omitted} entries to stay under GitHub's 1 MB output limit (worst accounts kept); the report-file output has them all.`);
    }
    await bestEffort('the report file', async () => core/* setOutput */.uH('report-file', await writeReportFile(evaluation, collection, config, redact)));
    const markdown = redact(renderSummary(evaluation, config, GITHUB_TEXT_LIMIT_BYTES).markdown);
    core/* setOutput */.uH('markdown', markdown);
    annotate(evaluation, config);
    if (config.summary) {
        const { markdown: summary, omittedRows } = renderSummary(evaluation, config);
        if (omittedRows > 0)
            core/* info */.pq(`The job summary leaves out ${omittedRows} rows to stay under GitHub's 1 MiB limit.`);
        await bestEffort('the job summary', () => core/* summary */.z.addRaw(redact(summary)).write());
    }
    const report = { conclusion: conclusionOf(evaluation.result, shouldFail(evaluation, config)), title: checkTitle(evaluation), markdown };
    await reportToGitHub(report, config.github, process.env, { debug: core/* debug */.Yz, warning: core/* warning */.$e });
}
/** Reporting never decides the step: a sink that fails (no summary file on an old GHES, say) warns. */
async function bestEffort(what, write) {
    try {
        await write();
    }
    catch (error) {
        core/* warning */.$e(`Could not write ${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
}
/** GitHub shows ten annotations of each level per step; more only fill the log. */
const ANNOTATIONS_PER_KIND = 10;
function annotate(evaluation, config) {
    const level = (fails) => (fails ? core/* error */.z3 : core/* warning */.$e);
    // Red only when breaches fail the step; a report-only run shows them as warnings.
    const breaching = evaluation.accounts.filter((verdict) => verdict.breaches > 0);
    const breachMessages = breaching.slice(0, ANNOTATIONS_PER_KIND).map(breachMessage);
    annotateFirst(breachMessages, breaching.length, level(config.failOnBreach), 'Engagement quality below threshold', 'accounts below threshold');
    if (config.missingScores !== 'ignore') {
        const missing = evaluation.accounts.filter((verdict) => verdict.missing > 0);
        const missingMessages = missing.slice(0, ANNOTATIONS_PER_KIND).map((verdict) => missingMessage(verdict, config));
        annotateFirst(missingMessages, missing.length, level(config.missingScores === 'fail'), 'Missing engagement quality score', 'accounts without a score');
    }
    const failures = evaluation.failures.map((failure) => `${failure.account ?? `every subuser on ${failure.date}`}: ${failure.message}`);
    annotateFirst(failures.slice(0, ANNOTATIONS_PER_KIND), failures.length, level(config.onError === 'fail'), 'Could not read scores', 'accounts or days not read');
}
/** `shown` (at most ANNOTATIONS_PER_KIND) as annotations, then one that counts the rest of `count`. */
function annotateFirst(shown, count, annotate, title, rest) {
    for (const message of shown)
        annotate(message, { title });
    const more = count - shown.length;
    if (more > 0)
        annotate(`…and ${more} more ${rest}; the job summary and the report-file output list them all.`, { title });
}
/** The account's first breach, and how many more it has. */
function breachMessage(verdict) {
    const [first] = verdict.rows().flatMap((row) => row.breaches);
    return `${first ? describeBreach(first) : verdict.account}${verdict.breaches > 1 ? ` (and ${verdict.breaches - 1} more)` : ''}`;
}
function missingMessage(verdict, config) {
    const days = config.evaluate === 'all' ? verdict.rows().flatMap((row) => (row.missing ? [row.date] : [])) : [];
    const when = days.length > 0 ? `on ${days.length === 1 ? days[0] : `${days.length} days (${days[0]} to ${days.at(-1)})`}` : `for ${config.from} to ${config.to}`;
    return `${verdict.account}: no engagement quality score ${when}. SendGrid scores only accounts with open tracking on that sent about 1,000 messages in the last 30 days.`;
}
/** Writes the whole run as JSON to RUNNER_TEMP (no API key, no token) and returns its path. */
async function writeReportFile(evaluation, collection, config, redact) {
    const path = (0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), `sendgrid-engagement-quality-${(0,external_node_crypto_.randomUUID)()}.json`);
    await (0,promises_.writeFile)(path, reportFileText(config, collection, evaluation, shouldFail(evaluation, config), redact));
    return path;
}
function finish(evaluation, config) {
    const verdict = verdictLine(evaluation);
    if (shouldFail(evaluation, config))
        core/* setFailed */.C1(verdict);
    else if (evaluation.result === 'passed')
        core/* info */.pq(verdict);
    else
        core/* warning */.$e(verdict);
}


/***/ })

};

//# sourceMappingURL=458.index.js.map