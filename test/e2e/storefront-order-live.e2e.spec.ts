import { metric } from './support/metrics';
import { startStack, type Stack } from './support/stack';
import { campaignBody, inMs, tokens, type Json } from './storefront-support';

/** One `order` frame of the stream: its id (the log position of the order's last change) and its data. */
interface Frame {
  id: string;
  data: Json;
}

/** An open `GET /orders/{id}/live`, read frame by frame. */
interface OrderStream {
  status: number;
  contentType: string | null;
  /** The next frame, or null once the server has ended the stream. */
  next(): Promise<Frame | null>;
  close(): Promise<void>;
}

async function openStream(url: string, headers: Record<string, string> = {}): Promise<OrderStream> {
  const res = await fetch(url, { headers });
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    async next() {
      for (;;) {
        const match = /id: (\d+)\nevent: order\ndata: ([^\n]*)\n\n/.exec(buffered);
        if (match) {
          buffered = buffered.slice((match.index ?? 0) + match[0].length);
          return { id: match[1] ?? '', data: JSON.parse(match[2] ?? 'null') as Json };
        }
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return null;
        buffered += decoder.decode(chunk.value, { stream: true });
      }
    },
    async close() {
      await reader?.cancel().catch(() => undefined);
    },
  };
}

/** The live stream of a consumer's own order: who may open it, what it tells, and that it ends once the order is settled. */
describe('storefront: live changes of my order', () => {
  let stack: Stack;
  let url: string;
  let t: Record<string, string>;
  const sf = () => stack.http('storefront');
  const as = (user: string) => ({ Authorization: `Bearer ${t[user]}` });

  beforeAll(async () => {
    stack = await startStack(['worker', 'storefront'], {}, [], { logsOf: ['storefront'] });
    url = await stack.listen('storefront');
    t = await tokens(stack, [
      ['storefront', 'leader1'],
      ['storefront', 'consumer1'],
      ['storefront', 'consumer2'],
      ['storefront', 'operator1'],
    ]);
  }, 60_000);
  afterAll(() => stack?.close());

  async function campaign(): Promise<string> {
    const created = await sf()
      .post('/campaigns')
      .set(as('leader1'))
      .send(campaignBody({ minQuantity: 1, cutoffAt: inMs(600_000) }))
      .expect(201);
    const id = created.body.campaignId as string;
    await sf().post(`/campaigns/${id}/publish`).set(as('leader1')).expect(200);
    return id;
  }
  async function join(campaignId: string, customer: string): Promise<{ orderId: string; position: string }> {
    const joined = await sf()
      .post(`/campaigns/${campaignId}/orders`)
      .set(as(customer))
      .send({ quantity: 1, paymentMethod: 'pay_at_pickup' })
      .expect(201);
    // The stream checks the owner on the read model: wait for the order to be there.
    await sf().get(`/orders/${joined.body.orderId}?after=${joined.body.position}`).set(as(customer)).expect(200);
    return { orderId: joined.body.orderId as string, position: joined.body.position as string };
  }

  it('is for the owner alone: no token 401, anyone else (another consumer, the leader, an operator) 404 as for an unknown order', async () => {
    const { orderId } = await join(await campaign(), 'consumer1');
    const live = `/orders/${orderId}/live`;
    const anonymous = await sf().get(live).expect(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    await sf().get(`${live}?access_token=not-a-token`).expect(401);
    for (const other of ['consumer2', 'leader1', 'operator1']) {
      expect((await sf().get(live).set(as(other)).expect(404)).body.code).toBe('NOT_FOUND');
      await sf().get(`${live}?access_token=${t[other]}`).expect(404);
    }
    await sf().get('/orders/GB-000000000000-0001/live').set(as('consumer1')).expect(404);
    await sf().get(`${live}?lastEventId=abc`).set(as('consumer1')).expect(400);
  });

  it('tells the owner every change of the order (token in the URL for EventSource), up to its settled state, then ends; a client that saw that is told to stop (204)', async () => {
    const confirmedCampaign = await campaign();
    const kept = await join(confirmedCampaign, 'consumer1');
    const cancelled = await join(await campaign(), 'consumer1');

    // An order paid at pickup follows its campaign's outcome: confirmed at the cut-off, not settled yet.
    const keptStream = await openStream(
      `${url}/orders/${kept.orderId}/live?access_token=${encodeURIComponent(t.consumer1 ?? '')}`,
    );
    expect([keptStream.status, keptStream.contentType]).toEqual([200, expect.stringContaining('text/event-stream')]);
    const first = await keptStream.next();
    expect(first).toEqual({
      id: expect.stringMatching(/^\d+$/),
      data: { orderId: kept.orderId, status: 'reserved', paymentStatus: 'due_at_pickup', settled: false },
    });
    const cut = await sf().post(`/campaigns/${confirmedCampaign}/cutoff`).set(as('operator1')).expect(200);
    const confirmed = await keptStream.next();
    expect(confirmed?.data).toEqual({
      orderId: kept.orderId,
      status: 'confirmed',
      paymentStatus: 'due_at_pickup',
      settled: false,
    });
    // The frame's id is a position the order can be read after, and the read shows what the frame said.
    expect(BigInt(confirmed?.id ?? '0')).toBeGreaterThanOrEqual(BigInt(cut.body.position as string));
    expect(
      (await sf().get(`/orders/${kept.orderId}?after=${confirmed?.id}`).set(as('consumer1')).expect(200)).body.status,
    ).toBe('confirmed');
    await keptStream.close();

    // Cancelled with nothing to pay: settled, the last frame; the server ends the stream.
    const stream = await openStream(`${url}/orders/${cancelled.orderId}/live`, as('consumer1'));
    expect((await stream.next())?.data).toMatchObject({ status: 'reserved', settled: false });
    await sf().post(`/orders/${cancelled.orderId}/cancel`).set(as('consumer1')).expect(200);
    const last = await stream.next();
    expect(last?.data).toEqual({
      orderId: cancelled.orderId,
      status: 'cancelled',
      paymentStatus: 'none',
      settled: true,
    });
    expect(await stream.next()).toBeNull();

    // Reconnecting after the settled frame: 204, so EventSource stops; without it, the settled frame once more, then the end.
    await sf()
      .get(`/orders/${cancelled.orderId}/live`)
      .set(as('consumer1'))
      .set('Last-Event-ID', last?.id ?? '')
      .expect(204);
    await sf()
      .get(`/orders/${cancelled.orderId}/live?lastEventId=${last?.id ?? ''}&access_token=${t.consumer1}`)
      .expect(204);
    const again = await openStream(`${url}/orders/${cancelled.orderId}/live`, as('consumer1'));
    expect(await again.next()).toEqual(last);
    expect(await again.next()).toBeNull();

    // The token in the URL is not written to the request log.
    const logged = JSON.stringify(stack.logs('storefront'));
    expect(logged).toContain('access_token=[redacted]');
    expect(logged).not.toContain(t.consumer1);
  });
});

/** Admission control of the storefront's streams: per signed-in user (429) and per process (503), with Retry-After. */
describe('storefront: live streams within bounds', () => {
  let stack: Stack;
  let url: string;
  let t: Record<string, string>;
  const sf = () => stack.http('storefront');
  const as = (user: string) => ({ Authorization: `Bearer ${t[user]}` });

  beforeAll(async () => {
    stack = await startStack(['worker', 'storefront'], {
      STOREFRONT_STREAMS_PER_USER: '2',
      STOREFRONT_STREAMS_MAX: '4',
    });
    url = await stack.listen('storefront');
    t = await tokens(stack, [
      ['storefront', 'leader1'],
      ['storefront', 'consumer1'],
      ['storefront', 'consumer2'],
    ]);
  }, 60_000);
  afterAll(() => stack?.close());

  it('refuses a user a third order stream (429) and the process a fifth stream (503), and admits again once one closes', async () => {
    const created = await sf()
      .post('/campaigns')
      .set(as('leader1'))
      .send(campaignBody({ minQuantity: 1, cutoffAt: inMs(600_000) }))
      .expect(201);
    const campaignId = created.body.campaignId as string;
    await sf().post(`/campaigns/${campaignId}/publish`).set(as('leader1')).expect(200);
    const orderOf = async (customer: string) => {
      const joined = await sf()
        .post(`/campaigns/${campaignId}/orders`)
        .set(as(customer))
        .send({ quantity: 1, paymentMethod: 'pay_at_pickup' })
        .expect(201);
      await sf().get(`/orders/${joined.body.orderId}?after=${joined.body.position}`).set(as(customer)).expect(200);
      return joined.body.orderId as string;
    };
    const mine = await orderOf('consumer1');
    const theirs = await orderOf('consumer2');

    // Two streams of consumer1's order (two tabs): admitted; a third is refused with Retry-After.
    const tabs = [
      await openStream(`${url}/orders/${mine}/live`, as('consumer1')),
      await openStream(`${url}/orders/${mine}/live`, as('consumer1')),
    ];
    expect(tabs.map((s) => s.status)).toEqual([200, 200]);
    const third = await sf().get(`/orders/${mine}/live`).set(as('consumer1')).expect(429);
    expect([third.body.code, third.headers['retry-after']]).toEqual(['TOO_MANY_STREAMS', '30']);
    // consumer2 and an anonymous watcher of the campaign fill the process's four; a fifth watcher waits.
    const other = await openStream(`${url}/orders/${theirs}/live`, as('consumer2'));
    const watcher = await fetch(`${url}/campaigns/${campaignId}/live`);
    expect([other.status, watcher.status]).toEqual([200, 200]);
    const full = await sf().get(`/campaigns/${campaignId}/live`).expect(503);
    expect([full.body.code, full.headers['retry-after']]).toEqual(['TOO_MANY_STREAMS', '10']);
    const metrics = (await sf().get('/metrics')).text;
    expect([
      metric(metrics, 'storefront_streams_open'),
      metric(metrics, 'storefront_streams_refused_total', 'reason="per_user"'),
      metric(metrics, 'storefront_streams_refused_total', 'reason="per_process"'),
    ]).toEqual([4, 1, 1]);

    // A tab closes: its place is free again (the server notices the client leaving).
    await tabs[0]?.close();
    let again: OrderStream | undefined;
    for (const deadline = Date.now() + 10_000; !again && Date.now() < deadline;) {
      const attempt = await openStream(`${url}/orders/${mine}/live`, as('consumer1'));
      if (attempt.status === 200) again = attempt;
      else await attempt.close();
    }
    expect(again?.status).toBe(200);
    expect((await again?.next())?.data).toMatchObject({ orderId: mine, status: 'reserved' });
    await Promise.all([again?.close(), tabs[1]?.close(), other.close(), watcher.body?.cancel()]);
  });
});
