import type { BreachMetric } from '../gate/evaluate.js'

/** SendGrid's explanation of SEQ: how each metric is scored and how to address it. */
export const SEQ_DOCS_URL = 'https://www.twilio.com/docs/sendgrid/api-reference/sendgrid-engagement-quality-api'

/** What usually fixes each metric, from SendGrid's SEQ guidance and mailbox providers' sender rules. */
export const ADVICE: Record<BreachMetric, string[]> = {
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
}
