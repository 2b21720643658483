// The pieces of the panel that only read the state: status line, banner and messages. All text goes through Lit's
// text bindings; other people's text is shown with control and bidi characters made visible.
import { html, nothing, type TemplateResult } from 'lit';
import { clockTime, visibleText } from '../state/format.js';
import { markOf, queueText } from '../state/selectors.js';
import type { ChatState, Line, Pending, Unsent } from '../state/types.js';

export function statusLine(s: ChatState): string {
  switch (s.phase) {
    case 'start':
      return 'We usually answer within minutes.';
    case 'joining':
      return 'Connecting you to support…';
    case 'queued':
      return s.queue ? queueText(s.queue) : 'Waiting for an agent…';
    case 'chatting':
      return s.agentTitle ? `You are chatting with ${s.agentName} (${s.agentTitle}).` : `You are chatting with ${s.agentName}.`;
    case 'ended':
      return 'This chat has ended.';
    case 'taken-over':
      return 'This chat continues in another tab.';
  }
}

export function renderBanner(s: ChatState): TemplateResult | typeof nothing {
  if (s.phase === 'taken-over') {
    return html`<p class="banner">This chat continues in another tab. Reload this page to continue it here.</p>`;
  }
  if (s.phase === 'start' || s.phase === 'ended') {
    return nothing;
  }
  if (s.connection === 'offline') {
    return html`<p class="banner">You are offline. Your messages will be sent when the connection is back.</p>`;
  }
  if (s.connection === 'reconnecting') {
    return html`<p class="banner">Connection lost; reconnecting${s.reconnectAttempt > 1 ? ` (attempt ${s.reconnectAttempt})` : ''}…</p>`;
  }
  return nothing;
}

export function renderLine(s: ChatState, l: Line): TemplateResult {
  if (l.from === 'system') {
    return html`<li class="msg system"><p class="text">${visibleText(l.text)}</p></li>`;
  }
  const mark = l.own ? (markOf(s, l) === 'read' ? 'Read' : 'Sent') : '';
  return html`<li class="msg ${l.own ? 'own' : ''}">
    <span class="who">${l.own ? 'You' : visibleText(l.name)}</span>
    <p class="text">${l.own ? l.text : visibleText(l.text)}</p>
    <span class="meta"><time datetime=${new Date(l.at).toISOString()}>${clockTime(l.at)}</time>${mark ? ` · ${mark}` : ''}</span>
  </li>`;
}

export function renderPending(s: ChatState, p: Pending): TemplateResult {
  const state = s.connection === 'live' ? 'Sending…' : 'Waiting for the connection…';
  return html`<li class="msg own pending">
    <span class="who">You</span>
    <p class="text">${p.text}</p>
    <span class="meta"><time datetime=${new Date(p.createdAt).toISOString()}>${clockTime(p.createdAt)}</time> · ${state}</span>
  </li>`;
}

export function renderUnsent(u: Unsent, edit: (u: Unsent) => void): TemplateResult {
  return html`<li class="msg own unsent">
    <span class="who">You</span>
    <p class="text">${u.text}</p>
    <span class="meta"
      >Not sent: ${u.reason}
      <button class="link" type="button" @click=${() => edit(u)}>Edit and send again</button></span
    >
  </li>`;
}

/** The first step: name and optional e-mail. */
export function renderStart(s: ChatState, onStart: (e: SubmitEvent) => void): TemplateResult {
  return html`<form class="start" @submit=${onStart} novalidate>
    <p class="hint">Tell us your name and we will connect you with a support agent.</p>
    ${s.notice ? html`<p class="notice" role="alert">${s.notice}</p>` : nothing}
    <label>Your name <input type="text" name="name" autocomplete="name" maxlength="100" required .value=${s.name} /></label>
    <label
      >E-mail <span class="optional">(optional, if you want us to write back)</span>
      <input type="email" name="email" autocomplete="email" maxlength="254" .value=${s.email}
    /></label>
    <button class="primary" type="submit">Start chat</button>
  </form>`;
}

/** After the end: the rating form (1–5 and a comment), or thanks for it; a new chat either way. */
export function renderEnded(s: ChatState, on: { rate: (e: SubmitEvent) => void; newChat: () => void }): TemplateResult {
  const r = s.rating;
  if (r.status === 'done') {
    return html`<div class="rating">
      <p>Thank you for your rating (${r.rating} out of 5).</p>
      <button class="secondary" type="button" @click=${on.newChat}>Start a new chat</button>
    </div>`;
  }
  return html`<form class="rating" @submit=${on.rate}>
    <fieldset>
      <legend>How was this chat?</legend>
      <div class="stars">
        ${[1, 2, 3, 4, 5].map(
          (n) =>
            html`<label
              ><input type="radio" name="stars" value=${String(n)} ?checked=${r.rating === n} />${n}
              ${n === 1 ? 'poor' : n === 5 ? 'excellent' : ''}</label
            >`,
        )}
      </div>
    </fieldset>
    <label>Comment <span class="optional">(optional)</span> <textarea name="comment" maxlength="1000" rows="2" .value=${r.comment}></textarea></label>
    ${r.status === 'error' ? html`<p class="notice" role="alert">Your rating was not saved: ${r.error}</p>` : nothing}
    <div class="actions">
      <button class="primary" type="submit" ?disabled=${r.status === 'sending'}>Send rating</button>
      <button class="secondary" type="button" @click=${on.newChat}>Start a new chat</button>
    </div>
  </form>`;
}
