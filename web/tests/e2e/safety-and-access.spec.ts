// Text is text (an agent's HTML runs nothing), axe finds no serious or critical violation, and the phone layout.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { composer, expect, launcher, messageWith, screenshot, startChat, test, type, widget } from './support/fixtures.js';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('support-chat').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('an agent message with HTML shows as text and runs nothing', async ({ page, server, startAgent, dialogs }) => {
  const agent = await startAgent();
  await startChat(page, server.webUrl, 'Bob');
  const assigned = await agent.waitFor('assigned', (e) => e.type === 'assigned');
  const attack = '<img src=x onerror=alert(1)>';
  agent.command({ type: 'send', conversation: assigned.conversation, text: attack });
  agent.command({ type: 'send', conversation: assigned.conversation, text: '<script>alert(2)</script> & <b>bold</b>' });
  await expect(messageWith(page, attack)).toBeVisible();
  await expect(messageWith(page, '<script>alert(2)</script>')).toBeVisible();
  await expect(messageWith(page, '& <b>bold</b>')).toBeVisible();
  await expect(widget(page).locator('img')).toHaveCount(0);
  await expect(widget(page).locator('script')).toHaveCount(0);
  // Give any handler a chance to run before checking nobody opened a dialog: one more round trip.
  await type(page, 'still here');
  await agent.message('still here');
  expect(dialogs).toEqual([]);
});

test('axe: no serious or critical violation on the launcher, the open panel and the chat', async ({ page, server, startAgent }) => {
  await page.goto(server.webUrl);
  await expect(launcher(page)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await launcher(page).click();
  await expect(page.getByLabel('Your name')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  const agent = await startAgent();
  await page.getByLabel('Your name').fill('Bob');
  await page.getByRole('button', { name: 'Start chat' }).click();
  const assigned = await agent.waitFor('assigned', (e) => e.type === 'assigned');
  await type(page, 'Hello');
  agent.command({ type: 'send', conversation: assigned.conversation, text: 'Hi Bob, how can I help?' });
  await expect(messageWith(page, 'how can I help')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  // The live region announced the agent's message for screen readers.
  await expect(page.getByRole('status').filter({ hasText: 'Ada: Hi Bob, how can I help?' })).toBeAttached();

  // Closed panel: the launcher counts what arrives; opening it reads them.
  await composer(page).press('Escape');
  agent.command({ type: 'send', conversation: assigned.conversation, text: 'Are you still there?' });
  await expect(launcher(page)).toHaveAccessibleName('Chat with us, 1 unread');
  await launcher(page).click();
  await expect(messageWith(page, 'still there')).toBeVisible();
  await expect(launcher(page)).toHaveAccessibleName('Close chat');
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('the panel fills the screen and the chat works', async ({ page, server, startAgent }) => {
    await page.goto(server.webUrl);
    await expect(launcher(page)).toBeVisible();
    await screenshot(page, 'widget-phone-launcher');
    const agent = await startAgent();
    await startChat(page, server.webUrl, 'Bob');
    const panel = page.getByRole('dialog', { name: 'Support chat' });
    const box = (await panel.boundingBox())!;
    expect(box.width).toBe(360);
    expect(box.height).toBe(740);
    const assigned = await agent.waitFor('assigned', (e) => e.type === 'assigned');
    await type(page, 'Does the brass lamp take E27 bulbs?');
    await agent.message('Does the brass lamp take E27 bulbs?');
    agent.command({ type: 'send', conversation: assigned.conversation, text: 'Yes, any E27 bulb up to 60 W.' });
    await expect(messageWith(page, 'up to 60 W')).toBeVisible();
    await expect(composer(page)).toBeInViewport();
    await screenshot(page, 'widget-phone-chat');
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test('the full-page chat (chat.html) works without a launcher', async ({ page, server, startAgent }) => {
  const agent = await startAgent();
  await page.goto(`${server.webUrl}/chat`);
  await expect(launcher(page)).toHaveCount(0);
  await page.getByLabel('Your name').fill('Bob');
  await page.getByRole('button', { name: 'Start chat' }).click();
  const assigned = await agent.waitFor('assigned', (e) => e.type === 'assigned');
  agent.command({ type: 'send', conversation: assigned.conversation, text: 'Hello from the full page' });
  await expect(messageWith(page, 'Hello from the full page')).toBeVisible();
});
