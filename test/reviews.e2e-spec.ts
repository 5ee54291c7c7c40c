import { createAdmin } from './support/admin.js';
import { api, eventually, registerAndLogin, type TestUser } from './support/http-client.js';
import { expectLedgerInvariants } from './support/ledger-invariants.js';
import { awardedJob, registerVendor, serviceLinesOnce } from './support/marketplace.js';
import { completedJob, type CompletedJob } from './support/reviews.js';
import { TestSystem } from './support/system.js';
import { overrideEnvironment } from './support/environment.js';

/** Reviews involve no notification: the suite runs without that app. */
const APPS = ['gateway', 'jobs-leads', 'messaging', 'escrow'] as const;

/** The documented rating (docs/architecture.md): 5 reviews of 4.0 stars as the prior. */
const expectedRating = (stars: number[]) =>
  Math.round(((4.0 * 5 + stars.reduce((sum, star) => sum + star, 0)) / (5 + stars.length)) * 100) /
  100;

const REVIEW = { rating: 5, feedback: 'Quick, tidy, fixed first time', recommend_yes_no: true };

describe('reviews: posted once per completed job, answered once, moderated, rated', () => {
  let system: TestSystem;
  let base: string;
  let admin: { token: string };
  let areas = 0;
  const completed = (vendor?: TestUser) => completedJob(base, `LS${++areas}`, { vendor });
  const post = (who: { token: string }, body: unknown) =>
    api(base, 'POST', '/api/connection/reviews', { token: who.token, body });
  const respond = (who: { token: string }, reviewId: string, body: unknown) =>
    api(base, 'PATCH', `/api/connection/reviews/${reviewId}/respond`, { token: who.token, body });
  const moderate = (reviewId: string, body: unknown, who = admin) =>
    api(base, 'PATCH', `/api/admin/reviews/${reviewId}/moderate`, { token: who.token, body });
  const profileOf = async (reader: TestUser, vendor: TestUser) =>
    (await api(base, 'GET', `/api/connection/vendors/${vendor.id}`, { token: reader.token })).body;
  const publicReviews = async (reader: TestUser, vendor: TestUser, query = '') =>
    (
      await api(base, 'GET', `/api/connection/vendors/${vendor.id}/reviews${query}`, {
        token: reader.token,
      })
    ).body;
  const jobStatus = async (job: CompletedJob) =>
    (await api(base, 'GET', `/api/connection/jobs/${job.jobId}`, { token: job.customer.token }))
      .body.status;
  const eventsOf = async (jobId: string) =>
    (
      await system.db.query(
        `select envelope->>'event_type' as type, envelope->'actor'->>'role' as actor,
                envelope->'payload' as payload
         from jobs.outbox where envelope->>'job_id' = $1 order by id`,
        [jobId],
      )
    ).rows;
  const reviewRows = async (jobId: string) =>
    (await system.db.query('select * from jobs.review where job_id = $1', [jobId])).rows;

  beforeAll(async () => {
    system = await TestSystem.start({}, [...APPS]);
    base = system.baseUrl;
    admin = await createAdmin(base);
  });
  afterEach(() => expectLedgerInvariants(system.db));
  afterAll(() => system.stop());

  it('posts a review: the job closes, the vendor is rated, and the archived conversation says so', async () => {
    const job = await completed();
    const posted = await post(job.customer, { ...REVIEW, job_id: job.jobId });
    expect(posted.status).toBe(201);
    expect(posted.body).toEqual({
      review_id: expect.any(String),
      job_id: job.jobId,
      vendor_id: job.vendor.id,
      rating: 5,
      feedback: REVIEW.feedback,
      recommend_yes_no: true,
      status: 'published',
      created_at: expect.any(String),
      event_id: expect.any(String),
    });
    expect(await jobStatus(job)).toBe('closed');
    const events = (await eventsOf(job.jobId)).filter((event) =>
      ['REVIEW_POSTED', 'JOB_CLOSED'].includes(event.type),
    );
    expect(events).toHaveLength(2);
    expect(events).toEqual(
      expect.arrayContaining([
        {
          type: 'REVIEW_POSTED',
          actor: 'customer',
          payload: {
            review_id: posted.body.review_id,
            customer_id: job.customer.id,
            vendor_id: job.vendor.id,
            rating: 5,
            recommend_yes_no: true,
            status: 'published',
          },
        },
        {
          type: 'JOB_CLOSED',
          actor: 'customer',
          payload: {
            customer_id: job.customer.id,
            vendor_id: job.vendor.id,
            reason: 'reviewed',
            review_id: posted.body.review_id,
          },
        },
      ]),
    );
    expect(JSON.stringify(events)).not.toContain(REVIEW.feedback);

    const lines = await serviceLinesOnce(base, job.customer, job.conversationId, 'Review posted');
    expect(lines.slice(-2).map((line) => line.body)).toEqual([
      'Job completed. This conversation is now read-only.',
      'Review posted',
    ]);
    const afterwards = await api(
      base,
      'POST',
      `/api/connection/conversations/${job.conversationId}/messages`,
      { token: job.customer.token, body: { body: 'Thanks!' } },
    );
    expect(afterwards.body).toMatchObject({ code: 'CONVERSATION_LOCKED', status: 'archived' });

    const stranger = await registerAndLogin(base, 'customer');
    const profile = await profileOf(stranger, job.vendor);
    expect(profile).toEqual({
      vendor_id: job.vendor.id,
      business_name: 'Carpentry Specialists',
      trade_categories: ['Carpentry'],
      service_areas: [`LS${areas}`],
      rating: expectedRating([5]),
      review_count: 1,
      completed_jobs: 1,
      member_since: expect.any(String),
    });
    expect(JSON.stringify(profile)).not.toMatch(/phone|email|postcode|\+44/);
    expect((await publicReviews(stranger, job.vendor)).reviews).toEqual([
      {
        review_id: posted.body.review_id,
        rating: 5,
        feedback: REVIEW.feedback,
        recommend_yes_no: true,
        trade_category: 'Carpentry',
        created_at: posted.body.created_at,
        response: null,
      },
    ]);
    const quotes = await api(base, 'GET', `/api/connection/quotes?job_id=${job.jobId}`, {
      token: job.customer.token,
    });
    expect(quotes.body.quotes[0].vendor).toEqual({
      vendor_id: job.vendor.id,
      business_name: 'Carpentry Specialists',
      rating: expectedRating([5]),
      review_count: 1,
    });
  });

  it('refuses reviews by others, of jobs not completed, twice, and bad input, changing nothing', async () => {
    const job = await completed();
    const inProgress = await awardedJob(base, `LS${++areas}`, [{ title: 'All', amount: 50 }]);
    const stranger = await registerAndLogin(base, 'customer');
    const valid = { ...REVIEW, job_id: job.jobId };
    const cases: [{ token: string }, unknown, number, string][] = [
      [job.vendor, valid, 403, 'WRONG_ROLE'],
      [admin, valid, 403, 'WRONG_ROLE'],
      [stranger, valid, 404, 'JOB_NOT_FOUND'],
      [job.customer, { ...valid, job_id: 'not-a-job' }, 404, 'JOB_NOT_FOUND'],
      [inProgress.customer, { ...valid, job_id: inProgress.jobId }, 409, 'JOB_NOT_COMPLETED'],
      [job.customer, { ...valid, rating: 0 }, 400, 'VALIDATION_FAILED'],
      [job.customer, { ...valid, rating: 6 }, 400, 'VALIDATION_FAILED'],
      [job.customer, { ...valid, rating: 4.5 }, 400, 'VALIDATION_FAILED'],
      [job.customer, { ...valid, rating: '5' }, 400, 'VALIDATION_FAILED'],
      [job.customer, { ...valid, feedback: 'x'.repeat(2001) }, 400, 'VALIDATION_FAILED'],
      [job.customer, { ...valid, feedback: '   ' }, 400, 'VALIDATION_FAILED'],
      [job.customer, { ...valid, recommend_yes_no: 'yes' }, 400, 'VALIDATION_FAILED'],
      [job.customer, { job_id: job.jobId, rating: 4 }, 400, 'VALIDATION_FAILED'],
      [job.customer, { ...valid, vendor_id: job.vendor.id }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [who, body, status, code] of cases) {
      const refused = await post(who, body);
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status, code });
    }
    expect(await reviewRows(job.jobId)).toEqual([]);
    expect(await reviewRows(inProgress.jobId)).toEqual([]);
    expect(await jobStatus(job)).toBe('completed');
    expect((await profileOf(stranger, job.vendor)).review_count).toBe(0);

    const longest = await post(job.customer, { ...valid, feedback: 'é'.repeat(2000) });
    expect(longest.status).toBe(201);
    const twice = await post(job.customer, valid);
    expect([twice.status, twice.body.code]).toEqual([409, 'REVIEW_ALREADY_POSTED']);
    expect(await reviewRows(job.jobId)).toHaveLength(1);
  });

  it('takes exactly one of five parallel reviews of one job', async () => {
    const job = await completed();
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((rating) => post(job.customer, { ...REVIEW, rating, job_id: job.jobId })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(answers.filter((answer) => answer.status === 409).map((a) => a.body.code)).toEqual(
      Array(4).fill('REVIEW_ALREADY_POSTED'),
    );
    const [review] = await reviewRows(job.jobId);
    const winner = answers.find((answer) => answer.status === 201)!.body;
    expect(review.rating).toBe(winner.rating);
    const types = (await eventsOf(job.jobId)).map((event) => event.type);
    expect(types.filter((type) => type === 'REVIEW_POSTED')).toHaveLength(1);
    expect(types.filter((type) => type === 'JOB_CLOSED')).toHaveLength(1);
    const profile = await profileOf(job.customer, job.vendor);
    expect(profile).toMatchObject({ review_count: 1, rating: expectedRating([winner.rating]) });
  });

  it('takes one response from the reviewed vendor, shown under the review', async () => {
    const job = await completed();
    const { review_id: reviewId } = (await post(job.customer, { ...REVIEW, job_id: job.jobId }))
      .body;
    const otherVendor = await registerVendor(base, { trade: 'Carpentry', areas: ['ZE'] });
    const answer = { response: 'Thank you, a pleasure to work for you' };
    const cases: [{ token: string }, string, unknown, number, string][] = [
      [otherVendor, reviewId, answer, 404, 'REVIEW_NOT_FOUND'],
      [job.customer, reviewId, answer, 403, 'WRONG_ROLE'],
      [job.vendor, 'not-a-review', answer, 404, 'REVIEW_NOT_FOUND'],
      [job.vendor, reviewId, { response: 'x'.repeat(2001) }, 400, 'VALIDATION_FAILED'],
      [job.vendor, reviewId, { response: '' }, 400, 'VALIDATION_FAILED'],
      [job.vendor, reviewId, {}, 400, 'VALIDATION_FAILED'],
    ];
    for (const [who, id, body, status, code] of cases) {
      const refused = await respond(who, id, body);
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status, code });
    }
    expect((await reviewRows(job.jobId))[0].response).toBeNull();

    const responded = await respond(job.vendor, reviewId, answer);
    expect(responded.status).toBe(200);
    expect(responded.body).toEqual({
      review_id: reviewId,
      response: answer.response,
      response_status: 'published',
      responded_at: expect.any(String),
      event_id: expect.any(String),
    });
    const twice = await respond(job.vendor, reviewId, { response: 'Second thoughts' });
    expect([twice.status, twice.body.code]).toEqual([409, 'REVIEW_ALREADY_RESPONDED']);
    expect((await publicReviews(job.customer, job.vendor)).reviews[0].response).toEqual({
      response: answer.response,
      responded_at: responded.body.responded_at,
    });
    const events = await eventsOf(job.jobId);
    expect(events.filter((event) => event.type === 'REVIEW_RESPONDED')).toEqual([
      {
        type: 'REVIEW_RESPONDED',
        actor: 'vendor',
        payload: {
          review_id: reviewId,
          customer_id: job.customer.id,
          vendor_id: job.vendor.id,
          status: 'published',
        },
      },
    ]);
  });

  it('holds contact details and blocked words until an admin decides, out of sight and of the rating', async () => {
    const job = await completed();
    const held = await post(job.customer, {
      ...REVIEW,
      rating: 1,
      feedback: 'Cowboy. Call me on 07911 123456 and I will tell you more',
      job_id: job.jobId,
    });
    expect(held.body).toMatchObject({ status: 'pending_moderation' });
    expect(await jobStatus(job)).toBe('closed');
    expect((await publicReviews(job.customer, job.vendor)).reviews).toEqual([]);
    expect(await profileOf(job.customer, job.vendor)).toMatchObject({
      rating: null,
      review_count: 0,
    });
    const early = await respond(job.vendor, held.body.review_id, { response: 'Please call me' });
    expect([early.status, early.body.code]).toEqual([409, 'REVIEW_NOT_PUBLISHED']);

    const queue = await api(base, 'GET', '/api/admin/reviews?status=pending_moderation&limit=100', {
      token: admin.token,
    });
    expect(queue.body.reviews).toContainEqual(
      expect.objectContaining({
        review_id: held.body.review_id,
        customer_id: job.customer.id,
        vendor_id: job.vendor.id,
        review: expect.objectContaining({
          text: 'Cowboy. Call me on 07911 123456 and I will tell you more',
          status: 'pending_moderation',
          held_for: ['phone'],
        }),
        response: null,
      }),
    );
    for (const who of [job.customer, job.vendor]) {
      const refused = await api(base, 'GET', '/api/admin/reviews', { token: who.token });
      expect([refused.status, refused.body.code]).toEqual([403, 'WRONG_ROLE']);
      const notTheirs = await moderate(held.body.review_id, { decision: 'approve' }, who);
      expect([notTheirs.status, notTheirs.body.code]).toEqual([403, 'WRONG_ROLE']);
    }
    const badInput: [string, unknown, number, string][] = [
      [held.body.review_id, { decision: 'maybe' }, 400, 'VALIDATION_FAILED'],
      [held.body.review_id, {}, 400, 'VALIDATION_FAILED'],
      ['not-a-review', { decision: 'approve' }, 404, 'REVIEW_NOT_FOUND'],
    ];
    for (const [id, body, status, code] of badInput) {
      const refused = await moderate(id, body);
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status, code });
    }
    const bad = await api(base, 'GET', '/api/admin/reviews?status=hidden', { token: admin.token });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await reviewRows(job.jobId))[0].status).toBe('pending_moderation');

    const approved = await moderate(held.body.review_id, {
      decision: 'approve',
      note: 'A landline of the customer, not the vendor’s',
    });
    expect(approved.body).toEqual({
      review_id: held.body.review_id,
      target: 'review',
      decision: 'approve',
      status: 'published',
      event_id: expect.any(String),
    });
    expect(await profileOf(job.customer, job.vendor)).toMatchObject({
      rating: expectedRating([1]),
      review_count: 1,
    });
    expect((await publicReviews(job.customer, job.vendor)).reviews).toHaveLength(1);
    const again = await moderate(held.body.review_id, { decision: 'reject' });
    expect([again.status, again.body.code]).toEqual([409, 'NOTHING_TO_MODERATE']);

    const heldResponse = await respond(job.vendor, held.body.review_id, {
      response: 'Sorry to hear it: write to sorted@bobsdoors.co.uk',
    });
    expect(heldResponse.body).toMatchObject({ response_status: 'pending_moderation' });
    expect((await publicReviews(job.customer, job.vendor)).reviews[0].response).toBeNull();
    const rejected = await moderate(held.body.review_id, { decision: 'reject' });
    expect(rejected.body).toMatchObject({ target: 'response', status: 'rejected' });
    expect((await publicReviews(job.customer, job.vendor)).reviews[0].response).toBeNull();
    const rejectedList = await api(base, 'GET', '/api/admin/reviews?status=rejected', {
      token: admin.token,
    });
    expect(rejectedList.body.reviews).toContainEqual(
      expect.objectContaining({
        review_id: held.body.review_id,
        review: expect.objectContaining({
          status: 'published',
          moderation_note: 'A landline of the customer, not the vendor’s',
        }),
        response: expect.objectContaining({ status: 'rejected', held_for: ['email'] }),
      }),
    );
    const moderated = (await eventsOf(job.jobId)).filter((e) => e.type === 'REVIEW_MODERATED');
    expect(
      moderated.map((event) => [event.actor, event.payload.target, event.payload.status]),
    ).toEqual([
      ['admin', 'review', 'published'],
      ['admin', 'response', 'rejected'],
    ]);
    await expect(
      system.db.query('update jobs.review set feedback = $1 where job_id = $2', [
        'rewritten',
        job.jobId,
      ]),
    ).rejects.toThrow(/immutable/);
  });

  it('rates a vendor over a series of reviews by the documented formula, newest review first', async () => {
    const vendor = await registerVendor(base, { trade: 'Carpentry', areas: ['YO1'], funds: 100 });
    const stars = [5, 2, 4];
    const reviewIds: string[] = [];
    for (const [index, rating] of stars.entries()) {
      const job = await completedJob(base, 'YO1', { vendor });
      const posted = await post(job.customer, { ...REVIEW, rating, job_id: job.jobId });
      reviewIds.unshift(posted.body.review_id);
      expect(await profileOf(job.customer, vendor)).toMatchObject({
        rating: expectedRating(stars.slice(0, index + 1)),
        review_count: index + 1,
        completed_jobs: index + 1,
      });
    }
    expect(expectedRating(stars)).toBe(3.88);
    const reader = await registerAndLogin(base, 'customer');
    const first = await publicReviews(reader, vendor, '?limit=2');
    expect(first.reviews.map((review: { review_id: string }) => review.review_id)).toEqual(
      reviewIds.slice(0, 2),
    );
    const rest = await publicReviews(reader, vendor, `?limit=2&cursor=${first.next_cursor}`);
    expect(rest).toEqual({ reviews: [expect.objectContaining({ rating: 5 })], next_cursor: null });
  });

  it('answers 404 for a vendor that does not exist or is no vendor', async () => {
    const reader = await registerAndLogin(base, 'customer');
    for (const id of [reader.id, '00000000-0000-7000-8000-000000000000', 'nope']) {
      for (const path of [
        `/api/connection/vendors/${id}`,
        `/api/connection/vendors/${id}/reviews`,
      ]) {
        const missing = await api(base, 'GET', path, { token: reader.token });
        expect([missing.status, missing.body.code]).toEqual([404, 'VENDOR_NOT_FOUND']);
      }
    }
    const anonymous = await api(base, 'GET', `/api/connection/vendors/${reader.id}`);
    expect(anonymous.status).toBe(401);
  });
});

describe('a completed job nobody reviews closes by itself', () => {
  let system: TestSystem;
  let base: string;
  const WINDOW_MS = 1500;

  let restoreEnvironment: () => void;

  beforeAll(async () => {
    restoreEnvironment = overrideEnvironment({
      REVIEW_WINDOW_MS: String(WINDOW_MS),
      REVIEW_WINDOW_POLL_MS: '100',
    });
    system = await TestSystem.start({}, [...APPS]);
    base = system.baseUrl;
  });
  afterEach(() => expectLedgerInvariants(system.db));
  afterAll(async () => {
    restoreEnvironment();
    await system.stop();
  });

  it('closes the job with JOB_CLOSED by the system once the window passes; a review is then refused', async () => {
    const job = await completedJob(base, 'HU1');
    await eventually(async () => {
      const found = await api(base, 'GET', `/api/connection/jobs/${job.jobId}`, {
        token: job.customer.token,
      });
      return found.body.status === 'closed' ? true : undefined;
    }, 10_000);
    const { rows } = await system.db.query(
      `select envelope->'actor'->>'role' as actor, envelope->'payload' as payload
       from jobs.outbox where envelope->>'event_type' = 'JOB_CLOSED' and envelope->>'job_id' = $1`,
      [job.jobId],
    );
    expect(rows).toEqual([
      {
        actor: 'system',
        payload: {
          customer_id: job.customer.id,
          vendor_id: job.vendor.id,
          reason: 'review_window_passed',
          review_id: null,
        },
      },
    ]);
    const late = await api(base, 'POST', '/api/connection/reviews', {
      token: job.customer.token,
      body: { ...REVIEW, job_id: job.jobId },
    });
    expect([late.status, late.body.code]).toEqual([409, 'REVIEW_WINDOW_CLOSED']);
    expect(late.body.review_by).toEqual(expect.any(String));
    const { rows: reviews } = await system.db.query(
      'select count(*)::int as count from jobs.review where job_id = $1',
      [job.jobId],
    );
    expect(reviews[0].count).toBe(0);
  });
});
