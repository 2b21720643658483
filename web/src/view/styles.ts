import { css } from 'lit';

// Everything lives in the shadow root: `all: initial` on the host stops the page's inherited styles (fonts,
// colours, line heights) at the border, and nothing here can reach the page.
export const styles = css`
  :host {
    all: initial;
    --sc-accent: #1f5fbf;
    --sc-accent-text: #ffffff;
    --sc-bg: #ffffff;
    --sc-fg: #1b1b1b;
    --sc-muted: #555b66;
    --sc-border: #c9ced6;
    --sc-own: #e4eefc;
    --sc-other: #f1f2f4;
    --sc-warn-bg: #fff4d6;
    --sc-warn-fg: #5c4300;
    font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    font-size: 15px;
    line-height: 1.4;
    color: var(--sc-fg);
  }
  :host([mode='page']) {
    display: block;
    height: 100%;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button,
  input,
  textarea {
    font: inherit;
    color: inherit;
  }
  :focus-visible {
    outline: 3px solid #f0a800;
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .launcher {
    position: fixed;
    right: 20px;
    bottom: 20px;
    z-index: 2147483000;
    display: inline-flex;
    align-items: center;
    gap: 8px;
    padding: 12px 18px;
    border: 0;
    border-radius: 999px;
    background: var(--sc-accent);
    color: var(--sc-accent-text);
    font-weight: 600;
    cursor: pointer;
    box-shadow: 0 4px 14px rgb(0 0 0 / 25%);
  }
  .badge {
    min-width: 22px;
    padding: 1px 6px;
    border-radius: 999px;
    background: #c62828;
    color: #fff;
    font-size: 13px;
    text-align: center;
  }
  .panel {
    position: fixed;
    right: 20px;
    bottom: 84px;
    z-index: 2147483001;
    display: flex;
    flex-direction: column;
    width: 380px;
    height: min(600px, calc(100vh - 110px));
    background: var(--sc-bg);
    border: 1px solid var(--sc-border);
    border-radius: 12px;
    box-shadow: 0 8px 30px rgb(0 0 0 / 25%);
    overflow: hidden;
  }
  :host([mode='page']) .panel {
    position: static;
    width: 100%;
    height: 100%;
    border-radius: 0;
    box-shadow: none;
    border: 0;
  }
  @media (max-width: 480px) {
    .panel {
      inset: 0;
      width: 100%;
      height: 100%;
      border-radius: 0;
      border: 0;
    }
  }
  header {
    display: flex;
    align-items: flex-start;
    gap: 8px;
    padding: 12px 14px;
    background: var(--sc-accent);
    color: var(--sc-accent-text);
  }
  header .titles {
    flex: 1;
    min-width: 0;
  }
  h2 {
    margin: 0;
    font-size: 17px;
  }
  .status {
    margin: 2px 0 0;
    font-size: 14px;
  }
  .close {
    border: 0;
    background: transparent;
    color: inherit;
    font-size: 22px;
    line-height: 1;
    padding: 4px 8px;
    cursor: pointer;
  }
  .banner {
    margin: 0;
    padding: 8px 14px;
    background: var(--sc-warn-bg);
    color: var(--sc-warn-fg);
    font-size: 14px;
  }
  .body {
    flex: 1;
    overflow-y: auto;
    padding: 12px 14px;
  }
  form.start {
    display: grid;
    gap: 10px;
  }
  label {
    display: grid;
    gap: 4px;
    font-weight: 600;
    font-size: 14px;
  }
  .optional {
    font-weight: 400;
    color: var(--sc-muted);
  }
  input[type='text'],
  input[type='email'],
  textarea {
    width: 100%;
    padding: 8px 10px;
    border: 1px solid #767d89;
    border-radius: 8px;
    background: #fff;
    font-weight: 400;
  }
  .primary,
  .secondary {
    padding: 9px 14px;
    border-radius: 8px;
    cursor: pointer;
    font-weight: 600;
  }
  .primary {
    border: 0;
    background: var(--sc-accent);
    color: var(--sc-accent-text);
  }
  .secondary {
    border: 1px solid #767d89;
    background: #fff;
    color: var(--sc-fg);
  }
  .notice {
    margin: 0;
    color: #a11212;
  }
  .hint {
    margin: 0;
    color: var(--sc-muted);
    font-size: 14px;
  }
  ol.log {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 8px;
  }
  .msg {
    max-width: 85%;
    padding: 7px 10px;
    border-radius: 10px;
    background: var(--sc-other);
    justify-self: start;
  }
  .msg.own {
    background: var(--sc-own);
    justify-self: end;
  }
  .msg.system {
    justify-self: center;
    background: transparent;
    color: var(--sc-muted);
    font-size: 14px;
    text-align: center;
  }
  .msg.unsent {
    border: 1px dashed #a11212;
  }
  .who {
    display: block;
    font-size: 12px;
    font-weight: 600;
    color: var(--sc-muted);
  }
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    margin: 0;
  }
  .meta {
    display: block;
    margin-top: 2px;
    font-size: 12px;
    color: var(--sc-muted);
    text-align: right;
  }
  .link {
    border: 0;
    background: none;
    padding: 0;
    color: var(--sc-accent);
    text-decoration: underline;
    cursor: pointer;
    font-size: 12px;
  }
  .typing {
    margin: 8px 0 0;
    font-style: italic;
    color: var(--sc-muted);
    font-size: 14px;
  }
  footer {
    border-top: 1px solid var(--sc-border);
    padding: 10px 14px;
    display: grid;
    gap: 8px;
  }
  .compose {
    display: flex;
    gap: 8px;
    align-items: flex-end;
  }
  .compose textarea {
    flex: 1;
    resize: none;
    min-height: 42px;
    max-height: 140px;
  }
  .actions {
    display: flex;
    justify-content: space-between;
    gap: 8px;
    flex-wrap: wrap;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
  }
  legend {
    font-weight: 600;
    margin-bottom: 6px;
  }
  .stars {
    display: flex;
    gap: 6px;
    flex-wrap: wrap;
  }
  .stars label {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    font-weight: 400;
    padding: 4px 8px;
    border: 1px solid var(--sc-border);
    border-radius: 8px;
    cursor: pointer;
  }
  .rating {
    display: grid;
    gap: 10px;
    margin-top: 12px;
  }
`;
