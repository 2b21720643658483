// What the view and the controller read from the state: derived values, never stored.
import { visibleText } from './format.js';
import type { ChatState, Line, Pending } from './types.js';

/** The queue line: "You are number 2 in line (about 3 minutes)." */
export function queueText(q: {
  position: number;
  estimatedWaitSeconds: number;
  noAgentAvailable: boolean;
  offline?: boolean;
  offlineMessage?: string;
}): string {
  if (q.offline) {
    // The server says when the team is back; nobody can answer now, so no place in line is promised.
    return visibleText(q.offlineMessage || "We're offline; leave a message and we'll answer here.");
  }
  const place = q.position === 1 ? 'You are next in line' : `You are number ${q.position} in line`;
  if (q.noAgentAvailable) {
    return `${place}; nobody is available right now; you keep your place.`;
  }
  if (q.estimatedWaitSeconds > 0) {
    return `${place} (about ${waitText(q.estimatedWaitSeconds)}).`;
  }
  return `${place}.`;
}

export function waitText(seconds: number): string {
  if (seconds < 60) {
    return 'less than a minute';
  }
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** Messages from others that arrived after what the customer has seen. */
export function unreadCount(state: ChatState): number {
  return state.lines.filter((l) => !l.own && l.seq > state.seenSeq).length;
}

/** The next send to put on the wire: the first of the outbox, when a stream is live and nothing is in flight. */
export function nextSend(state: ChatState): Pending | null {
  if (state.inFlight || !state.streamId || state.connection !== 'live' || state.phase === 'taken-over') {
    return null;
  }
  return state.outbox.find((p) => p.ackedSeq === undefined) ?? null;
}

/** The seq to report in a Read call, or 0 when there is nothing new. */
export function readToSend(state: ChatState): number {
  return state.seenSeq > state.readSentSeq && state.streamId ? state.seenSeq : 0;
}

export function agentIsTyping(state: ChatState, now: number): boolean {
  return state.agentTypingUntil > now;
}

export type Mark = 'pending' | 'sent' | 'read';

export function markOf(state: ChatState, line: Line): Mark {
  return state.agentReadSeq >= line.seq ? 'read' : 'sent';
}
