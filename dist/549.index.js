export const id = 549;
export const ids = [549];
export const modules = {

/***/ 8549:
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
;// CONCATENATED MODULE: ./src/records/collection.ts
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

// EXTERNAL MODULE: ./src/dates.ts
var src_dates = __webpack_require__(7718);
;// CONCATENATED MODULE: ./src/sendgrid/planner.ts

function planRequests({ parent, subusers, from, to }) {
    const days = (0,src_dates/* eachDay */.aj)(from, to);
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
        return `${this.headline()}: ${this.pending()}, ${(0,src_dates/* formatDuration */.a3)(waitedMs)} of ${(0,src_dates/* formatDuration */.a3)(waitTimeoutMs)}`;
    }
    /** `Fetched in 47s: 14 requests, 9 polls after 202, 1 retry` */
    costLine(tookMs) {
        const pauses = this.pauses > 0 ? `, ${count(this.pauses, 'pause', 'pauses')} for the rate limit` : '';
        const counts = [count(this.requests, 'request', 'requests'), count(this.polls, 'poll after 202', 'polls after 202'), count(this.retries, 'retry', 'retries')];
        return `Fetched in ${(0,src_dates/* formatDuration */.a3)(tookMs)}: ${counts.join(', ')}${pauses}`;
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
    const waited = (0,src_dates/* formatDuration */.a3)(waitedMs);
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

// EXTERNAL MODULE: ./src/json.ts
var src_json = __webpack_require__(8301);
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
        if ((0,src_json/* isObject */.G)(entry) && typeof entry.username === 'string' && entry.username !== '')
            return entry.username;
    return undefined;
}
/** An optional field that is absent or null: SendGrid omitted it. */
function omitted(value) {
    return value === undefined || value === null;
}
function resultOf(body, { required }) {
    const object = (0,src_json/* isObject */.G)(body) && !Array.isArray(body);
    if (object && !required && omitted(body.result))
        return [];
    if (!object || !Array.isArray(body.result))
        throw new OffSchemaError('the body has no "result" array');
    return body.result;
}
/** The next page's key; absent, null and "" all end the paging. */
function afterKeyOf(body) {
    const metadata = (0,src_json/* isObject */.G)(body) ? body._metadata : undefined;
    const next = (0,src_json/* isObject */.G)(metadata) ? metadata.next_params : undefined;
    const key = (0,src_json/* isObject */.G)(next) ? next.after_key : undefined;
    if (omitted(key) || key === '')
        return undefined;
    if (typeof key !== 'string' && typeof key !== 'number')
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
/**
 * An entry of a request for `requested`. Without a date it is the requested day, when there was
 * only one. A listing page's 1,000 entries each carry that one day, which spares their full check.
 */
function parseEntry(entry, index, account, requested) {
    if (!(0,src_json/* isObject */.G)(entry))
        throw new OffSchemaError(`${entryAt(index)} is ${JSON.stringify(entry)}, expected an object`);
    const userId = entry.user_id;
    if ((typeof userId !== 'string' || userId === '') && typeof userId !== 'number')
        throw new OffSchemaError(`${entryAt(index)}.user_id is missing`);
    const date = dateOf(entry.date, index, requested);
    const username = typeof entry.username === 'string' && entry.username !== '' ? entry.username : undefined;
    const record = { account: account ?? username ?? unnamedLabel(String(userId)), user_id: String(userId), date };
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
    if (typeof date !== 'string' || !(0,src_dates/* isDay */.N)(date))
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
    if (!(0,src_json/* isObject */.G)(value))
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
            throw unjudgeable(`${record.account} appears twice for ${record.date}`);
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
async function collectScores(config, client, polling, concurrency = DEFAULT_CONCURRENCY) {
    const places = new Places(concurrency);
    const { progress = new FetchProgress(), wording = messages/* ACTION_WORDING */.Ge } = polling;
    const run = {
        client,
        polling: { ...polling, progress, wording, whileComputing: (wait) => places.setAside(wait) },
        places,
        pacer: new Pacer(polling.clock, polling.deadlineMs, DEFAULT_PACING, (wait) => progress.hold('paced', wait)),
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
    const parentAccount = parent ? (run.parentAccount ?? PARENT_LABEL) : undefined;
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
        const account = job.kind === 'account' ? (job.onBehalfOf ?? PARENT_LABEL) : undefined;
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
    const account = records[0]?.account ?? onBehalfOf ?? PARENT_LABEL;
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
;// CONCATENATED MODULE: ./src/gate/thresholds.ts
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

;// CONCATENATED MODULE: ./src/gate/trends.ts
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

;// CONCATENATED MODULE: ./src/gate/evaluate.ts





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
        days: (0,src_dates/* eachDay */.aj)(config.from, config.to),
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
        warnings: new LazyList(warnings, function* () {
            for (const verdict of accounts)
                if (verdict.warnings > 0)
                    for (const row of verdict.rows())
                        yield* row.warnings;
        }),
        atRisk: sumOf(accounts, (verdict) => (verdict.atRisk ? 1 : 0)),
        missing: new LazyList(missing, () => missingOf(accounts, config)),
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
function evaluate_resultOf(breaches, failingMissing, failures) {
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
    const thresholdsOf = thresholdsFor(config.accountThresholds ?? [], config);
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
    for (const metric of score_record/* METRICS */.C)
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
    const drop = dropOf(daily);
    const breached = maxDrop !== undefined && breachesMaxDrop(drop, maxDrop);
    const warned = !breached && warnDrop !== undefined && breachesMaxDrop(drop, warnDrop);
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
    const mean = (values) => values.length === 0 ? undefined : round2(values.reduce((sum, value) => sum + value, 0) / values.length);
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
        verdict.atRisk ? 0 : 1,
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
        return this.get({ endpoint: 'account', onBehalfOf }, { from, to }, timeoutMs);
    }
    subuserScores(date, afterKey, timeoutMs) {
        const query = { date, limit: String(SUBUSER_PAGE_LIMIT) };
        if (afterKey !== undefined)
            query.after_key = afterKey;
        return this.get({ endpoint: 'listing' }, query, timeoutMs);
    }
    async get(target, query, timeoutMs) {
        const { endpoint, onBehalfOf } = target;
        const path = endpoint === 'account' ? SCORES_PATH : SUBUSER_SCORES_PATH;
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
        if ((0,src_json/* isObject */.G)(value))
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
        const body = (0,src_json/* parseJson */.q)(text);
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
    if (status === 401 && context.onBehalfOf !== undefined)
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
    const body = (0,src_json/* parseJson */.q)(text);
    const messages = [];
    const fields = [];
    if ((0,src_json/* isObject */.G)(body)) {
        if (Array.isArray(body.errors)) {
            for (const item of body.errors) {
                if (!(0,src_json/* isObject */.G)(item) || typeof item.message !== 'string')
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
        return `no complete answer from ${host} within ${(0,src_dates/* formatDuration */.a3)(timeoutMs)} (${wording.setting('request-timeout')})`;
    const proxyStatus = proxyRefusal(error);
    if (proxyStatus !== undefined)
        return `the proxy refused to connect to ${host} (HTTP ${proxyStatus}); check HTTPS_PROXY, HTTP_PROXY and NO_PROXY, and the proxy's credentials`;
    const code = errorCode(error);
    const reason = (0,src_json/* isObject */.G)(error) && typeof error.message === 'string' ? error.message : String(error);
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
    const message = (0,src_json/* isObject */.G)(error) && typeof error.message === 'string' ? error.message : '';
    const status = /^Proxy response \((\d{3})\) !== 200 when HTTP Tunneling$/.exec(message)?.[1];
    return status === undefined ? undefined : Number(status);
}
function errorCode(error) {
    if (!(0,src_json/* isObject */.G)(error))
        return undefined;
    if (typeof error.code === 'string')
        return error.code;
    return errorCode(error.cause);
}

;// CONCATENATED MODULE: ./src/engine.ts







async function runCheck(config, options = {}) {
    const dispatcher = dispatcherFromEnvironment();
    try {
        const client = new SendGridClient({ apiKey: config.apiKey, baseUrl: config.baseUrl, region: config.region, dispatcher, wording: options.wording });
        const collection = await fetchScores(config, client, options);
        return { collection, evaluation: evaluate(collection, config) };
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
async function fetchScores(config, client, { clock = src_clock/* realClock */.d, log = () => { }, wording = messages/* ACTION_WORDING */.Ge } = {}) {
    log(`Fetching SendGrid engagement quality scores for ${config.from} to ${config.to} from ${client.host}`);
    const startedMs = clock.now();
    const progress = new FetchProgress();
    const fetched = new AbortController();
    void reportProgress(progress, { clock, log, startedMs, waitTimeoutMs: config.waitTimeoutMs, until: fetched.signal });
    try {
        return await collectScores(config, client, {
            policy: { ...DEFAULT_POLICY, pollIntervalMs: config.pollIntervalMs },
            clock,
            deadlineMs: startedMs + config.waitTimeoutMs,
            requestTimeoutMs: config.requestTimeoutMs,
            progress,
            wording
        });
    }
    finally {
        fetched.abort();
        log(progress.costLine(clock.now() - startedMs));
    }
}
/** A line of `progress` every progressIntervalMs until the fetch ends; never awaited, never throws. */
async function reportProgress(progress, { clock, log, startedMs, waitTimeoutMs, until }) {
    const intervalMs = progressIntervalMs(waitTimeoutMs);
    try {
        for (;;) {
            await clock.sleep(intervalMs, until);
            if (until.aborted)
                return;
            log(progress.waitingLine(clock.now() - startedMs, waitTimeoutMs));
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

;// CONCATENATED MODULE: ./src/report/github-api.ts

/** Each sink gives up after this long in all; the verdict stands either way. */
const GITHUB_TIMEOUT_MS = 60_000;
/** The repository the run belongs to (GITHUB_REPOSITORY); undefined outside one. */
function repositoryOf(env) {
    const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? '').split('/');
    return owner && repo && rest.length === 0 ? { owner, repo } : undefined;
}
/** A client for `token` that talks to GITHUB_API_URL (GitHub Enterprise Server) or else github.com. */
async function connect(token, env) {
    const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
    return getOctokit(token, { baseUrl: apiUrl(env), request: { signal: AbortSignal.timeout(GITHUB_TIMEOUT_MS) } });
}
function apiUrl(env) {
    return (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
}
/** The HTTP status GitHub answered, when the failure was an answer. */
function statusOf(error) {
    return (0,src_json/* isObject */.G)(error) && typeof error.status === 'number' ? error.status : undefined;
}

;// CONCATENATED MODULE: ./src/report/github.ts




/** GitHub refuses a check-run summary, a comment body or an issue body over 65,535 characters. */
const GITHUB_TEXT_LIMIT = 65_535;
/** success when passed; neutral when pending or when the step does not fail (report only); else failure. */
function conclusionOf(result, stepFails) {
    if (result === 'passed')
        return 'success';
    if (result === 'pending' || !stepFails)
        return 'neutral';
    return 'failure';
}
const VERDICTS = { passed: 'Passed', failed: 'Failed', error: 'Could not be checked', pending: 'Still pending' };
/** `Failed · lowest score 2 · 3 breaches`, `Passed · lowest score 3.5 · 2 at risk` */
function checkTitle(evaluation) {
    const lowest = evaluation.lowestScore === undefined ? 'no score' : `lowest score ${evaluation.lowestScore}`;
    const breaches = evaluation.breaches.length;
    const count = breaches === 0 ? '' : ` · ${breaches} breach${breaches === 1 ? '' : 'es'}`;
    const atRisk = evaluation.atRisk === 0 ? '' : ` · ${evaluation.atRisk} at risk`;
    return `${VERDICTS[evaluation.result]} · ${lowest}${count}${atRisk}`;
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
    const repository = repositoryOf(env);
    if (!repository)
        return undefined;
    const pullRequest = (0,src_json/* isObject */.G)(payload) && (0,src_json/* isObject */.G)(payload.pull_request) ? payload.pull_request : undefined;
    const headSha = (0,src_json/* isObject */.G)(pullRequest?.head) && typeof pullRequest.head.sha === 'string' ? pullRequest.head.sha : undefined;
    const sha = headSha ?? env.GITHUB_SHA;
    if (!sha)
        return undefined;
    const number = typeof pullRequest?.number === 'number' ? pullRequest.number : undefined;
    return { ...repository, eventName: env.GITHUB_EVENT_NAME ?? '', sha, pullRequest: number };
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
    const octokit = await connect(settings.token, env);
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
            log.warning(`Could not ${what}: ${(0,messages/* messageOf */.bD)(error)}. The gate's verdict is not affected.`);
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
        return (0,src_json/* parseJson */.q)(await (0,promises_.readFile)(path, 'utf8'));
    }
    catch {
        return undefined;
    }
}
function forbiddenMessage(what, error) {
    return (`Could not ${what}: GitHub answered 403 (${(0,messages/* messageOf */.bD)(error)}). ` +
        'Pull requests from forks get a read-only token; elsewhere give the job `permissions: checks: write, pull-requests: write`. ' +
        "Nothing more is sent to GitHub; the gate's verdict is not affected.");
}

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

;// CONCATENATED MODULE: ./src/report/verdict.ts



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
const SUBJECTS = ['score', ...score_record/* METRICS */.C];
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
        const days = mode === 'all' ? ` on ${plural(sumOf(breaching, (verdict) => verdict.breachCounts[subject] ?? 0), 'day')}` : '';
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

;// CONCATENATED MODULE: ./src/report/tracking-issue.ts








/**
 * The tracking issue: one open issue per check-name while the gate fails. A failed run opens it
 * or brings its title and report up to date, and comments only when accounts newly fail or
 * recover; a passing run comments and closes it. A run that could not check (an outage says
 * nothing about deliverability) neither opens nor closes it, and comments once per reason.
 * What the last run found is kept in the issue itself, in a hidden line of its body.
 */
const TRACKING_LABEL = 'engagement-quality';
/** The state's JSON takes at most this many characters (8,000 in base64); the report gets the rest of the body. */
const STATE_JSON_LIMIT = 6_000;
/** How many accounts a comment names in each list before it says "and N more". */
const LISTED = 20;
const STATE_PREFIX = '<!-- sendgrid-engagement-quality-gate-state: ';
/** Opens, updates, comments on or closes the check's tracking issue; returns its URL when it did any, else ''. */
async function trackIssue(run, env, log) {
    const settings = run.config.github;
    if (!settings.trackingIssue)
        return '';
    if (!settings.token)
        return noIssue(log, 'No github-token (not running on GitHub Actions): no tracking issue.');
    const repository = repositoryOf(env);
    if (!repository)
        return noIssue(log, 'No GITHUB_REPOSITORY: no tracking issue.');
    let step = 'find the tracking issue';
    try {
        const octokit = await connect(settings.token, env);
        const found = await findOpenIssue(octokit, repository, commentMarker(settings.checkName));
        const plan = redacted(planIssue({ ...run, runUrl: run.runUrl ?? runUrlOf(env) }, found), run.redact);
        return await carryOut(octokit, repository, found, plan, (next) => (step = next));
    }
    catch (error) {
        log.warning(failureMessage(step, error));
        return '';
    }
}
function redacted(plan, redact = (text) => text) {
    const { open, comment, edit } = plan;
    return {
        open: open && { title: redact(open.title), body: redact(open.body) },
        comment: comment && redact(comment),
        edit: edit && { ...edit, title: edit.title && redact(edit.title), body: redact(edit.body) }
    };
}
function noIssue(log, why) {
    log.debug(why);
    return '';
}
/** The oldest open issue with the label and this check's marker, reading every page until found. */
async function findOpenIssue(octokit, repository, marker) {
    const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
        ...repository,
        state: 'open',
        labels: TRACKING_LABEL,
        sort: 'created',
        direction: 'asc',
        per_page: 100
    });
    for await (const { data } of pages) {
        // The issues list holds pull requests too.
        const found = data.find((issue) => !issue.pull_request && issue.body?.includes(marker));
        if (found)
            return { number: found.number, url: found.html_url, body: found.body ?? '' };
    }
    return undefined;
}
async function carryOut(octokit, repository, found, plan, step) {
    if (plan.open) {
        step('open the tracking issue');
        const { data } = await octokit.rest.issues.create({ ...repository, ...plan.open, labels: [TRACKING_LABEL] });
        return data.html_url;
    }
    if (!found || !(plan.comment || plan.edit))
        return '';
    const issue = { ...repository, issue_number: found.number };
    if (plan.comment) {
        step('comment on the tracking issue');
        await octokit.rest.issues.createComment({ ...issue, body: plan.comment });
    }
    if (plan.edit) {
        const { close, ...edit } = plan.edit;
        step(close ? 'close the tracking issue' : 'update the tracking issue');
        await octokit.rest.issues.update({ ...issue, ...edit, ...(close ? { state: 'closed', state_reason: 'completed' } : {}) });
    }
    return found.url;
}
/** 403: no `issues: write`; 404 or 410: issues turned off (or no access). Either way, what to add. */
function failureMessage(step, error) {
    const status = statusOf(error);
    const answered = `Could not ${step}: GitHub answered ${status} (${(0,messages/* messageOf */.bD)(error)}).`;
    const verdict = "The gate's verdict is not affected.";
    if (status === 403)
        return `${answered} Give the job \`permissions: issues: write\` for tracking-issue (pull requests from forks get a read-only token). ${verdict}`;
    if (status === 404 || status === 410)
        return `${answered} Turn Issues on in the repository's settings and give the job \`permissions: issues: write\`, or set tracking-issue: false. ${verdict}`;
    return `Could not ${step}: ${(0,messages/* messageOf */.bD)(error)}. ${verdict}`;
}
/** The workflow run's page, from the runner's variables. */
function runUrlOf(env) {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: id } = env;
    return server && repository && id ? `${server.replace(/\/+$/, '')}/${repository}/actions/runs/${id}` : undefined;
}
/** What to do to the issue after this run, given the open one (if any). Pure: the tests' way in. */
function planIssue(run, found) {
    const { evaluation } = run;
    const marker = commentMarker(run.config.github.checkName);
    const previous = found && readState(found.body);
    const title = `${run.config.github.checkName}: ${checkTitle(evaluation)}`;
    switch (evaluation.result) {
        case 'failed': {
            const state = stateOf(evaluation, run.config, previous);
            const body = issueBody(marker, state, run.markdown);
            if (!found)
                return { open: { title, body } };
            const changes = previous && changesSince(previous, state);
            return { comment: changes && changeComment(changes, evaluation, run.runUrl), edit: { title, body } };
        }
        case 'passed':
            if (!found)
                return {};
            return {
                comment: `✅ Recovered: every account at or above threshold from ${run.config.from} to ${run.config.to}${seeRun(run.runUrl)}.`,
                edit: { title, body: issueBody(marker, stateOf(evaluation, run.config), run.markdown), close: true }
            };
        case 'error':
        case 'pending': {
            if (!found)
                return {};
            const outage = outageOf(evaluation);
            if (previous?.outage === outage.reason)
                return {};
            const state = { ...(previous ?? stateOf(evaluation, run.config)), outage: outage.reason };
            return { comment: outageComment(outage.examples, evaluation, run.runUrl), edit: { body: issueBody(marker, state, reportOf(found.body)) } };
        }
    }
}
/** The marker that finds the issue, the state, then the report. */
function issueBody(marker, state, report) {
    const head = `${marker}\n${STATE_PREFIX}${Buffer.from(JSON.stringify(state)).toString('base64')} -->\n`;
    return `${head}${fitText(report, GITHUB_TEXT_LIMIT - head.length)}`;
}
/** The body without its two hidden lines: the report of the last run that could check. */
function reportOf(body) {
    return body.replace(/^<!-- sendgrid-engagement-quality-gate[^\n]*\n/, '').replace(/^<!-- sendgrid-engagement-quality-gate-state: [^\n]*\n/, '');
}
/** The state kept in `body`; undefined when there is none or it was edited out of shape. */
function readState(body) {
    const start = body.indexOf(STATE_PREFIX);
    if (start < 0)
        return undefined;
    const encoded = body.slice(start + STATE_PREFIX.length, body.indexOf(' -->', start));
    const state = (0,src_json/* parseJson */.q)(Buffer.from(encoded, 'base64').toString('utf8'));
    const valid = (0,src_json/* isObject */.G)(state) &&
        Array.isArray(state.failing) &&
        state.failing.every(isFailingEntry) &&
        typeof state.more === 'number' &&
        typeof state.digest === 'string' &&
        (state.outage === undefined || typeof state.outage === 'string');
    return valid ? state : undefined;
}
function isFailingEntry(entry) {
    const isKind = (kind) => kind === 'missing' || (typeof kind === 'string' && Object.hasOwn(METRIC_NAMES, kind));
    return Array.isArray(entry) && typeof entry[0] === 'string' && Array.isArray(entry[1]) && entry[1].every(isKind);
}
/**
 * What fails in each account now. An account that could not be read keeps what failed in it
 * before: not reading it says nothing about it.
 */
function stateOf(evaluation, config, previous) {
    const before = new Map(previous?.failing);
    const failing = [];
    for (const verdict of evaluation.accounts) {
        const kinds = verdict.failure ? (before.get(verdict.account) ?? []) : failingIn(verdict, config);
        if (kinds.length > 0)
            failing.push([verdict.account, kinds]);
    }
    const digest = digestOf(failing);
    let kept = 0;
    let length = 0;
    for (const entry of failing) {
        length += JSON.stringify(entry).length + 1;
        if (length > STATE_JSON_LIMIT)
            break;
        kept++;
    }
    return { failing: failing.slice(0, kept), more: failing.length - kept, digest };
}
function failingIn(verdict, config) {
    const kinds = verdict.worstBreaches.map((breach) => breach.metric);
    if (config.missingScores === 'fail' && verdict.missing > 0)
        kinds.push('missing');
    return kinds;
}
function digestOf(failing) {
    const canonical = failing.map(([account, kinds]) => JSON.stringify([account, [...kinds].sort()])).sort();
    return (0,external_node_crypto_.createHash)('sha256').update(canonical.join('\n')).digest('base64').slice(0, 22);
}
/** Undefined when the same accounts fail in the same ways. */
function changesSince(previous, now) {
    if (previous.digest === now.digest)
        return undefined;
    if (previous.more > 0 || now.more > 0)
        return { failing: [], recovered: [], counts: { before: previous.failing.length + previous.more, now: now.failing.length + now.more } };
    return { failing: difference(now.failing, previous.failing), recovered: difference(previous.failing, now.failing) };
}
/** What fails in `a` but not in `b`, by account. */
function difference(a, b) {
    const inB = new Map(b);
    return a.flatMap(([account, kinds]) => {
        const left = kinds.filter((kind) => !inB.get(account)?.includes(kind));
        return left.length > 0 ? [[account, left]] : [];
    });
}
function changeComment(changes, evaluation, runUrl) {
    const head = `**Changed since the last run**${seeRun(runUrl)}:`;
    if (changes.counts)
        return `${head} ${changes.counts.now} accounts fail now, ${changes.counts.before} did then; too many to follow one by one, so the description lists them.`;
    const verdicts = new Map(evaluation.accounts.map((verdict) => [verdict.account, verdict]));
    const newly = changes.failing.flatMap(([account, kinds]) => kinds.map((kind) => describeFailing(verdicts.get(account), account, kind)));
    const recovered = changes.recovered.map(([account, kinds]) => `${account}: ${kinds.map(labelOf).join(', ')} at or above threshold`);
    const sections = [
        newly.length > 0 ? `Newly failing:\n${listOf(newly)}` : undefined,
        recovered.length > 0 ? `Recovered:\n${listOf(recovered)}` : undefined
    ];
    return fitText([head, ...sections].filter(Boolean).join('\n\n'));
}
/** `promo-1: spam rate is 2 on 2026-05-07, below 4`: the account's worst breach of that metric. */
function describeFailing(verdict, account, kind) {
    if (kind === 'missing')
        return `${account}: no engagement quality score (missing-scores: fail)`;
    const breach = verdict?.worstBreaches.find((candidate) => candidate.metric === kind);
    return breach ? describeBreach(breach) : `${account}: ${labelOf(kind)} below threshold`;
}
function labelOf(kind) {
    return kind === 'missing' ? 'missing score' : METRIC_NAMES[kind];
}
/**
 * Why a run could not check: a reason that stays the same while the cause does, and an example of
 * each cause. Not the words: waits, attempts, reset times and the accounts named differ from run
 * to run, and their units with them (`after 869ms`, then `after 1s`).
 */
function outageOf(evaluation) {
    const byCause = new Map();
    for (const failure of evaluation.failures) {
        const cause = causeOf(failure);
        const seen = byCause.get(cause);
        if (seen)
            seen.count++;
        else
            byCause.set(cause, { example: `${failedSubject(failure)}: ${failure.message}`, count: 1 });
    }
    // How many requests wait-timeout left unsent depends on timing; it says something only alone.
    const causes = [...byCause.keys()];
    const sent = causes.filter((cause) => !cause.endsWith(NOT_SENT));
    const reason = (sent.length > 0 ? sent : causes).sort().join(', ');
    const examples = [...byCause.values()].map(({ example, count }) => (count > 1 ? `${example} (and ${count - 1} more like it)` : example));
    return { reason, examples };
}
const NOT_SENT = 'not sent';
/** `error scores 500`, `error listing ECONNREFUSED`, `pending scores 202`: what a failure is. */
function causeOf({ outcome, cause }) {
    return `${outcome} ${cause.endpoint} ${cause.status ?? cause.network ?? NOT_SENT}`;
}
function outageComment(examples, evaluation, runUrl) {
    const what = evaluation.result === 'pending' ? 'SendGrid had not finished computing the scores' : 'SendGrid or the network failed';
    const head = `⚠️ **Could not check**${seeRun(runUrl)}: ${what}. That says nothing about deliverability, ` +
        'so the issue stays open and its description keeps the last report. This comes once per reason.';
    return fitText(`${head}\n\n${listOf(examples)}`);
}
/** At most LISTED lines as a Markdown list, then how many more. */
function listOf(lines) {
    const shown = lines.slice(0, LISTED).map((line) => `- ${escapeMarkdown(line)}`);
    if (lines.length > LISTED)
        shown.push(`- _and ${lines.length - LISTED} more_`);
    return shown.join('\n');
}
function seeRun(runUrl) {
    return runUrl ? ` ([run](${runUrl}))` : '';
}

;// CONCATENATED MODULE: ./src/report/bytes.ts
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
    return new LazyList(collection.records.length, () => worstFirst(evaluation, collection));
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

;// CONCATENATED MODULE: ./src/report/report-file.ts





/** The report file, a ReportDocument as JSON, a chunk at a time. */
function reportFileText({ config, collection, evaluation, stepFailed, redact }) {
    const values = outputs_outputValues(evaluation, collection);
    const document = {
        config: publicConfig(config),
        outcome: outcomeOf(values, evaluation, config, stepFailed),
        records: values.scores,
        breaches: values.failures,
        warnings: values.warnings,
        missing: values.missing,
        failures: evaluation.failures
    };
    return jsonChunks(document, redact);
}
/** The command line's JSON, an OutputsDocument, a chunk at a time: its lists are as long as the report file's. */
function outputsDocumentText({ config, collection, evaluation, stepFailed, redact }) {
    const values = outputValues(evaluation, collection);
    const document = {
        config: publicConfig(config),
        outcome: outcomeOf(values, evaluation, config, stepFailed),
        failures: evaluation.failures,
        outputs: values
    };
    return jsonChunks(document, redact);
}
function outcomeOf(values, evaluation, config, stepFailed) {
    return { result: values.result, passed: values.passed, stepFailed, lowestScore: values['lowest-score'], atRiskCount: values['at-risk-count'], verdict: verdictLine(evaluation, config) };
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
    return inChunks(whole());
}
function isList(value) {
    return Array.isArray(value) || value instanceof LazyList;
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

;// CONCATENATED MODULE: ./src/report/phrases.ts




/** `Checked 2026-11-24 to 2026-11-30 (UTC) · evaluating every day · score ≥ 3 (at risk below 4) · missing scores: warn` */
function thresholdsLine(config, { strong, literal, wording }) {
    const atRisk = (level) => (level === undefined ? '' : ` (at risk below ${level})`);
    const metrics = score_record/* METRICS */.C.flatMap((metric) => {
        const [min, warn] = [config.minMetricScores[metric], config.warnMetricScores?.[metric]];
        if (min === undefined)
            return warn === undefined ? [] : [`${METRIC_NAMES[metric]} at risk below ${warn}`];
        return [`${METRIC_NAMES[metric]} ≥ ${min}${atRisk(warn)}`];
    });
    const mode = { all: 'every day', latest: 'latest scored day per account', average: 'average per account' }[config.evaluate];
    return [
        `Checked ${strong(rangeOf(config).replace('..', ' to '))} (UTC)`,
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
    return evaluation.accounts.find((verdict) => verdict.parent)?.account ?? PARENT_LABEL;
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

;// CONCATENATED MODULE: ./src/report/fixes.ts






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
        return { metric: worst.metric, worst, dates, judged: rows.length, varied, cause: fixes_causeOf(worst, rows, verdict) };
    });
    return problems.sort((a, b) => ORDER.indexOf(a.metric) - ORDER.indexOf(b.metric));
}
/** Metrics first, then the score they pull down, then a drop. */
const ORDER = [...score_record/* METRICS */.C, 'score', 'drop'];
function fixes_causeOf(worst, rows, verdict) {
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
    for (const metric of score_record/* METRICS */.C) {
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
    for (const metric of score_record/* METRICS */.C) {
        const fall = best[metric] - latest[metric];
        if (fall > 0 && (largest === undefined || fall > (largest.from ?? 0) - largest.value))
            largest = { metric, value: latest[metric], from: best[metric] };
    }
    return largest;
}
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
        return `${capitalized(METRIC_NAMES[metric])}: ${earlier.times <= inFull ? ADVICE[metric].join(' ') : `as for ${literal(earlier.first)} above.`}`;
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
    const name = `${mode === 'average' ? 'average ' : ''}${METRIC_NAMES[metric]}`;
    const lowestMetric = cause && !beside.some((other) => other.metric === cause.metric) ? `, lowest metric: ${METRIC_NAMES[cause.metric]} ${cause.value}` : '';
    const level = 'level' in worst ? `at risk below ${worst.level}` : `min ${worst.threshold}`;
    return `${name} ${varied ? 'as low as ' : ''}${strong(String(worst.value))} (${level}${lowestMetric})`;
}
function describeDrop({ worst, cause }, { strong, wording }) {
    const best = worst.best;
    const latest = round2(best.score - worst.value);
    const fell = cause ? `; ${METRIC_NAMES[cause.metric]} fell most, from ${cause.from} to ${cause.value}` : '';
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
    if ((0,src_dates/* daysBetween */.YM)(first, last) + 1 === dates.length)
        return `from ${first} to ${last}, ${dates.length === judged ? 'every day' : share}`;
    if (dates.length <= 3)
        return `on ${listed(dates)}`;
    return `on ${share} between ${first} and ${last}`;
}
/** `a`, `a and b`, `a, b and c`. */
function listed(items) {
    return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

;// CONCATENATED MODULE: ./src/report/junit.ts






/** The XML a chunk at a time: 20,000 accounts stay a few MB, and are never held as one string. */
function junitText(evaluation, config, options) {
    return inChunks(junitPieces(evaluation, config, options));
}
function* junitPieces(evaluation, config, options) {
    const { redact } = options;
    const attribute = (value) => escapeAttribute(redact(value));
    const counts = countsOf(evaluation, config);
    const suite = {
        name: TITLE,
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
    const classname = attribute(parentName(evaluation));
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
    return [verdictLine(evaluation, config), thresholdsLine(config, style), ...atRiskLines(evaluation, config, style)];
}
const plain = (text) => text;
/**
 * Every account at risk, a line each: their tests pass, and the schema lets no case hold output of
 * its own, so the suite's output names them.
 */
function atRiskLines(evaluation, config, style) {
    const { risks } = risksOf(evaluation, Number.POSITIVE_INFINITY);
    if (risks.length === 0)
        return [];
    const lines = risks.map((risk) => `  ${risk.account}${risk.parent ? ' (parent)' : ''}: ${describeProblems(risk.problems, config.evaluate, style)}.`);
    return [`At risk (their tests pass). ${AT_RISK_INTRO}`, ...lines];
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
    const advise = adviser((account) => account, FIX_ACCOUNTS);
    for (const verdict of evaluation.accounts) {
        const element = elementOf(verdict, config);
        if (element === undefined)
            yield { name: verdict.account };
        else if (verdict.failure)
            yield notRead(verdict.account, verdict.failure);
        else if (verdict.breaches > 0)
            yield breach(verdict, fixOf(verdict), advise, config, wording);
        else {
            const sentence = missingSentence(verdict, config);
            yield { name: verdict.account, outcome: { element, type: element === 'failure' ? 'missing score' : undefined, message: sentence, text: sentence } };
        }
    }
    for (const failure of failuresOfNoAccount(evaluation))
        yield notRead(failedSubject(failure), failure);
}
/** Failures that no account's test carries: the days of the subuser listing that could not be read. */
function failuresOfNoAccount({ accounts, failures }) {
    const carried = new Set(accounts.map((verdict) => verdict.failure));
    return failures.filter((failure) => !carried.has(failure));
}
function notRead(name, failure) {
    return { name, outcome: { element: 'error', type: failure.outcome, message: failure.message, text: `Could not read ${failedSubject(failure)}: ${failure.message}` } };
}
/**
 * The message says what fails, as What to fix does; the text says it again (GitLab shows the text
 * alone), then the days below threshold, the advice, and any missing score.
 */
function breach(verdict, fix, advise, config, wording) {
    const message = capitalized(describeProblems(fix.problems, config.evaluate, { strong: (text) => text, wording }));
    const days = config.evaluate === 'average' ? '' : belowThresholdDays(fix);
    const lines = [
        `${message}.`,
        ...(days === '' ? [] : [`Days below threshold: ${days}.`]),
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
        if (run && (0,src_dates/* addDays */.fi)(run.at(-1), 1) === day)
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
    return listed(runs.flatMap((run) => (run.length < 3 ? run.map(written) : [`${written(run[0])} to ${written(run.at(-1))}`])));
}
/** `No score in the range. SendGrid scores only accounts…`: what is missing, and what that likely means. */
function missingSentence(verdict, config) {
    return `${capitalized(missingText(verdict, config, (text) => text))}.${verdict.note ? '' : ` ${NOT_ELIGIBLE}`}`;
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
        samples: ({ labels, latest }) => score_record/* METRICS */.C.flatMap((metric) => (latest?.metrics ? [[metricLabels(labels, metric), latest.metrics[metric]]] : []))
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
        samples: ({ labels, thresholds }) => score_record/* METRICS */.C.flatMap((metric) => {
            const threshold = thresholds.minMetricScores[metric];
            return threshold === undefined ? [] : [[metricLabels(labels, metric), threshold]];
        })
    }
];
/** The exposition a chunk at a time; each account is read from the store once, whatever the number of families. */
function openMetricsText(evaluation, { redact }) {
    return inChunks(openMetricsPieces(evaluation, redact));
}
function* openMetricsPieces(evaluation, redact) {
    // The parent on every series, the run's result too: two runs' files in one textfile folder must not collide.
    const parent = `parent="${escapeLabelValue(redact(parentName(evaluation)))}"`;
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
const SECONDS = FIRST_METRIC + score_record/* METRICS */.C.length;
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
        const metrics = metricsKnown ? Object.fromEntries(score_record/* METRICS */.C.map((metric, at) => [metric, row[FIRST_METRIC + at]])) : undefined;
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
            score_record/* METRICS */.C.forEach((metric, index) => (this.rows[at + FIRST_METRIC + index] = metrics[metric]));
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

;// CONCATENATED MODULE: ./src/report/accounts.ts




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
        ...accounts_statusOf(verdict, mode),
        headline: headlineOf(rows, scores, mode, marks),
        lowest: lowest && { ...lowest, value: lowest.score, ...(mode === 'all' ? marks('score', lowest.date) : unmarked) },
        metrics: metricsOf(rows, mode, marks),
        daily: dailyScores(scores, days),
        trend: trendOf(scores)
    };
}
/** Every account's line, worst first; made as they are read. */
function* accountLines(accounts, mode, range) {
    const days = (0,src_dates/* eachDay */.aj)(range.from, range.to);
    for (const verdict of accounts)
        yield accountLine(verdict, mode, days);
}
function accounts_statusOf(verdict, mode) {
    if (verdict.failure)
        return { status: verdict.failure.outcome, statusDetail: verdict.failure.outcome === 'pending' ? 'pending' : 'not read' };
    if (verdict.breaches > 0)
        return { status: 'breach', statusDetail: statusDetail(verdict.below, verdict.worstBreaches, verdict.judged, mode, 'below') };
    if (verdict.missing > 0) {
        const detail = verdict.missing === verdict.judged ? 'no score' : `${verdict.missing} of ${plural(verdict.judged, 'day')}`;
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
    const below = rows === 0 ? '' : mode === 'all' ? `${rows} of ${plural(judged, 'day')}` : word;
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
    const entries = score_record/* METRICS */.C.map((metric) => {
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
    return `one bar per ${perCell} days${oldest === 0 ? '' : ` (the oldest bar: ${plural(oldest, 'day')})`}, the lowest of their scores`;
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
        const trend = trendOf(scores);
        if (scores.length < days.length)
            choice.gapped++;
        else if (verdict.breaches > 0 || verdict.atRisk)
            flagged.push(verdict);
        else if (trend?.direction === 'down')
            falling.push({ verdict, drop: dropOf(scores)?.by ?? 0, change: trend.change });
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
    const days = (0,src_dates/* eachDay */.aj)(range.from, range.to);
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
        choice.more > 0 ? `${plural(choice.more, 'more account')} in breach, at risk or falling` : '',
        choice.steady > 0 ? `${plural(choice.steady, 'account')} at or above threshold and not falling` : '',
        choice.gapped > 0 ? `${plural(choice.gapped, 'account')} without a score on some days (a line cannot show the gap)` : ''
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

;// CONCATENATED MODULE: ./src/report/summary.ts












/** GitHub refuses a job summary over 1 MiB. */
const JOB_SUMMARY_LIMIT = { max: 1_000_000, measure: byteLength };
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
function renderSummary(evaluation, config, limit = JOB_SUMMARY_LIMIT, wording = ACTION_WORDING) {
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
        const head = `## ${ICONS[evaluation.result]} ${escapeMarkdown(verdictLine(evaluation, config))}\n\n${thresholdsLine(config, style)}\n`;
        this.fixed = { head, fixes: fixesSection(evaluation, config, style), risks: atRiskSection(evaluation, config, style), missing: missingSection(evaluation, config) };
        this.failureLines = new MadeOnce(failureLines(evaluation));
        const multiDay = config.from !== config.to;
        this.accountRows = new MadeOnce(mapped(accountLines(evaluation.accounts, config.evaluate, config), (line) => `${accountRow(line, config.to, multiDay)}\n`));
        this.dayBlocks = new MadeOnce(dayBlocksOf(evaluation, config));
        this.dayBlockCount = dayBlockCount(evaluation, config);
    }
    within(limit) {
        const { head, fixes, risks, missing } = this.fixed;
        const fixed = [head, fixes, risks, this.notCheckedSection(limit), missing].join('');
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
        const days = (0,src_dates/* daysBetween */.YM)(config.from, config.to) + 1;
        const headline = config.evaluate === 'average' ? 'Average' : 'Latest';
        const columns = [['Status', 'l'], ['Account', 'l'], [headline, 'r'], ['Lowest', 'r'], ...score_record/* METRICS */.C.map((metric) => [SHORT_NAMES[metric], 'r']), ...(days > 1 ? [['Daily · trend', 'l']] : [])];
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
        const note = omitted > 0 ? `\n_${plural(omitted, 'more account')} not shown ${NOT_SHOWN}._\n` : '';
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
        return more > 0 ? `${markdown}\n_Daily scores of ${plural(more, 'more block')} left out ${NOT_SHOWN}._\n` : markdown;
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
        yield `- **${escapeMarkdown(failedSubject(failure))}** (${failure.outcome === 'pending' ? 'still pending' : 'error'}): ${escapeMarkdown(failure.message)}`;
}
/**
 * One entry per account in breach, worst first: what fails and when, then what usually fixes it.
 * Advice given once is pointed to after that, so twenty accounts with the same problem stay short.
 */
function fixesSection(evaluation, config, style) {
    const { fixes, more } = fixesOf(evaluation);
    if (fixes.length === 0)
        return '';
    const advice = adviceLines(fixes, escapeMarkdown);
    const entries = fixes.map((fix, index) => `${index + 1}. ${accountName(fix)}: ${describeProblems(fix.problems, config.evaluate, style)}.\n${advice[index]?.map((line) => `   - ${line}`).join('\n')}`);
    const rest = more > 0 ? `\n_…and ${plural(more, 'more account')} below threshold; the table below lists every account._\n` : '';
    const docs = `\nHow SendGrid scores each metric and how to raise it: [SendGrid Engagement Quality (SEQ) documentation](${SEQ_DOCS_URL}).\n`;
    return `\n### What to fix\n\n${entries.join('\n')}\n${rest}${docs}`;
}
/** One line per account at risk, worst first: what is below its warning level, its value and level, and when. */
function atRiskSection(evaluation, config, style) {
    const { risks, more } = risksOf(evaluation);
    if (risks.length === 0)
        return '';
    const entries = risks.map((risk) => `- ${accountName(risk)}: ${describeProblems(risk.problems, config.evaluate, style)}.`);
    if (more > 0)
        entries.push(`- _…and ${plural(more, 'more account')} at risk; the table below lists every account._`);
    return `\n### At risk\n\n${AT_RISK_INTRO}\n\n${entries.join('\n')}\n`;
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
    const lines = missing.slice(0, MISSING_ACCOUNTS).map((verdict) => `- ${accountName(verdict)}: ${missingText(verdict, config, escapeMarkdown)}`);
    if (missing.length > MISSING_ACCOUNTS)
        lines.push(`- _and ${plural(missing.length - MISSING_ACCOUNTS, 'more account')}_`);
    const intro = `No score came back for these. ${NOT_ELIGIBLE}`;
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
        const day = dayBeside(value, lastDay, always);
        return `${value.breached ? `**${value.value}**` : value.atRisk ? `_${value.value}_` : value.value}${day === undefined ? '' : `${NBSP}${day}`}`;
    };
    const metrics = score_record/* METRICS */.C.map((metric) => (line.metrics[metric] === undefined ? '–' : marked(line.metrics[metric])));
    const notRead = line.status === 'error' || line.status === 'pending';
    const daily = !multiDay ? [] : notRead ? ['–'] : [`${trendArrow(line)}\`${sparkline(line.daily)}\``];
    return tableRow([status, account, dated(line.headline, false), dated(line.lowest, true), ...metrics, ...daily]);
}
/** Before the bars, where a reader looks first and a narrow page never hides it. */
function trendArrow({ trend }) {
    return trend === undefined ? '' : `${TREND_ARROWS[trend.direction]}${NBSP}`;
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
    const names = score_record/* METRICS */.C.map((metric) => `${SHORT_NAMES[metric]} = ${METRIC_NAMES[metric]}`).join(', ');
    const daily = days > 1
        ? ` Daily · trend: the trend of a line fitted to every scored day (↗ up, ↘ down, → flat, ↕ varies), then ${barsText(days)}, higher for a higher score, ${NO_SCORE_MARK} without one.`
        : '';
    const warns = warnsAtAll(config);
    const atRisk = `at risk (${AT_RISK_MEANS})`;
    const riskDays = warns ? `${AT_RISK} days ${atRisk}, ` : '';
    const status = config.evaluate === 'all' ? `Status: ❌ days below threshold, ${riskDays}⚠️ days without a score. ` : warns ? `Status: ${AT_RISK} ${atRisk}. ` : '';
    const risky = warns ? ` _Italic_, ${AT_RISK}: below its warning level.` : '';
    const own = (config.accountThresholds ?? []).length > 0 ? ` ${OWN_THRESHOLDS_MARK}: held to its own thresholds (${wording.setting('account-thresholds')}).` : '';
    return `${status}${headline}. Lowest: the lowest daily score. ${capitalized(metricsAre)} (${names}). **Bold**, ❌: below its threshold.${risky}${own}${daily}\n`;
}
/**
 * Under `all`, each account in breach or missing a day gets its days in a folded block that says
 * what happened; the other accounts' days share one block.
 */
function* dayBlocksOf(evaluation, config) {
    // Each block is made, and its rows judged, when it is first shown: blocks that do not fit are never made.
    for (const verdict of evaluation.accounts)
        if (hasOwnDayBlock(verdict, config))
            yield new DayBlock(`${escapeHtml(verdict.account)}: ${dayBlockTitle(verdict)}`, summary_rowsOf([verdict]));
    const others = sharingDayBlock(evaluation, config);
    const [only] = others;
    if (others.length === 1 && only)
        yield new DayBlock(escapeHtml(only.account), only.rows());
    else if (others.length > 1)
        yield new DayBlock(`The other ${others.length} accounts`, summary_rowsOf(others), true);
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
        const columns = [...(withAccount ? [['Account', 'l']] : []), ['Date', 'l'], ['Score', 'r'], ...score_record/* METRICS */.C.map((metric) => [SHORT_NAMES[metric], 'r']), ['Status', 'l']];
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
function* summary_rowsOf(verdicts) {
    for (const verdict of verdicts)
        yield* verdict.rows();
}
function dayBlockTitle(verdict) {
    const parts = [
        verdict.below > 0 ? `${verdict.below} of ${plural(verdict.judged, 'day')} below threshold` : '',
        verdict.worstBreaches.some((breach) => breach.metric === 'drop') ? 'dropped from its best' : '',
        // An account in breach is not at risk, it fails: its days mark the values below a warning level.
        verdict.atRisk && verdict.belowWarning > 0 ? `${verdict.belowWarning} of ${plural(verdict.judged, 'day')} at risk` : '',
        verdict.atRisk && verdict.worstWarnings.some((warning) => warning.metric === 'drop') ? 'at risk of a drop from its best' : '',
        verdict.missing > 0 ? `no score on ${verdict.missing} of ${plural(verdict.judged, 'day')}` : ''
    ];
    return parts.filter(Boolean).join(', ');
}
function dayCells(row) {
    const breached = new Set(row.breaches.map((breach) => breach.metric));
    const warned = new Set(row.warnings.map((warning) => warning.metric));
    const cell = (subject, value) => (value === undefined ? '–' : marked({ value, breached: breached.has(subject), atRisk: warned.has(subject) }));
    const status = row.breaches.length > 0 ? '❌' : row.missing ? '⚠️ no score' : row.warnings.length > 0 ? AT_RISK : '✅';
    return [row.date, cell('score', row.score), ...score_record/* METRICS */.C.map((metric) => cell(metric, row.metrics?.[metric])), status];
}

;// CONCATENATED MODULE: ./src/action/sinks.ts

















/**
 * Everything the Action does once its inputs are valid: the check, then its outputs, annotations,
 * job summary, check run, comment and tracking issue, then the step's verdict. Loaded only after the inputs
 * parse, so a step with a bad input never pays for loading @actions/core, undici or Octokit.
 */
async function checkAndReport(config, clock) {
    const redact = (0,messages/* redactor */.$p)(config.apiKey);
    try {
        if (config.github.token)
            core/* setSecret */.Pq(config.github.token);
        const startedMs = clock.now();
        const { collection, evaluation } = await runCheck(config, { clock, log: core/* info */.pq });
        const tools = { timing: { startedMs, durationMs: clock.now() - startedMs, hostname: (0,external_node_os_.hostname)() }, wording: messages/* ACTION_WORDING */.Ge, redact };
        for (const unused of unusedRules(config.accountThresholds, evaluation.accounts))
            core/* warning */.$e(describeUnusedRule(unused), { title: 'Unused account-thresholds rule' });
        await publish(evaluation, collection, config, tools);
        finish(evaluation, config);
    }
    catch (error) {
        core/* setFailed */.C1(redact(`Unexpected failure: ${(0,messages/* messageOf */.bD)(error)}`));
    }
}
async function publish(evaluation, collection, config, tools) {
    const { redact } = tools;
    for (const { name, value, omitted = 0 } of eachOutput(evaluation, collection)) {
        core/* setOutput */.uH(name, value);
        if (omitted > 0)
            core/* info */.pq(`The ${name} output leaves out ${omitted} entries to stay under GitHub's 1 MB output limit (worst accounts kept); the report-file output has them all.`);
    }
    await bestEffort('write the report file', async () => core/* setOutput */.uH('report-file', await writeReportFile(evaluation, collection, config, redact)), redact);
    // Beside the job summary, for actions that turn JUnit into checks and for dashboards; a relative path is the workspace's.
    for (const file of toolFiles(evaluation, config, process.env.GITHUB_WORKSPACE || process.cwd(), tools)) {
        const write = async () => {
            await writeWhole(file.path, file.text());
            core/* info */.pq(`Wrote ${file.what} to ${file.path}`);
        };
        await bestEffort(`write ${file.input} (${file.path})`, write, redact);
    }
    const report = new Summary(evaluation, config);
    const markdown = redact(report.within(MARKDOWN_OUTPUT_LIMIT).markdown);
    core/* setOutput */.uH('markdown', markdown);
    annotate(evaluation, config);
    if (config.summary) {
        const { markdown: summary, omittedAccounts } = report.within(JOB_SUMMARY_LIMIT);
        if (omittedAccounts > 0)
            core/* info */.pq(`The job summary's table leaves out ${omittedAccounts} accounts to stay under GitHub's 1 MiB limit.`);
        await bestEffort('write the job summary', () => core/* summary */.z.addRaw(redact(summary)).write(), redact);
    }
    const checkRun = { conclusion: conclusionOf(evaluation.result, shouldFail(evaluation, config)), title: checkTitle(evaluation), markdown };
    const log = { debug: core/* debug */.Yz, warning: core/* warning */.$e };
    await bestEffort('report to GitHub', () => reportToGitHub(checkRun, config.github, process.env, log), redact);
    const keepTrackingIssue = async () => core/* setOutput */.uH('tracking-issue', await trackIssue({ evaluation, markdown, config, redact }, process.env, log));
    await bestEffort('keep the tracking issue', keepTrackingIssue, redact);
}
/**
 * Reporting never decides the step: a sink that fails (no summary file on an old GHES, a
 * GITHUB_API_URL Octokit cannot use) warns. The GitHub sinks warn of what they expect themselves.
 */
async function bestEffort(what, write, redact) {
    try {
        await write();
    }
    catch (error) {
        core/* warning */.$e(redact(`Could not ${what}: ${(0,messages/* messageOf */.bD)(error)}`));
    }
}
/** GitHub shows ten annotations of each level per step; more only fill the log. */
const ANNOTATIONS_PER_KIND = 10;
function annotate(evaluation, config) {
    const level = (fails) => (fails ? core/* error */.z3 : core/* warning */.$e);
    // Red only when breaches fail the step; a report-only run shows them as warnings.
    const breaching = evaluation.accounts.filter((verdict) => verdict.breaches > 0);
    const breachMessages = breaching.slice(0, ANNOTATIONS_PER_KIND).map((verdict) => firstFinding(verdict, (row) => row.breaches, describeBreach));
    annotateFirst(breachMessages, breaching.length, level(config.failOnBreach), 'Engagement quality below threshold', 'accounts below threshold');
    // A warning never fails the step, whatever fail-on-breach says; its title says it is no failure.
    const atRisk = evaluation.accounts.filter((verdict) => verdict.atRisk);
    const riskMessages = atRisk.slice(0, ANNOTATIONS_PER_KIND).map((verdict) => firstFinding(verdict, (row) => row.warnings, describeWarning));
    annotateFirst(riskMessages, atRisk.length, core/* warning */.$e, 'Engagement quality at risk (warning only)', 'accounts at risk');
    if (config.missingScores !== 'ignore') {
        const missing = evaluation.accounts.filter((verdict) => verdict.missing > 0);
        const missingMessages = missing.slice(0, ANNOTATIONS_PER_KIND).map((verdict) => missingMessage(verdict, config));
        // A failing missing score fails the step as a breach does, so fail-on-breach: false reports it only.
        annotateFirst(missingMessages, missing.length, level(config.missingScores === 'fail' && config.failOnBreach), 'Missing engagement quality score', 'accounts without a score');
    }
    const failures = evaluation.failures.map((failure) => `${failedSubject(failure)}: ${failure.message}`);
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
/** The account's first breach (or warning), and how many more it has. */
function firstFinding(verdict, findingsOf, describe) {
    const found = verdict.rows().flatMap(findingsOf);
    const [first] = found;
    return `${first ? describe(first) : verdict.account}${found.length > 1 ? ` (and ${found.length - 1} more)` : ''}`;
}
function missingMessage(verdict, config) {
    const days = config.evaluate === 'all' ? verdict.rows().flatMap((row) => (row.missing ? [row.date] : [])) : [];
    const when = days.length > 0 ? `on ${days.length === 1 ? days[0] : `${days.length} days (${days[0]} to ${days.at(-1)})`}` : `for ${config.from} to ${config.to}`;
    const why = verdict.note ?? NOT_ELIGIBLE;
    return `${verdict.account}: no engagement quality score ${when}. ${why}`;
}
/** Writes the whole run as JSON to RUNNER_TEMP (no API key, no token) and returns its path. */
async function writeReportFile(evaluation, collection, config, redact) {
    const path = (0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), `sendgrid-engagement-quality-${(0,external_node_crypto_.randomUUID)()}.json`);
    await (0,promises_.writeFile)(path, reportFileText({ config, collection, evaluation, stepFailed: shouldFail(evaluation, config), redact }));
    return path;
}
function finish(evaluation, config) {
    const verdict = verdictLine(evaluation, config);
    if (shouldFail(evaluation, config))
        core/* setFailed */.C1(verdict);
    else if (evaluation.result === 'passed')
        core/* info */.pq(verdict);
    else
        core/* warning */.$e(verdict);
}


/***/ })

};

//# sourceMappingURL=549.index.js.map