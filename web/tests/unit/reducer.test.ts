import { describe, expect, it } from 'vitest';
import { initialState, reduce, type Action } from '../../src/state/reducer.js';
import { agentIsTyping, markOf, nextSend, queueText, readToSend, unreadCount } from '../../src/state/selectors.js';
import type { ChatState, ServerEv } from '../../src/state/types.js';

const welcome: ServerEv = {
  kind: 'welcome',
  customerId: 'u1',
  sessionToken: 't1',
  conversationId: 'c1',
  department: 'general',
  streamId: 's1',
};

const msg = (seq: number, text = `m${seq}`, from: 'agent' | 'customer' | 'system' = 'agent', clientMsgId = ''): ServerEv => ({
  kind: 'message',
  seq,
  from,
  name: from === 'agent' ? 'Ada' : 'Bob',
  text,
  at: 1000 + seq,
  clientMsgId,
});

const ack = (clientMsgId: string, seq: number): ServerEv => ({ kind: 'ack', clientMsgId, seq, at: 2000 + seq });

function run(state: ChatState, ...actions: (Action | ServerEv)[]): ChatState {
  return actions.reduce<ChatState>(
    (s, a) => reduce(s, 'kind' in a ? { type: 'server', event: a, now: 0 } : a),
    state,
  );
}

function live(): ChatState {
  return run(initialState(), { type: 'start', name: 'Bob', email: '', department: '' }, welcome, {
    kind: 'assigned',
    agentName: 'Ada',
    agentTitle: '',
  });
}

const compose = (clientMsgId: string, text = clientMsgId): Action => ({ type: 'compose', text, clientMsgId, now: 1 });

describe('exactly once on the screen', () => {
  it('shows each seq once, in order, and drops repeats', () => {
    const s = run(live(), msg(1), msg(2), msg(1), msg(2), msg(3));
    expect(s.lines.map((l) => l.seq)).toEqual([1, 2, 3]);
    expect(s.lastSeq).toBe(3);
  });

  it('holds a message that comes ahead of a gap until the gap fills', () => {
    let s = run(live(), msg(1), msg(3));
    expect(s.lines.map((l) => l.seq)).toEqual([1]);
    expect(s.lastSeq).toBe(1);
    expect(s.held.map((l) => l.seq)).toEqual([3]);
    s = run(s, msg(3), msg(2));
    expect(s.lines.map((l) => l.seq)).toEqual([1, 2, 3]);
    expect(s.held).toEqual([]);
    expect(s.lastSeq).toBe(3);
  });

  it('an ack shows the own message once, whether the Send answer or the stream Ack comes first', () => {
    let s = run(live(), compose('a', 'hello'));
    s = run(s, ack('a', 1), ack('a', 1));
    expect(s.lines).toHaveLength(1);
    expect(s.lines[0]).toMatchObject({ seq: 1, own: true, text: 'hello', name: 'Bob' });
    expect(s.outbox).toEqual([]);
  });

  it('a replayed own message after a resume settles the pending send with its client_msg_id', () => {
    let s = run(live(), compose('a', 'hello'));
    s = run(s, msg(1, 'hello', 'customer', 'a'));
    expect(s.lines).toHaveLength(1);
    expect(s.lines[0]!.own).toBe(true);
    expect(s.outbox).toEqual([]);
    // Its late ack changes nothing.
    s = run(s, ack('a', 1));
    expect(s.lines).toHaveLength(1);
  });

  it('an ack ahead of a gap keeps the message in place (acknowledged) and shows it when the gap fills', () => {
    let s = run(live(), compose('a', 'mine'));
    s = run(s, ack('a', 2));
    expect(s.lines).toEqual([]);
    expect(s.outbox[0]!.ackedSeq).toBe(2);
    expect(nextSend({ ...s, inFlight: '' })).toBeNull();
    s = run(s, msg(1));
    expect(s.lines.map((l) => [l.seq, l.own])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(s.outbox).toEqual([]);
  });
});

describe('outbox', () => {
  it('sends in the order typed, one at a time', () => {
    let s = run(live(), compose('a'), compose('b'), compose('c'));
    expect(nextSend(s)!.clientMsgId).toBe('a');
    s = run(s, { type: 'sendStarted', clientMsgId: 'a' });
    expect(nextSend(s)).toBeNull();
    s = run(s, ack('a', 1));
    expect(nextSend(s)!.clientMsgId).toBe('b');
  });

  it('a send refused for now stays first and is retried before any later one', () => {
    let s = run(live(), compose('a'), compose('b'), { type: 'sendStarted', clientMsgId: 'a' });
    s = run(s, { type: 'sendRetry', clientMsgId: 'a', countsAsAttempt: true });
    expect(s.outbox.map((p) => p.clientMsgId)).toEqual(['a', 'b']);
    expect(s.outbox[0]!.attempts).toBe(1);
    expect(nextSend(s)!.clientMsgId).toBe('a');
  });

  it('an Error event for a send: retryable codes keep it first, other codes mark it not sent and keep its text', () => {
    let s = run(live(), compose('a', 'first'), compose('b', 'second'));
    s = run(s, { kind: 'error', code: 'ResourceExhausted', message: 'retry in 50 ms', clientMsgId: 'a' });
    expect(nextSend(s)!.clientMsgId).toBe('a');
    s = run(s, { kind: 'error', code: 'InvalidArgument', message: 'message text is too long', clientMsgId: 'a' });
    expect(s.outbox.map((p) => p.clientMsgId)).toEqual(['b']);
    expect(s.unsent).toEqual([{ clientMsgId: 'a', text: 'first', createdAt: 1, reason: 'message text is too long' }]);
    expect(nextSend(s)!.clientMsgId).toBe('b');
  });

  it('nothing is sent while no stream is live; after a reconnect the first unacknowledged send goes again', () => {
    let s = run(live(), compose('a'), compose('b'), { type: 'sendStarted', clientMsgId: 'a' });
    s = run(s, { type: 'streamLost', attempt: 1, offline: false });
    expect(s.inFlight).toBe('');
    expect(nextSend(s)).toBeNull();
    s = run(s, { type: 'connecting', attempt: 1 }, { ...welcome, streamId: 's2' });
    expect(s.streamId).toBe('s2');
    expect(nextSend(s)!.clientMsgId).toBe('a');
  });

  it('ignores blank messages', () => {
    const s = run(live(), compose('a', '   \n'));
    expect(s.outbox).toEqual([]);
  });

  it('sends still waiting when the chat ends become unsent, with their text', () => {
    const s = run(live(), compose('a', 'too late'), { kind: 'ended', by: 'agent', reason: '', lastSeq: 0 });
    expect(s.phase).toBe('ended');
    expect(s.outbox).toEqual([]);
    expect(s.unsent.map((u) => u.text)).toEqual(['too late']);
  });
});

describe('queue and agent', () => {
  it('shows the queue position and wait, then the agent', () => {
    let s = run(initialState(), { type: 'start', name: 'Bob', email: '', department: '' }, welcome);
    expect(s.phase).toBe('joining');
    s = run(s, { kind: 'queued', department: 'general', position: 2, estimatedWaitSeconds: 180, noAgentAvailable: false });
    expect(s.phase).toBe('queued');
    expect(queueText(s.queue!)).toBe('You are number 2 in line (about 3 minutes).');
    expect(s.announcement).toBe('You are number 2 in line (about 3 minutes).');
    s = run(s, { kind: 'queued', department: 'general', position: 1, estimatedWaitSeconds: 0, noAgentAvailable: true });
    expect(queueText(s.queue!)).toBe('You are next in line; nobody is available right now; you keep your place.');
    s = run(s, { kind: 'assigned', agentName: 'Ada', agentTitle: 'Support' });
    expect(s.phase).toBe('chatting');
    expect(s.queue).toBeNull();
    expect(s.agentName).toBe('Ada');
    expect(s.announcement).toBe('Ada joined the chat.');
  });

  it('a repeated Assigned on reconnect is not announced again', () => {
    const s = live();
    const again = run(s, { kind: 'assigned', agentName: 'Ada', agentTitle: '' });
    expect(again.announceId).toBe(s.announceId);
  });

  it('a requeue (agent lost) goes back to queued', () => {
    const s = run(live(), { kind: 'queued', department: 'general', position: 1, estimatedWaitSeconds: 0, noAgentAvailable: false });
    expect(s.phase).toBe('queued');
    expect(s.agentName).toBe('');
  });
});

describe('unread, read and marks', () => {
  it('counts messages from others not seen with the panel open', () => {
    let s = run(live(), msg(1), msg(2, 'x', 'system'));
    expect(unreadCount(s)).toBe(2);
    s = run(s, { type: 'panel', open: true, visible: true });
    expect(unreadCount(s)).toBe(0);
    expect(readToSend(s)).toBe(2);
    s = run(s, { type: 'readSent', seq: 2 }, msg(3));
    // Open and visible: the controller reports it seen at once.
    s = run(s, { type: 'seen', visible: true });
    expect(unreadCount(s)).toBe(0);
    expect(readToSend(s)).toBe(3);
    s = run(s, { type: 'panel', open: false, visible: true }, msg(4));
    expect(unreadCount(s)).toBe(1);
  });

  it('own messages never count as unread; a hidden page does not mark as seen', () => {
    let s = run(live(), compose('a'), ack('a', 1), { type: 'panel', open: true, visible: false }, msg(2));
    expect(unreadCount(s)).toBe(1);
    s = run(s, { type: 'seen', visible: false });
    expect(unreadCount(s)).toBe(1);
  });

  it('marks an own message read once the agent read up to its seq', () => {
    let s = run(live(), compose('a'), ack('a', 1), compose('b'), ack('b', 2));
    s = run(s, { kind: 'read', seq: 1, name: 'Ada' });
    expect(s.lines.map((l) => markOf(s, l))).toEqual(['read', 'sent']);
    s = run(s, { kind: 'read', seq: 0, name: 'Ada' });
    expect(s.agentReadSeq).toBe(1);
  });

  it('shows the agent typing for a few seconds, until its message comes', () => {
    let s = reduce(live(), { type: 'server', event: { kind: 'typing', name: 'Ada', from: 'agent' }, now: 10_000 });
    expect(agentIsTyping(s, 11_000)).toBe(true);
    expect(agentIsTyping(s, 20_000)).toBe(false);
    s = run(s, msg(1));
    expect(agentIsTyping(s, 11_000)).toBe(false);
  });
});

describe('stream ends', () => {
  it('ABORTED: another tab took over; nothing is sent from here any more', () => {
    let s = run(live(), compose('a'), { type: 'takenOver' });
    expect(s.phase).toBe('taken-over');
    expect(s.announcement).toBe('This chat continues in another tab.');
    expect(nextSend(s)).toBeNull();
    // A late welcome from an old stream would not revive it either: the controller never reconnects.
    s = run(s, { type: 'streamLost', attempt: 1, offline: false });
    expect(s.phase).toBe('taken-over');
  });

  it('closed with OK without an Ended event still ends the chat', () => {
    const s = run(live(), { type: 'closed' });
    expect(s.phase).toBe('ended');
    expect(s.connection).toBe('idle');
  });

  it('a refused resume returns to the start form with the reason and forgets the session', () => {
    const s = run(live(), msg(1), { type: 'refused', message: 'could not be continued', forgetSession: true });
    expect(s.phase).toBe('start');
    expect(s.session).toBeNull();
    expect(s.notice).toBe('could not be continued');
    expect(s.lines).toEqual([]);
    expect(s.name).toBe('Bob');
  });

  it('a welcome for another conversation starts an empty transcript', () => {
    const s = run(live(), msg(1), { ...welcome, conversationId: 'c2' });
    expect(s.lines).toEqual([]);
    expect(s.lastSeq).toBe(0);
  });
});
