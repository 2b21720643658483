// The customer's transcript as plain text, for the "Download transcript" button: a header (conversation, department,
// started), then one line per message, "[time] Name: text". Built from what the widget shows, which is only what the
// server gives the customer (never agents' notes). Times are the browser's local time.
import { visibleText } from './format.js';
import type { ChatState } from './types.js';

/** "2026-11-27 09:05" in local time. */
export function transcriptTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

export function transcriptText(s: ChatState, time: (ms: number) => string = transcriptTime): string {
  // The widget does not keep when the conversation started: its first message says it closely enough.
  const started = s.lines.length > 0 ? time(s.lines[0]!.at) : '';
  const header = [
    `Conversation: ${s.session?.conversationId ?? ''}`,
    `Department: ${visibleText(s.department)}`,
    `Started: ${started}`,
    '',
  ];
  const lines = s.lines.map((l) => {
    const who = l.from === 'system' ? 'SupportChat' : l.name;
    return `[${time(l.at)}] ${visibleText(who)}: ${visibleText(l.text)}`;
  });
  return [...header, ...lines, ''].join('\n');
}

/** The file name offered for the download. */
export function transcriptFileName(s: ChatState): string {
  return `supportchat-${s.session?.conversationId || 'transcript'}.txt`;
}
