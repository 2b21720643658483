import { describe, expect, it } from 'vitest';
import { initialState, reduce, type Action } from '../../src/state/reducer.js';
import { queueText } from '../../src/state/selectors.js';
import { transcriptFileName, transcriptText } from '../../src/state/transcript.js';
import type { ChatState, ServerEv } from '../../src/state/types.js';

const welcome: ServerEv = {
  kind: 'welcome',
  customerId: 'u1',
  sessionToken: 't1',
  conversationId: 'c1',
  department: 'billing',
  streamId: 's1',
};

const offline: ServerEv = {
  kind: 'queued',
  department: 'billing',
  position: 1,
  estimatedWaitSeconds: 0,
  noAgentAvailable: true,
  offline: true,
  openAt: Date.UTC(2026, 10, 30, 8),
  offlineMessage: "We're offline until Monday 09:00 (Europe/Amsterdam); leave a message and we'll answer here.",
};

function run(state: ChatState, ...actions: (Action | ServerEv)[]): ChatState {
  return actions.reduce<ChatState>((s, a) => reduce(s, 'kind' in a ? { type: 'server', event: a, now: 0 } : a), state);
}

const started = () => run(initialState(), { type: 'start', name: 'Nina', email: '', department: 'billing' }, welcome);

describe('offline', () => {
  it('shows and announces the server\'s offline notice instead of a place in line', () => {
    const s = run(started(), offline);

    expect(s.phase).toBe('queued');
    expect(s.queue).toMatchObject({ offline: true, openAt: Date.UTC(2026, 10, 30, 8) });
    expect(queueText(s.queue!)).toBe(
      "We're offline until Monday 09:00 (Europe/Amsterdam); leave a message and we'll answer here.",
    );
    expect(s.announcement).toBe(queueText(s.queue!));
  });

  it('announces again when the team is back (no longer offline)', () => {
    const s = run(started(), offline);
    const back = run(s, { kind: 'queued', department: 'billing', position: 1, estimatedWaitSeconds: 0, noAgentAvailable: false });

    expect(back.queue!.offline).toBe(false);
    expect(back.announceId).toBeGreaterThan(s.announceId);
    expect(back.announcement).toBe('You are next in line.');
  });

  it('a server that does not say is not offline', () => {
    const s = run(started(), { kind: 'queued', department: 'billing', position: 2, estimatedWaitSeconds: 0, noAgentAvailable: false });

    expect(s.queue).toMatchObject({ offline: false, openAt: 0, offlineMessage: '' });
  });
});

describe('transcript', () => {
  const at = (minute: number) => Date.UTC(2026, 10, 27, 3, minute);
  const time = (ms: number) => new Date(ms).toISOString().slice(11, 16);

  it('has a header, then one line per message with time and name', () => {
    const s = run(
      started(),
      offline,
      { kind: 'message', seq: 1, from: 'customer', name: 'Nina', text: 'My invoice is wrong.', at: at(1), clientMsgId: 'x1' },
      { kind: 'message', seq: 2, from: 'system', name: 'SupportChat', text: 'Ada joined.', at: at(2), clientMsgId: '' },
      { kind: 'message', seq: 3, from: 'agent', name: 'Ada', text: 'Fixed.', at: at(3), clientMsgId: '' },
    );

    expect(transcriptText(s, time)).toBe(
      [
        'Conversation: c1',
        'Department: billing',
        'Started: 03:01',
        '',
        '[03:01] Nina: My invoice is wrong.',
        '[03:02] SupportChat: Ada joined.',
        '[03:03] Ada: Fixed.',
        '',
      ].join('\n'),
    );
    expect(transcriptFileName(s)).toBe('supportchat-c1.txt');
  });

  it('shows control and bidi characters as visible escapes', () => {
    const s = run(started(), {
      kind: 'message',
      seq: 1,
      from: 'agent',
      name: 'Ada\u202E',
      text: 'line\u001b[2J',
      at: at(1),
      clientMsgId: '',
    });

    expect(transcriptText(s, time)).toContain('[03:01] Ada\\u202E: line\\u001B[2J');
  });
});
