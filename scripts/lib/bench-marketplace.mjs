/**
 * The marketplace flow through the gateway, step by step, each step at a fixed rate: customers
 * create jobs, publish them (each offered to 5 vendors), and one offered vendor per job accepts
 * its lead (paying for it from a wallet funded through the deposit API); then both sides of the
 * conversations that opened send and list messages, at a fixed rate and then as fast as the
 * system takes them; then each accepting vendor quotes and each customer accepts the quote,
 * which funds the job's escrow from the customer's wallet; last, each vendor submits the job's one
 * milestone and each customer approves it, releasing the escrow less commission and completing
 * the job.
 *
 * Sending is limited to 20 messages a minute per sender, so the messages are spread over every
 * participant: each user gets 20 sends for the whole run, handed out round-robin, so no send is
 * refused by the rate limit and the limit's own check stays on the measured path.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  checkLedgerInvariants,
  closedLoop,
  describeError,
  fundUsers,
  httpJson,
  log,
  pacedLoop,
  putVendorProfiles,
  round,
} from './bench-support.mjs';

const DRAIN_TIMEOUT_MS = 60_000;
const MESSAGES_PER_SENDER = 20;

export const MARKETPLACE_PLAN = {
  // Every participant may send 20 messages a minute: 300 users give 6,000 sends.
  customers: 250,
  vendors: 50,
  vendorDepositPounds: 1_000,
  customerDepositPounds: 500,
  quotePounds: 100,
  // An area and trade the other phases do not use, so that only these vendors are matched.
  trade: 'Plumbing',
  serviceArea: 'M',
  postcode: 'M1 1AE',
  leadsPerJob: 5,
  jobs: 300,
  flowRate: 20,
  messageRate: 100,
  messageSeconds: 10,
  listRate: 100,
  listSeconds: 10,
  maxConcurrency: 32,
  maxSeconds: 15,
};

export const FLOW_JOB = {
  title: 'Replace a leaking radiator valve',
  description: 'The valve on the hallway radiator drips; the radiator itself is fine.',
  trade_category: MARKETPLACE_PLAN.trade,
  budget_min: 80,
  budget_max: 200,
  timeframe: 'within_a_week',
  postcode: MARKETPLACE_PLAN.postcode,
};

/**
 * Runs the flow and checks it in SQL. `measureCpu(name, drain, load)` runs `load`, then `drain`,
 * and answers the load's result; it counts the CPU both took under `name`. `drain()` waits until
 * a step's events are handled (by default: in the event log). The flow's users come back as
 * `participants`, for later steps to reuse (not for the results: they hold tokens).
 */
export async function measureMarketplace({
  gatewayPort,
  db,
  measureCpu,
  drain = () => waitForEventLog(db),
}) {
  const plan = MARKETPLACE_PLAN;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const call = (user, method, requestPath, body, headers = {}) =>
    httpJson(agent, gatewayPort, method, requestPath, body, {
      authorization: `Bearer ${user.token}`,
      ...headers,
    });
  try {
    log(
      `marketplace: ${plan.customers} customers, ${plan.vendors} vendors with ${plan.trade} ` +
        `profiles in ${plan.serviceArea}, funded through the deposit API`,
    );
    const setupStarted = performance.now();
    const customers = await fundUsers(gatewayPort, {
      role: 'customer',
      count: plan.customers,
      depositPounds: plan.customerDepositPounds,
    });
    const vendors = await fundUsers(gatewayPort, {
      count: plan.vendors,
      depositPounds: plan.vendorDepositPounds,
    });
    await putVendorProfiles(gatewayPort, vendors, { ...plan, businessName: 'Bench Plumbing' });
    const setupSeconds = round((performance.now() - setupStarted) / 1000);
    await drain();

    const jobs = [];
    const create = await measureCpu('jobCreate', drain, () =>
      pacedLoop(plan.flowRate, plan.jobs, async (i) => {
        const customer = customers[i % customers.length];
        const response = await call(customer, 'POST', '/api/connection/jobs', FLOW_JOB);
        if (response.status === 201) jobs.push({ customer, id: JSON.parse(response.body).job_id });
        return response;
      }),
    );
    log(`marketplace: ${jobs.length} jobs created; publishing them at ${plan.flowRate}/s`);
    const leadsAssigned = {};
    const publish = await measureCpu('jobPublish', drain, () =>
      pacedLoop(plan.flowRate, jobs.length, async (i) => {
        const job = jobs[i];
        const response = await call(
          job.customer,
          'PATCH',
          `/api/connection/jobs/${job.id}/publish`,
        );
        if (response.status === 200) {
          const assigned = JSON.parse(response.body).leads_assigned;
          leadsAssigned[assigned] = (leadsAssigned[assigned] ?? 0) + 1;
        }
        return response;
      }),
    );
    publish.leadsAssigned = leadsAssigned;

    const offers = await acceptableLeads(db, jobs, vendors);
    log(`marketplace: accepting one lead of each of ${offers.length} jobs at ${plan.flowRate}/s`);
    const accepted = [];
    const accept = await measureCpu('leadAccept', drain, () =>
      pacedLoop(plan.flowRate, offers.length, async (i) => {
        const offer = offers[i];
        const response = await call(
          offer.vendor,
          'POST',
          `/api/connection/leads/${offer.leadId}/accept`,
          {},
          { 'idempotency-key': randomUUID() },
        );
        if (response.status === 200) {
          const reply = JSON.parse(response.body);
          if (typeof reply.conversation_id !== 'string') {
            return { status: 599, body: `accept answered no conversation: ${response.body}` };
          }
          accepted.push({ ...offer, conversationId: reply.conversation_id });
        }
        return response;
      }),
    );
    const opened = await waitForConversations(db, accepted);

    const tickets = sendTickets(accepted);
    let nextTicket = 0;
    const sendNext = async () => {
      const ticket = tickets[nextTicket++];
      const response = await call(
        ticket.sender,
        'POST',
        `/api/connection/conversations/${ticket.conversationId}/messages`,
        { body: `Message ${nextTicket}: could you come on Tuesday morning?` },
      );
      if (response.status !== 201) {
        throw new Error(`${response.status} ${response.body.slice(0, 300)}`);
      }
      return response;
    };
    const fixedMessages = Math.min(plan.messageRate * plan.messageSeconds, tickets.length);
    log(
      `marketplace: ${opened.conversations} conversations open; sending ${fixedMessages} ` +
        `messages at ${plan.messageRate}/s`,
    );
    const send = await measureCpu('messageSend', drain, () =>
      pacedLoop(plan.messageRate, fixedMessages, () =>
        sendNext().catch((error) => ({ status: 599, body: describeError(error) })),
      ),
    );

    const listTotal = plan.listRate * plan.listSeconds;
    log(`marketplace: listing messages ${listTotal} times at ${plan.listRate}/s`);
    const list = await measureCpu('messageList', drain, () =>
      pacedLoop(plan.listRate, listTotal, (i) => {
        const conversation = accepted[i % accepted.length];
        // Alternate the reader, so that each listing has the other side's messages to mark read.
        const reader = i % 2 === 0 ? conversation.customer : conversation.vendor;
        return call(
          reader,
          'GET',
          `/api/connection/conversations/${conversation.conversationId}/messages?limit=50`,
        );
      }),
    );

    log(
      `marketplace: sending as fast as it goes, ${plan.maxConcurrency} in flight for up to ` +
        `${plan.maxSeconds}s (${tickets.length - nextTicket} sends left under the rate limit)`,
    );
    const maxFailureSamples = [];
    const maxSendFirst = nextTicket;
    const maxSend = await measureCpu('messageSendMax', drain, () =>
      closedLoop(
        plan.maxConcurrency,
        plan.maxSeconds,
        () =>
          sendNext().catch((error) => {
            if (maxFailureSamples.length < 5) maxFailureSamples.push(describeError(error));
            throw error;
          }),
        { hasWork: () => nextTicket < tickets.length },
      ),
    );
    maxSend.failureSamples = maxFailureSamples;
    maxSend.ranOutOfSends = nextTicket >= tickets.length;
    maxSend.sent = nextTicket - maxSendFirst;

    log(`marketplace: every accepting vendor quotes at ${plan.flowRate}/s`);
    const quotes = [];
    const quoteSend = await measureCpu('quoteSend', drain, () =>
      pacedLoop(plan.flowRate, accepted.length, async (i) => {
        const offer = accepted[i];
        const response = await call(offer.vendor, 'POST', '/api/connection/quotes', {
          job_id: offer.jobId,
          amount: plan.quotePounds,
          description: 'Replace the valve and test the circuit for leaks.',
          estimated_duration: '2 hours',
        });
        if (response.status === 201) {
          quotes.push({ ...offer, quoteId: JSON.parse(response.body).quote_id });
        }
        return response;
      }),
    );
    log(`marketplace: every customer accepts their quote at ${plan.flowRate}/s, funding escrow`);
    const awarded = [];
    const quoteAccept = await measureCpu('quoteAccept', drain, () =>
      pacedLoop(plan.flowRate, quotes.length, async (i) => {
        const quote = quotes[i];
        const response = await call(
          quote.customer,
          'PATCH',
          `/api/connection/quotes/${quote.quoteId}/accept`,
          {},
          { 'idempotency-key': randomUUID() },
        );
        if (response.status === 200) awarded.push(quote);
        return response;
      }),
    );

    const milestones = await activeMilestones(db, awarded);
    log(`marketplace: every awarded vendor submits their milestone at ${plan.flowRate}/s`);
    const submitted = [];
    const milestoneSubmit = await measureCpu('milestoneSubmit', drain, () =>
      pacedLoop(plan.flowRate, milestones.length, async (i) => {
        const milestone = milestones[i];
        const response = await call(
          milestone.vendor,
          'POST',
          `/api/connection/milestones/${milestone.milestoneId}/submit`,
          {
            completion_evidence: {
              photos: ['https://photos.example.com/valve.jpg'],
              description: 'Valve replaced, circuit tested for leaks.',
            },
          },
        );
        if (response.status === 200) submitted.push(milestone);
        return response;
      }),
    );
    log(`marketplace: every customer approves the milestone at ${plan.flowRate}/s`);
    const released = [];
    const milestoneApprove = await measureCpu('milestoneApprove', drain, () =>
      pacedLoop(plan.flowRate, submitted.length, async (i) => {
        const milestone = submitted[i];
        const response = await call(
          milestone.customer,
          'PATCH',
          `/api/connection/milestones/${milestone.milestoneId}/approve`,
          {},
          { 'idempotency-key': randomUUID() },
        );
        if (response.status === 200) released.push(milestone);
        return response;
      }),
    );

    await waitForCompletions(db, released);
    const checks = await checkMarketplace(db, {
      jobs: jobs.map((job) => job.id),
      vendors: vendors.map((vendor) => vendor.id),
      accepted,
      leadsPerJob: plan.leadsPerJob,
      published: publish.status2xx,
      messagesSent: send.status2xx + maxSend.completed,
      awarded,
      quotePence: plan.quotePounds * 100,
      released,
    });
    return {
      plan,
      setup: { customers: customers.length, vendors: vendors.length, seconds: setupSeconds },
      create,
      publish,
      accept,
      conversationsOpened: opened,
      send,
      list,
      maxSend,
      quoteSend,
      quoteAccept,
      milestoneSubmit,
      milestoneApprove,
      checks,
      participants: { customers, vendors },
    };
  } finally {
    agent.destroy();
  }
}

/**
 * One offered lead per published job, to be accepted by its vendor: of the job's offers, the one
 * whose vendor has accepted the fewest so far, so that payments spread over the wallets.
 */
async function acceptableLeads(db, jobs, vendors) {
  const { rows } = await db.query(
    `select id, job_id, vendor_id from jobs.lead
     where job_id = any($1::uuid[]) and status = 'offered'
     order by job_id, vendor_id`,
    [jobs.map((job) => job.id)],
  );
  const vendorsById = new Map(vendors.map((vendor) => [vendor.id, vendor]));
  const byJob = Map.groupBy(rows, (row) => row.job_id);
  const acceptedBy = new Map();
  const offers = [];
  for (const job of jobs) {
    const leads = byJob.get(job.id) ?? [];
    if (leads.length === 0) continue;
    const lead = leads.reduce((best, candidate) =>
      (acceptedBy.get(candidate.vendor_id) ?? 0) < (acceptedBy.get(best.vendor_id) ?? 0)
        ? candidate
        : best,
    );
    acceptedBy.set(lead.vendor_id, (acceptedBy.get(lead.vendor_id) ?? 0) + 1);
    offers.push({
      leadId: lead.id,
      jobId: job.id,
      customer: job.customer,
      vendor: vendorsById.get(lead.vendor_id),
    });
  }
  return offers;
}

/**
 * The one milestone of each awarded job, once escrow has activated the job's account (it does so
 * on JOB_IN_PROGRESS), so that it can be submitted.
 */
async function activeMilestones(db, awarded) {
  const jobIds = awarded.map((quote) => quote.jobId);
  const start = performance.now();
  for (;;) {
    const { rows } = await db.query(
      `select e.job_id, m.id as milestone_id
       from escrow.escrow_account e join escrow.escrow_milestone m on m.escrow_account_id = e.id
       where e.job_id = any($1::uuid[]) and e.status = 'held' and e.activated_at is not null`,
      [jobIds],
    );
    if (rows.length === jobIds.length) {
      const milestoneOf = new Map(rows.map((row) => [row.job_id, row.milestone_id]));
      return awarded.map((quote) => ({ ...quote, milestoneId: milestoneOf.get(quote.jobId) }));
    }
    if (performance.now() - start > DRAIN_TIMEOUT_MS) {
      throw new Error(`only ${rows.length} of ${jobIds.length} escrow accounts became active`);
    }
    await sleep(100);
  }
}

/**
 * Who sends what: every participant gets MESSAGES_PER_SENDER sends, handed out round-robin over
 * the participants (and over each one's conversations), so consecutive sends come from different
 * users.
 */
function sendTickets(accepted) {
  const conversationsOf = new Map();
  for (const conversation of accepted) {
    for (const sender of [conversation.customer, conversation.vendor]) {
      const entry = conversationsOf.get(sender.id) ?? { sender, conversationIds: [] };
      entry.conversationIds.push(conversation.conversationId);
      conversationsOf.set(sender.id, entry);
    }
  }
  const tickets = [];
  for (let round = 0; round < MESSAGES_PER_SENDER; round++) {
    for (const { sender, conversationIds } of conversationsOf.values()) {
      tickets.push({ sender, conversationId: conversationIds[round % conversationIds.length] });
    }
  }
  return tickets;
}

/** Waits until the messaging service has opened every accepted lead's conversation. */
async function waitForConversations(db, accepted) {
  const ids = accepted.map((offer) => offer.conversationId);
  const start = performance.now();
  let conversations = 0;
  while (performance.now() - start < DRAIN_TIMEOUT_MS) {
    const { rows } = await db.query(
      `select count(*)::int as open from messaging.conversation
       where id = any($1::uuid[]) and status = 'open'`,
      [ids],
    );
    conversations = rows[0].open;
    if (conversations === ids.length) break;
    await sleep(100);
  }
  if (conversations < ids.length) {
    throw new Error(`only ${conversations} of ${ids.length} conversations opened`);
  }
  return { conversations, waitedSeconds: round((performance.now() - start) / 1000) };
}

/**
 * Waits until jobs-leads has completed each released job and messaging archived its conversation:
 * both follow the release through events.
 */
async function waitForCompletions(db, released) {
  const jobIds = released.map((milestone) => milestone.jobId);
  const conversationIds = released.map((milestone) => milestone.conversationId);
  const start = performance.now();
  while (performance.now() - start < DRAIN_TIMEOUT_MS) {
    const { rows } = await db.query(
      `select (select count(*) from jobs.job
                where id = any($1::uuid[]) and status = 'completed')::int as completed,
              (select count(*) from messaging.conversation
                where id = any($2::uuid[]) and status = 'archived')::int as archived`,
      [jobIds, conversationIds],
    );
    if (rows[0].completed === jobIds.length && rows[0].archived === jobIds.length) return;
    await sleep(100);
  }
}

/**
 * Waits until every event in every service's outbox is in the notifications event log, so that a
 * step's events are handled (and their CPU counted) before the next step starts.
 */
export async function waitForEventLog(db) {
  const { rows: schemas } = await db.query(
    `select table_schema from information_schema.tables where table_name = 'outbox'`,
  );
  // Identity's events (USER_REGISTERED, USER_UPDATED) only address notifications: the trail does
  // not record them, so counting them would keep every wait going until its timeout.
  const outboxes = schemas
    .map(
      ({ table_schema: schema }) =>
        `(select count(*) from "${schema}".outbox
          where envelope->>'event_type' not in ('USER_REGISTERED', 'USER_UPDATED'))`,
    )
    .join(' + ');
  const start = performance.now();
  let counts;
  do {
    if (counts) await sleep(100);
    const { rows } = await db.query(
      `select (${outboxes})::int as events,
              (select count(*) from notifications.event_log)::int as logged`,
    );
    counts = rows[0];
  } while (counts.logged < counts.events && performance.now() - start < DRAIN_TIMEOUT_MS);
  return { ...counts, waitedSeconds: round((performance.now() - start) / 1000) };
}

/**
 * What the flow left behind, in SQL: each published job has its leads and was awarded (it is in
 * progress, or completed once its milestone was released); each
 * accepting vendor's lead won, was charged once and has one conversation with one acceptance
 * message; every message sent is stored once, with one MESSAGE_SENT in the event log; every
 * accepted quote has exactly one escrow, funded once with its amount; each approved milestone was
 * released once with 5 % commission, its job completed and its conversation archived; no lead
 * price reached the event log of a customer-facing job event; and the ledger's invariants hold.
 */
async function checkMarketplace(
  db,
  { jobs, vendors, accepted, leadsPerJob, published, messagesSent, awarded, quotePence, released },
) {
  const leadIds = accepted.map((offer) => offer.leadId);
  const conversationIds = accepted.map((offer) => offer.conversationId);
  const awardedJobs = awarded.map((quote) => quote.jobId);
  const { rows } = await db.query(
    `with leads_per_job as (
       select j.id, count(l.id) as leads
       from jobs.job j left join jobs.lead l on l.job_id = j.id
       where j.id = any($1::uuid[]) and j.status in ('in_progress', 'completed')
       group by j.id),
     charges_per_lead as (
       select l.id, count(c.lead_id) as charges
       from jobs.lead l left join escrow.lead_charge c on c.lead_id = l.id
       where l.id = any($2::uuid[])
       group by l.id),
     acceptance_messages as (
       select c.id, count(m.id) filter (where m.type = 'system' and m.body like 'Lead accepted%')
         as acceptance_messages
       from messaging.conversation c left join messaging.message m on m.conversation_id = c.id
       where c.id = any($3::uuid[])
       group by c.id),
     escrows_per_job as (
       select j.id,
              count(e.id) as escrows,
              count(e.id) filter (where e.funded_pence = $7) as funded,
              (select count(*) from escrow.ledger_transaction t
                where t.kind = 'escrow_funding' and t.reference->>'job_id' = j.id::text) as fundings
       from jobs.job j left join escrow.escrow_account e on e.job_id = j.id
       where j.id = any($6::uuid[])
       group by j.id),
     releases_per_job as (
       select e.job_id,
              count(distinct t.id) as releases,
              coalesce(-sum(le.amount_pence) filter (where le.memo = 'commission'), 0) as commission
       from escrow.escrow_account e
       join escrow.escrow_milestone m on m.escrow_account_id = e.id
       left join escrow.ledger_transaction t
         on t.kind = 'milestone_release' and t.reference->>'milestone_id' = m.id::text
       left join escrow.ledger_entry le on le.transaction_id = t.id
       where e.job_id = any($8::uuid[]) and e.status = 'released'
       group by e.job_id)
     select (select count(*) from leads_per_job)::int as awarded_jobs,
            (select count(*) from leads_per_job where leads <> $4)::int as jobs_with_other_lead_counts,
            (select count(*) from jobs.lead
              where id = any($2::uuid[]) and status = 'quote_accepted')::int as winning_leads,
            (select count(*) from charges_per_lead where charges = 1)::int as leads_charged_once,
            (select count(*) from escrow.lead_charge
              where vendor_id = any($5::uuid[]))::int as charges_to_flow_vendors,
            (select count(*) from acceptance_messages)::int as conversations,
            (select count(*) from acceptance_messages where acceptance_messages = 1)::int
              as conversations_with_one_acceptance_message,
            (select count(*) from messaging.message m
              where m.conversation_id = any($3::uuid[]) and m.type = 'text')::int as text_messages,
            (select count(*) from notifications.event_log
              where event_type = 'MESSAGE_SENT')::int as message_sent_events,
            (select count(*) from escrows_per_job
              where escrows = 1 and funded = 1 and fundings = 1)::int as quotes_with_one_funded_escrow,
            (select count(*) from releases_per_job
              where releases = 1 and commission = round($7 * 0.05))::int
              as released_once_with_commission,
            (select count(*) from jobs.job
              where id = any($8::uuid[]) and status = 'completed')::int as completed_jobs,
            (select count(*) from messaging.conversation
              where id = any($3::uuid[]) and status = 'archived')::int as archived_conversations,
            (select count(*) from notifications.event_log
              where event_type in ('JOB_CREATED', 'JOB_POSTED')
                and payload::text ~ 'price')::int as customer_events_with_a_price`,
    [
      jobs,
      leadIds,
      conversationIds,
      leadsPerJob,
      vendors,
      awardedJobs,
      quotePence,
      released.map((milestone) => milestone.jobId),
    ],
  );
  const check = rows[0];
  const ledger = await checkLedgerInvariants(db);
  return {
    ...check,
    published,
    acceptances: accepted.length,
    awards: awarded.length,
    releases: released.length,
    messagesSent,
    ledger,
    ok:
      check.awarded_jobs === published &&
      awarded.length === published &&
      check.jobs_with_other_lead_counts === 0 &&
      check.winning_leads === accepted.length &&
      check.leads_charged_once === accepted.length &&
      check.charges_to_flow_vendors === accepted.length &&
      check.conversations === accepted.length &&
      check.conversations_with_one_acceptance_message === accepted.length &&
      check.text_messages === messagesSent &&
      check.message_sent_events === messagesSent &&
      check.quotes_with_one_funded_escrow === awarded.length &&
      released.length === awarded.length &&
      check.released_once_with_commission === released.length &&
      check.completed_jobs === released.length &&
      check.archived_conversations === released.length &&
      check.customer_events_with_a_price === 0 &&
      ledger.ok,
  };
}
