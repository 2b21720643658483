// Each test gets its own server (and, when it asks, an agent "Ada"), killed in teardown whatever happened.
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AgentProcess, ServerProcess } from './processes.js';

export { expect };

interface Fixtures {
  /** Extra `serve` options for the test's server: `test.use({ serverArgs: [...] })`. */
  serverArgs: string[];
  server: ServerProcess;
  startAgent: (name?: string) => Promise<AgentProcess>;
  /** Any alert/confirm/prompt a page opens: a script ran that should not have. */
  dialogs: string[];
}

export const test = base.extend<Fixtures>({
  serverArgs: [[], { option: true }],
  server: async ({ serverArgs }, use) => {
    const server = await ServerProcess.start(serverArgs);
    try {
      await use(server);
    } finally {
      await server.dispose();
    }
  },
  startAgent: async ({ server }, use) => {
    const agents: AgentProcess[] = [];
    await use(async (name = 'Ada') => {
      const agent = new AgentProcess(server, name);
      agents.push(agent);
      await agent.waitFor('ready', (e) => e.type === 'ready');
      return agent;
    });
    await Promise.all(agents.map((a) => a.dispose()));
  },
  dialogs: async ({ context }, use) => {
    const dialogs: string[] = [];
    context.on('page', (page) => watchDialogs(page, dialogs));
    for (const page of context.pages()) {
      watchDialogs(page, dialogs);
    }
    await use(dialogs);
  },
});

function watchDialogs(page: Page, dialogs: string[]) {
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
}

// ---- The widget, by role and label ----

export const widget = (page: Page) => page.locator('support-chat');
/** The chat panel (dialog, or region in page mode); the live region is outside it, so its texts are not doubled. */
export const panel = (page: Page) => page.locator('support-chat #panel');
export const launcher = (page: Page) => page.getByRole('button', { name: /^(Chat with us|Close chat)/ });
export const messages = (page: Page) => page.getByRole('list', { name: 'Messages' }).getByRole('listitem');
export const composer = (page: Page) => page.getByRole('textbox', { name: 'Message' });

/** Opens the demo shop, opens the panel and starts a chat as `name`. */
export async function startChat(page: Page, url: string, name = 'Bob', email = '') {
  await page.goto(url);
  await launcher(page).click();
  await page.getByLabel('Your name').fill(name);
  if (email) {
    await page.getByLabel(/E-mail/).fill(email);
  }
  await page.getByRole('button', { name: 'Start chat' }).click();
  await expect(composer(page)).toBeVisible();
}

export async function type(page: Page, text: string) {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

/** The texts of the transcript, in order (the .text paragraph of each message). */
export async function transcript(page: Page): Promise<string[]> {
  return messages(page).locator('p.text').allInnerTexts();
}

export function messageWith(page: Page, text: string): Locator {
  return messages(page).filter({ has: page.locator('p.text', { hasText: text }) });
}

/** Screenshots for the docs: SUPPORTCHAT_SCREENSHOTS=../docs/images writes them there, else into test-results. */
export async function screenshot(page: Page, name: string) {
  const dir = process.env.SUPPORTCHAT_SCREENSHOTS ?? path.join('test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), scale: 'css', animations: 'disabled' });
}
