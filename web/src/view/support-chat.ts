// <support-chat server="…" department="…" mode="launcher|page">: the customer's chat as a custom element with an
// open shadow root. It renders the controller's state; every piece of text goes through Lit's text bindings.
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ChatController } from '../controller.js';
import { browserEnvironment, memoryStorage } from '../environment.js';
import { restore, storageKey } from '../state/persist.js';
import { agentIsTyping, unreadCount } from '../state/selectors.js';
import { transcriptFileName, transcriptText } from '../state/transcript.js';
import type { ChatState, Unsent } from '../state/types.js';
import { grpcWebTransport } from '../transport/transport.js';
import { renderBanner, renderEnded, renderLine, renderPending, renderStart, renderUnsent, statusLine } from './parts.js';
import { styles } from './styles.js';

/** Where the script came from: the server that serves it serves the chat too. */
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

export class SupportChatElement extends LitElement {
  static override styles = styles;
  static override properties = {
    server: { type: String },
    department: { type: String },
    mode: { type: String, reflect: true },
    chat: { state: true },
  };

  declare server: string;
  declare department: string;
  declare mode: string;
  declare chat: ChatState | null;

  private controller: ChatController | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopVisibility: (() => void) | null = null;
  private previousPhase = '';
  private previousLines = 0;

  constructor() {
    super();
    this.server = '';
    this.department = '';
    this.mode = 'launcher';
    this.chat = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setUp();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.tearDown();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A different server or department is a different chat.
    if ((changed.has('server') || changed.has('department')) && this.controller && this.isConnected) {
      const key = storageKey(this.serverUrl, this.department);
      if (key !== this.currentKey) {
        this.tearDown();
        this.setUp();
      }
    }
  }

  private currentKey = '';

  private get serverUrl(): string {
    return (this.server || SCRIPT_ORIGIN).replace(/\/+$/, '');
  }

  private get pageMode(): boolean {
    return this.mode === 'page';
  }

  private setUp(): void {
    if (this.controller) {
      return;
    }
    const key = storageKey(this.serverUrl, this.department);
    this.currentKey = key;
    const env = browserEnvironment(key);
    let state = restore(env.storage ?? memoryStorage(), key, this.department);
    if (this.pageMode) {
      state = { ...state, panelOpen: true };
    }
    this.controller = new ChatController(state, grpcWebTransport(this.serverUrl), env);
    this.chat = this.controller.state;
    this.previousPhase = state.phase;
    this.previousLines = state.lines.length;
    this.unsubscribe = this.controller.subscribe((s) => (this.chat = s));
    const onVisibility = () => this.controller?.visibilityChanged();
    document.addEventListener('visibilitychange', onVisibility);
    this.stopVisibility = () => document.removeEventListener('visibilitychange', onVisibility);
    this.controller.resumeIfAny();
    if (state.panelOpen) {
      this.controller.setPanel(true);
    }
  }

  private tearDown(): void {
    this.unsubscribe?.();
    this.stopVisibility?.();
    this.controller?.dispose();
    this.controller = null;
    this.unsubscribe = null;
    this.stopVisibility = null;
  }

  protected override updated(): void {
    const s = this.chat;
    if (!s) {
      return;
    }
    // Keep the newest message in view, and put the focus where the next step is.
    if (s.lines.length !== this.previousLines) {
      this.previousLines = s.lines.length;
      const body = this.renderRoot.querySelector('.body');
      body?.scrollTo({ top: body.scrollHeight });
    }
    if (s.phase !== this.previousPhase) {
      const before = this.previousPhase;
      this.previousPhase = s.phase;
      if (before === 'start' && s.panelOpen) {
        this.focusSelector('textarea.message');
      } else if (s.phase === 'ended' && s.panelOpen) {
        this.focusSelector('input[name="stars"]');
      } else if (s.phase === 'start' && s.panelOpen) {
        this.focusSelector('input[name="name"]');
      }
    }
  }

  private focusSelector(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  // ---- Events from the customer ----

  private toggle(): void {
    if (!this.controller || !this.chat) {
      return;
    }
    const open = !this.chat.panelOpen;
    this.controller.setPanel(open);
    if (open) {
      const s = this.chat;
      this.focusSelector(s.phase === 'start' ? 'input[name="name"]' : s.phase === 'ended' ? '.rating input, .primary' : 'textarea.message');
    }
  }

  private close(): void {
    if (this.pageMode || !this.controller) {
      return;
    }
    this.controller.setPanel(false);
    this.focusSelector('.launcher');
  }

  private onPanelKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.stopPropagation();
      this.close();
    }
  }

  private onStart(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    if (!name) {
      form.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
      return;
    }
    this.controller?.start(name, String(data.get('email') ?? ''), this.department);
  }

  private onComposeKey(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.sendFrom(e.target as HTMLTextAreaElement);
    }
  }

  private onSendClick(): void {
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>('textarea.message');
    if (area) {
      this.sendFrom(area);
      area.focus();
    }
  }

  private sendFrom(area: HTMLTextAreaElement): void {
    const text = area.value;
    if (text.trim() === '') {
      return;
    }
    this.controller?.compose(text);
    area.value = '';
  }

  private onInput(): void {
    this.controller?.typed();
  }

  private editUnsent(u: Unsent): void {
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>('textarea.message');
    if (area && area.value.trim() === '') {
      area.value = u.text;
    }
    this.controller?.dismissUnsent(u.clientMsgId);
    area?.focus();
  }

  private onRate(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const stars = Number(data.get('stars') ?? 0);
    if (stars < 1 || stars > 5) {
      (e.target as HTMLFormElement).querySelector<HTMLInputElement>('input[name="stars"]')?.focus();
      return;
    }
    void this.controller?.rate(stars, String(data.get('comment') ?? '').trim());
  }

  private onEnd(): void {
    this.controller?.end();
  }

  private onNewChat(): void {
    this.controller?.newChat();
    this.focusSelector('input[name="name"]');
  }

  // ---- Rendering ----

  protected override render(): TemplateResult {
    const s = this.chat;
    if (!s) {
      return html``;
    }
    const unread = unreadCount(s);
    return html`
      ${this.pageMode ? nothing : this.renderLauncher(s, unread)}
      ${s.panelOpen || this.pageMode ? this.renderPanel(s) : nothing}
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">
        ${s.announcement}${s.announceId % 2 === 0 ? '' : '\u00a0'}
      </div>
    `;
  }

  private renderLauncher(s: ChatState, unread: number): TemplateResult {
    // The name starts with the visible words (WCAG 2.5.3) and adds the unread count for screen readers.
    const words = s.panelOpen ? 'Close chat' : 'Chat with us';
    const label = unread > 0 ? `${words}, ${unread} unread` : words;
    return html`<button
      class="launcher"
      type="button"
      aria-expanded=${s.panelOpen ? 'true' : 'false'}
      aria-controls="panel"
      aria-label=${label}
      @click=${this.toggle}
    >
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="currentColor">
        <path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z" />
      </svg><span>${words}</span>
      ${unread > 0 ? html`<span class="badge" aria-hidden="true">${unread}</span>` : nothing}
    </button>`;
  }

  private renderPanel(s: ChatState): TemplateResult {
    return html`<section
      id="panel"
      class="panel"
      role=${this.pageMode ? 'region' : 'dialog'}
      aria-labelledby="title"
      @keydown=${this.onPanelKey}
    >
      <header>
        <div class="titles">
          <h2 id="title">Support chat</h2>
          <p class="status">${statusLine(s)}</p>
        </div>
        ${this.pageMode
          ? nothing
          : html`<button class="close" type="button" aria-label="Close the chat panel" @click=${this.close}>
              <span aria-hidden="true">×</span>
            </button>`}
      </header>
      ${renderBanner(s)}
      <div class="body">${s.phase === 'start' ? renderStart(s, (e) => this.onStart(e)) : this.renderConversation(s)}</div>
      ${this.renderFooter(s)}
    </section>`;
  }

  private renderConversation(s: ChatState): TemplateResult {
    const now = Date.now();
    return html`
      ${s.notice ? html`<p class="notice" role="alert">${s.notice}</p>` : nothing}
      <ol class="log" aria-label="Messages">
        ${s.lines.map((l) => renderLine(s, l))} ${s.held.map((l) => renderLine(s, l))}
        ${s.outbox.filter((p) => !s.held.some((h) => h.clientMsgId === p.clientMsgId)).map((p) => renderPending(s, p))}
        ${s.unsent.map((u) => renderUnsent(u, (x) => this.editUnsent(x)))}
      </ol>
      ${agentIsTyping(s, now) ? html`<p class="typing">${s.agentName || 'The agent'} is typing…</p>` : nothing}
      ${s.phase === 'ended' ? renderEnded(s, { rate: (e) => this.onRate(e), newChat: () => this.onNewChat() }) : nothing}
    `;
  }

  private renderFooter(s: ChatState): TemplateResult | typeof nothing {
    if (s.phase === 'ended' && s.lines.length > 0) {
      return html`<footer><div class="actions">${this.renderDownload(s)}</div></footer>`;
    }
    if (s.phase === 'start' || s.phase === 'ended' || s.phase === 'taken-over') {
      return nothing;
    }
    return html`<footer>
      <div class="compose">
        <textarea
          class="message"
          aria-label="Message"
          placeholder="Type a message"
          rows="2"
          maxlength="4000"
          @keydown=${this.onComposeKey}
          @input=${this.onInput}
        ></textarea>
        <button class="primary" type="button" @click=${this.onSendClick}>Send</button>
      </div>
      <div class="actions">
        <span class="hint">Enter sends · Shift+Enter: new line</span>
        ${this.renderDownload(s)}
        <button class="secondary" type="button" @click=${this.onEnd}>End chat</button>
      </div>
    </footer>`;
  }

  private renderDownload(s: ChatState): TemplateResult | typeof nothing {
    return s.lines.length === 0
      ? nothing
      : html`<button class="secondary" type="button" @click=${this.onDownload}>Download transcript</button>`;
  }

  /** Saves the transcript as a .txt file: a Blob behind a temporary link with a download name (no HTML is built
   * from the text). */
  private onDownload(): void {
    if (!this.chat) {
      return;
    }
    const url = URL.createObjectURL(new Blob([transcriptText(this.chat)], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = transcriptFileName(this.chat);
    link.hidden = true;
    this.renderRoot.appendChild(link);
    link.click();
    link.remove();
    // After the click has handed the file to the browser.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
