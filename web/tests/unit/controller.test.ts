// The controller over a fake transport and fake timers: what goes on the wire, in which order, and when it
// reconnects (or, after ABORTED, does not).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatController, type Environment } from '../../src/controller.js';
import { initialState } from '../../src/state/reducer.js';
import type { ServerEv } from '../../src/state/types.js';
import { CallError, type ChatTransport, type Hello, type StreamRef } from '../../src/transport/transport.js';

/** One Events stream the test feeds by hand. */
class FakeStream {
  private queue: ServerEv[] = [];
  private wake: (() => void) | null = null;
  private end: { error?: CallError } | null = null;
  constructor(readonly hello: Hello) {}
  push(...events: ServerEv[]) {
    this.queue.push(...events);
    this.wake?.();
  }
  fail(code: string, message = code) {
    this.end = { error: new CallError(code, message) };
    this.wake?.();
  }
  close() {
    this.end = {};
    this.wake?.();
  }
  async *iterate(signal: AbortSignal): AsyncGenerator<ServerEv> {
    signal.addEventListener('abort', () => this.fail('Canceled'));
    for (;;) {
      while (this.queue.length > 0) {
        yield this.queue.shift()!;
      }
      if (this.end) {
        if (this.end.error) throw this.end.error;
        return;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }
}

interface SendCall {
  ref: StreamRef;
  clientMsgId: string;
  text: string;
  resolve: (ack: { seq: number; at: number }) => void;
  reject: (e: CallError) => void;
}

class FakeTransport implements ChatTransport {
  streams: FakeStream[] = [];
  sends: SendCall[] = [];
  reads: number[] = [];
  typings = 0;
  ends = 0;
  rated: { rating: number; comment: string; token: string }[] = [];
  events(hello: Hello, signal: AbortSignal) {
    const stream = new FakeStream(hello);
    this.streams.push(stream);
    return stream.iterate(signal);
  }
  send(ref: StreamRef, clientMsgId: string, text: string) {
    return new Promise<{ seq: number; at: number }>((resolve, reject) => this.sends.push({ ref, clientMsgId, text, resolve, reject }));
  }
  async typing() {
    this.typings++;
  }
  async read(_ref: StreamRef, seq: number) {
    this.reads.push(seq);
  }
  async end() {
    this.ends++;
  }
  async rate(session: { sessionToken: string }, rating: number, comment: string) {
    this.rated.push({ rating, comment, token: session.sessionToken });
  }
  get last() {
    return this.streams[this.streams.length - 1]!;
  }
}

const welcome = (streamId: string): ServerEv => ({
  kind: 'welcome',
  customerId: 'u1',
  sessionToken: 't1',
  conversationId: 'c1',
  department: 'general',
  streamId,
});

let transport: FakeTransport;
let online: boolean;
let network: { online: () => void; offline: () => void };
let ids: number;

function env(): Environment {
  return {
    storage: null,
    storageKey: 'k',
    now: () => Date.now(),
    random: () => 0.5,
    uuid: () => `id-${++ids}`,
    online: () => online,
    watchNetwork: (on, off) => {
      network = { online: on, offline: off };
      return () => {};
    },
    visible: () => true,
  };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  transport = new FakeTransport();
  online = true;
  ids = 0;
});
afterEach(() => vi.useRealTimers());

async function chatting() {
  const c = new ChatController(initialState(), transport, env());
  c.start('Bob', '', '');
  await flush();
  expect(transport.last.hello).toEqual({ kind: 'new', name: 'Bob', email: '', department: '' });
  transport.last.push(welcome('s1'), { kind: 'assigned', agentName: 'Ada', agentTitle: '' });
  await flush();
  return c;
}

describe('ChatController', () => {
  it('keeps one send in flight, in the order typed', async () => {
    const c = await chatting();
    c.compose('one');
    c.compose('two');
    await flush();
    expect(transport.sends.map((s) => s.text)).toEqual(['one']);
    expect(transport.sends[0]!.ref.streamId).toBe('s1');
    transport.sends[0]!.resolve({ seq: 1, at: 1 });
    await flush();
    expect(transport.sends.map((s) => s.text)).toEqual(['one', 'two']);
    transport.sends[1]!.resolve({ seq: 2, at: 2 });
    await flush();
    expect(c.state.lines.map((l) => l.text)).toEqual(['one', 'two']);
    expect(c.state.outbox).toEqual([]);
  });

  it('retries a send refused for now with the same id before any later one; a final refusal keeps the text', async () => {
    const c = await chatting();
    c.compose('one');
    c.compose('two');
    await flush();
    transport.sends[0]!.reject(new CallError('ResourceExhausted', 'too many messages …, retry in 300 ms.'));
    await flush();
    await vi.advanceTimersByTimeAsync(299);
    expect(transport.sends).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(transport.sends.map((s) => s.clientMsgId)).toEqual(['id-1', 'id-1']);
    transport.sends[1]!.reject(new CallError('InvalidArgument', 'message text contains a control character'));
    await flush();
    expect(c.state.unsent.map((u) => [u.text, u.reason])).toEqual([['one', 'message text contains a control character']]);
    expect(transport.sends.map((s) => s.clientMsgId)).toEqual(['id-1', 'id-1', 'id-2']);
  });

  it('reconnects with back-off after a failure, resumes from the cursor and resends the outbox with the same ids', async () => {
    const c = await chatting();
    transport.last.push({ kind: 'message', seq: 1, from: 'agent', name: 'Ada', text: 'hi', at: 1, clientMsgId: '' });
    await flush();
    c.compose('one');
    c.compose('two');
    await flush();
    transport.last.fail('Unavailable', 'the server is shutting down.');
    transport.sends[0]!.reject(new CallError('Unavailable', 'stream not open'));
    await flush();
    expect(c.state.connection).toBe('reconnecting');
    expect(transport.streams).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(250);
    expect(transport.streams).toHaveLength(2);
    expect(transport.last.hello).toEqual({
      kind: 'resume',
      session: { customerId: 'u1', sessionToken: 't1', conversationId: 'c1' },
      lastSeq: 1,
    });
    transport.last.push(welcome('s2'));
    await vi.advanceTimersByTimeAsync(10_000);
    const resent = transport.sends.filter((s) => s.ref.streamId === 's2');
    expect(resent.map((s) => s.clientMsgId)).toEqual(['id-1']);
    resent[0]!.resolve({ seq: 2, at: 2 });
    await flush();
    expect(transport.sends.filter((s) => s.ref.streamId === 's2').map((s) => s.clientMsgId)).toEqual(['id-1', 'id-2']);
  });

  it('a send refused with Unavailable again and again reopens the stream (it may be gone) and goes out on the new one', async () => {
    const c = await chatting();
    c.compose('one');
    await flush();
    for (let i = 0; i < 3; i++) {
      transport.sends[i]!.reject(new CallError('Unavailable', 'the stream is no longer open'));
      await vi.advanceTimersByTimeAsync(10_000);
    }
    expect(transport.streams).toHaveLength(2);
    expect(transport.last.hello.kind).toBe('resume');
    transport.last.push(welcome('s2'));
    await flush();
    const last = transport.sends[transport.sends.length - 1]!;
    expect([last.clientMsgId, last.ref.streamId]).toEqual(['id-1', 's2']);
    last.resolve({ seq: 1, at: 1 });
    await flush();
    expect(c.state.lines.map((l) => l.text)).toEqual(['one']);
  });

  it('ABORTED: says another tab took over and never reconnects', async () => {
    const c = await chatting();
    transport.last.fail('Aborted', 'replaced by a newer connection');
    await flush();
    expect(c.state.phase).toBe('taken-over');
    await vi.advanceTimersByTimeAsync(60_000);
    network.online();
    await flush();
    expect(transport.streams).toHaveLength(1);
  });

  it('offline: stops the stream and shows it, reconnects at once when the browser is back online', async () => {
    const c = await chatting();
    online = false;
    network.offline();
    await flush();
    expect(c.state.connection).toBe('offline');
    c.compose('while offline');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(transport.sends).toHaveLength(0);
    expect(transport.streams).toHaveLength(1);
    online = true;
    network.online();
    await flush();
    expect(transport.streams).toHaveLength(2);
    transport.last.push(welcome('s2'));
    await flush();
    expect(transport.sends.map((s) => [s.text, s.ref.streamId])).toEqual([['while offline', 's2']]);
  });

  it('a refused resume goes back to the start form', async () => {
    const state = { ...initialState(), name: 'Bob', phase: 'chatting' as const, session: { customerId: 'u1', sessionToken: 'old', conversationId: 'c1' } };
    const c = new ChatController(state, transport, env());
    c.resumeIfAny();
    await flush();
    transport.last.fail('Unauthenticated', 'this session cannot be resumed');
    await flush();
    expect(c.state.phase).toBe('start');
    expect(c.state.notice).toContain('could not be continued');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(transport.streams).toHaveLength(1);
  });

  it('typing notices at most every 2 s; read notices for what is visible', async () => {
    const c = await chatting();
    c.typed();
    c.typed();
    await vi.advanceTimersByTimeAsync(1999);
    c.typed();
    expect(transport.typings).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    c.typed();
    expect(transport.typings).toBe(2);

    transport.last.push({ kind: 'message', seq: 1, from: 'agent', name: 'Ada', text: 'hi', at: 1, clientMsgId: '' });
    await flush();
    expect(transport.reads).toEqual([]);
    c.setPanel(true);
    expect(transport.reads).toEqual([1]);
    expect(c.state.readSentSeq).toBe(1);
    // With the panel open, a new message is seen at once: read (after the 1 s pacing), never unread.
    transport.last.push({ kind: 'message', seq: 2, from: 'agent', name: 'Ada', text: 'there?', at: 2, clientMsgId: '' });
    await flush();
    expect(c.state.seenSeq).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(transport.reads).toEqual([1, 2]);
  });

  it('ends, then rates with the session', async () => {
    const c = await chatting();
    c.end();
    await flush();
    expect(transport.ends).toBe(1);
    transport.last.push({ kind: 'ended', by: 'customer', reason: 'customer ended the conversation', lastSeq: 0 });
    transport.last.close();
    await flush();
    expect(c.state.phase).toBe('ended');
    expect(c.state.connection).toBe('idle');
    await c.rate(4, 'quick');
    expect(transport.rated).toEqual([{ rating: 4, comment: 'quick', token: 't1' }]);
    expect(c.state.rating.status).toBe('done');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(transport.streams).toHaveLength(1);
  });
});
