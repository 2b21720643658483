// Text from other people must only ever reach the page as text. This check fails the unit tests if any source file
// of the widget uses an HTML sink (innerHTML, outerHTML, insertAdjacentHTML, document.write, Lit's unsafeHTML).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const SINKS = /\b(innerHTML|outerHTML|insertAdjacentHTML|unsafeHTML|unsafeSVG|document\.write|DOMParser)\b/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'gen' || name === 'node_modules') {
      return [];
    }
    return statSync(path).isDirectory() ? files(path) : /\.(ts|js|mjs|html)$/.test(name) ? [path] : [];
  });
}

describe('source checks', () => {
  it('no HTML sinks in the widget or its pages', () => {
    const offenders = [...files(join(root, 'src')), ...files(join(root, 'public'))].flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ file, line: i + 1, text: line }))
        .filter((l) => SINKS.test(l.text)),
    );
    expect(offenders).toEqual([]);
  });

  it('the pages hold no inline script or style (the server CSP forbids them)', () => {
    for (const file of files(join(root, 'public')).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(file, 'utf8');
      expect(html, file).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, file).not.toMatch(/<style[\s>]/);
      expect(html, file).not.toMatch(/\sstyle=/);
      expect(html, file).not.toMatch(/\son[a-z]+=/);
    }
  });
});
