// Nothing lost, nothing doubled: a reload, ten seconds offline, a server killed with SIGKILL, a second tab.
import type { Page } from '@playwright/test';
import { composer, panel, expect, messageWith, messages, startChat, test, transcript, type } from './support/fixtures.js';
import type { AgentProcess } from './support/processes.js';

/** Customer and agent in one conversation, with `count` messages each way (customer first). */
async function conversationWith(page: Page, url: string, agent: AgentProcess, count: number) {
  await startChat(page, url, 'Bob');
  const assigned = await agent.waitFor('assigned', (e) => e.type === 'assigned');
  const conversation = assigned.conversation as string;
  await expect(panel(page).getByText('You are chatting with Ada.')).toBeVisible();
  const expected: string[] = [];
  for (let i = 1; i <= count; i++) {
    await type(page, `customer ${i}`);
    await agent.message(`customer ${i}`);
    agent.command({ type: 'send', conversation, text: `agent ${i}` });
    await expect(messageWith(page, `agent ${i}`)).toBeVisible();
    expected.push(`customer ${i}`, `agent ${i}`);
  }
  return { conversation, expected };
}

test('a reload mid-conversation shows every message once, in order, and goes on', async ({ page, server, startAgent }) => {
  const agent = await startAgent();
  const { conversation, expected } = await conversationWith(page, server.webUrl, agent, 3);

  // A message typed just before the reload goes out once, with its id, whether or not it was acknowledged.
  await type(page, 'sent as the page reloads');
  await page.reload();
  await expect(messageWith(page, 'sent as the page reloads')).toBeVisible();
  await agent.message('sent as the page reloads');
  await expect(messageWith(page, 'sent as the page reloads')).toContainText('Sent');
  expected.push('sent as the page reloads');
  expect(await transcript(page)).toEqual(expected);

  agent.command({ type: 'send', conversation, text: 'after the reload' });
  await expect(messageWith(page, 'after the reload')).toBeVisible();
  expect(await transcript(page)).toEqual([...expected, 'after the reload']);
  expect(agent.events.filter((e) => e.type === 'message' && e.text === 'sent as the page reloads')).toHaveLength(1);
});

test('ten seconds offline: what the agent sent meanwhile arrives after, and what the customer typed goes out', async ({
  page,
  context,
  server,
  startAgent,
}) => {
  const agent = await startAgent();
  const { conversation, expected } = await conversationWith(page, server.webUrl, agent, 1);

  await context.setOffline(true);
  await expect(panel(page).getByText('You are offline.', { exact: false })).toBeVisible();
  for (const text of ['while offline 1', 'while offline 2', 'while offline 3']) {
    agent.command({ type: 'send', conversation, text });
    await agent.message(text);
  }
  await type(page, 'typed while offline');
  await expect(messageWith(page, 'typed while offline')).toContainText('Waiting for the connection');
  // The scenario itself: the browser stays offline for ten seconds.
  await page.waitForTimeout(10_000);
  await context.setOffline(false);

  await expect(panel(page).getByText('You are offline.', { exact: false })).toBeHidden();
  await agent.message('typed while offline');
  await expect(messageWith(page, 'typed while offline')).toContainText('Sent');
  expect(await transcript(page)).toEqual([...expected, 'while offline 1', 'while offline 2', 'while offline 3', 'typed while offline']);
});

test('the server killed with SIGKILL and started again: the widget reconnects by itself and loses nothing acknowledged', async ({
  page,
  server,
  startAgent,
}) => {
  const agent = await startAgent();
  const { conversation, expected } = await conversationWith(page, server.webUrl, agent, 2);

  await server.kill9();
  await expect(panel(page).getByText(/Connection lost; reconnecting/)).toBeVisible();
  await type(page, 'typed while the server was down');
  await server.restart();

  await expect(panel(page).getByText(/Connection lost; reconnecting/)).toBeHidden({ timeout: 60_000 });
  await agent.message('typed while the server was down', 60_000);
  await expect(messageWith(page, 'typed while the server was down')).toContainText('Sent');
  // The agent's CLI reconnects by itself too; what it sends now reaches the page.
  await agent.waitFor('ready again', (e) => e.type === 'ready', 60_000, agent.events.findIndex((e) => e.type === 'ready') + 1);
  agent.command({ type: 'send', conversation, text: 'back after the crash' });
  await expect(messageWith(page, 'back after the crash')).toBeVisible();
  expect(await transcript(page)).toEqual([...expected, 'typed while the server was down', 'back after the crash']);
});

test('a second tab of the same session takes over; the first says so and stays quiet', async ({ page, context, server, startAgent }) => {
  const agent = await startAgent();
  const { conversation, expected } = await conversationWith(page, server.webUrl, agent, 1);

  // Duplicate the tab: sessionStorage is per tab, so copy it into the new page before its scripts run.
  const session = await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
  const second = await context.newPage();
  await second.addInitScript((entries: string) => {
    if (!sessionStorage.getItem('supportchat-test-copied')) {
      for (const [key, value] of JSON.parse(entries) as [string, string][]) {
        sessionStorage.setItem(key, value);
      }
      sessionStorage.setItem('supportchat-test-copied', '1');
    }
  }, session);
  await second.goto(server.webUrl);

  await expect(panel(page).getByText('This chat continues in another tab.').first()).toBeVisible();
  await expect(composer(page)).toBeHidden();
  await expect(composer(second)).toBeVisible();
  expect(await transcript(second)).toEqual(expected);

  await type(second, 'from the second tab');
  await agent.message('from the second tab');
  agent.command({ type: 'send', conversation, text: 'seen in the second tab' });
  await expect(messageWith(second, 'seen in the second tab')).toBeVisible();
  // The first tab did not reconnect (that would have taken the chat back and closed the second tab's stream).
  await expect(panel(page).getByText('This chat continues in another tab.').first()).toBeVisible();
  await expect(messages(page)).toHaveCount(expected.length);
  await expect(panel(second).getByText('This chat continues in another tab.')).toHaveCount(0);
});
