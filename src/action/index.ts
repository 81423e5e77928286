import { isMainThread, workerData } from 'node:worker_threads'
import type { Config } from '../inputs.js'
import { checkAndReportHere, run } from './main.js'

// The bundle's entry: the step reads its inputs here, then checks in a worker running this same file.
if (isMainThread) await run(undefined, { inWorker: true })
else await checkAndReportHere(workerData as Config)
