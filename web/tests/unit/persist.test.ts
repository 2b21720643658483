import { describe, expect, it } from 'vitest';
import { restore, save, storageKey, toStored } from '../../src/state/persist.js';
import { initialState, reduce, type Action } from '../../src/state/reducer.js';
import { nextSend } from '../../src/state/selectors.js';
import type { ChatState, ServerEv } from '../../src/state/types.js';

class MemoryStorage implements Storage {
  map = new Map<string, string>();
  quota = Infinity;
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  setItem(k: string, v: string) {
    if (v.length > this.quota) {
      throw new DOMException('full', 'QuotaExceededError');
    }
    this.map.set(k, v);
  }
}

const key = storageKey('http://127.0.0.1:5080', '');

function step(s: ChatState, a: Action | ServerEv): ChatState {
  return reduce(s, 'kind' in a ? { type: 'server', event: a, now: 0 } : a);
}

function conversation(): ChatState {
  let s = initialState();
  for (const a of [
    { type: 'start', name: 'Bob', email: 'bob@example.com', department: '' },
    { kind: 'welcome', customerId: 'u1', sessionToken: 't1', conversationId: 'c1', department: 'general', streamId: 's1' },
    { kind: 'assigned', agentName: 'Ada', agentTitle: '' },
    { kind: 'message', seq: 1, from: 'agent', name: 'Ada', text: 'Hi Bob', at: 5, clientMsgId: '' },
    { type: 'compose', text: 'acked', clientMsgId: 'a', now: 6 },
    { kind: 'ack', clientMsgId: 'a', seq: 2, at: 7 },
    { type: 'compose', text: 'first pending', clientMsgId: 'b', now: 8 },
    { type: 'compose', text: 'second pending', clientMsgId: 'c', now: 9 },
    { type: 'sendStarted', clientMsgId: 'b' },
  ] as (Action | ServerEv)[]) {
    s = step(s, a);
  }
  return s;
}

describe('sessionStorage', () => {
  it('a reload restores the session, the transcript and its cursor, and resends pending sends in order with the same ids', () => {
    const storage = new MemoryStorage();
    save(storage, key, conversation());
    const back = restore(storage, key, '');
    expect(back.session).toEqual({ customerId: 'u1', sessionToken: 't1', conversationId: 'c1' });
    expect(back.name).toBe('Bob');
    expect(back.email).toBe('bob@example.com');
    expect(back.lastSeq).toBe(2);
    expect(back.lines.map((l) => l.text)).toEqual(['Hi Bob', 'acked']);
    expect(back.outbox.map((p) => [p.clientMsgId, p.text])).toEqual([
      ['b', 'first pending'],
      ['c', 'second pending'],
    ]);
    expect(back.inFlight).toBe('');
    expect(back.phase).toBe('chatting');

    // The resumed stream replays what came after the cursor; the pending send the server had stored shows once.
    let s = step(back, { kind: 'welcome', customerId: 'u1', sessionToken: 't2', conversationId: 'c1', department: 'general', streamId: 's9' });
    expect(s.session!.sessionToken).toBe('t2');
    expect(nextSend(s)!.clientMsgId).toBe('b');
    s = step(s, { kind: 'message', seq: 3, from: 'customer', name: 'Bob', text: 'first pending', at: 9, clientMsgId: 'b' });
    expect(s.lines.map((l) => l.seq)).toEqual([1, 2, 3]);
    expect(nextSend(s)!.clientMsgId).toBe('c');
    s = step(s, { kind: 'ack', clientMsgId: 'b', seq: 3, at: 9 });
    expect(s.lines).toHaveLength(3);
  });

  it('keeps nothing before there is a session, and starts fresh from garbage', () => {
    const storage = new MemoryStorage();
    save(storage, key, initialState());
    expect(storage.length).toBe(0);
    storage.setItem(key, '{not json');
    expect(restore(storage, key, 'billing')).toEqual(initialState('billing'));
    storage.setItem(key, JSON.stringify({ v: 99, customerId: 'u' }));
    expect(restore(storage, key, '').session).toBeNull();
  });

  it('when the transcript does not fit, keeps the session and resumes from seq 0 (the server replays it all)', () => {
    const storage = new MemoryStorage();
    const s = conversation();
    const stored = toStored(s)!;
    storage.quota = JSON.stringify({ ...stored, lines: [], lastSeq: 0, seenSeq: 0 }).length;
    expect(JSON.stringify(stored).length).toBeGreaterThan(storage.quota);
    save(storage, key, s);
    const back = restore(storage, key, '');
    expect(back.session!.conversationId).toBe('c1');
    expect(back.lastSeq).toBe(0);
    expect(back.lines).toEqual([]);
    expect(back.outbox.map((p) => p.clientMsgId)).toEqual(['b', 'c']);
  });

  it('a transcript with a gap is not trusted as a cursor', () => {
    const storage = new MemoryStorage();
    save(storage, key, conversation());
    const stored = JSON.parse(storage.getItem(key)!);
    stored.lines = [stored.lines[1]];
    storage.setItem(key, JSON.stringify(stored));
    const back = restore(storage, key, '');
    expect(back.lastSeq).toBe(0);
    expect(back.lines).toEqual([]);
  });

  it('keys by server and department', () => {
    expect(storageKey('https://a', 'billing')).not.toBe(storageKey('https://a', ''));
  });
});
