import { describe, expect, it } from 'vitest';
import { backoffMs, retryHintMs, BACKOFF_MAX_MS } from '../../src/state/backoff.js';
import { uuid, visibleText } from '../../src/state/format.js';

describe('visibleText', () => {
  it('shows control and bidi characters as escapes, keeps tabs, line feeds and HTML as plain text', () => {
    expect(visibleText('a\u202Eb\u001B[31mc\u0007')).toBe('a\\u202Eb\\u001B[31mc\\u0007');
    expect(visibleText('line\n\tnext')).toBe('line\n\tnext');
    expect(visibleText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('backoff', () => {
  it('grows from 250 ms, is capped, and is jittered', () => {
    expect(backoffMs(1, () => 0)).toBe(125);
    expect(backoffMs(1, () => 1)).toBe(250);
    expect(backoffMs(3, () => 1)).toBe(1000);
    expect(backoffMs(30, () => 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffMs(30, () => 0)).toBe(BACKOFF_MAX_MS / 2);
  });

  it('reads the server retry hint', () => {
    expect(retryHintMs('too many messages: at most 20 per second (bursts of 50); this one was not sent, retry in 120 ms.')).toBe(120);
    expect(retryHintMs('held back')).toBeNull();
  });
});

describe('uuid', () => {
  it('makes version-4 UUIDs', () => {
    expect(uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
