// A customer on the demo shop chats with an agent driven by `supportchat agent --json`: queue, both directions,
// typing both ways, end and rating, and the rating stored as `supportchat history --json` shows it.
import { cli } from './support/processes.js';
import { composer, panel, expect, launcher, messageWith, screenshot, startChat, test, transcript, type } from './support/fixtures.js';

test('a customer chats with an agent, both ways, and rates the chat', async ({ page, server, startAgent }) => {
  await page.goto(server.webUrl);
  await expect(launcher(page)).toBeVisible();
  await screenshot(page, 'widget-launcher');

  // Nobody is signed in yet: the customer is told so at once, and may leave a message.
  await startChat(page, server.webUrl, 'Bob', 'bob@example.com');
  await expect(panel(page).getByText("Nobody is signed in right now; leave a message and we'll answer here.")).toBeVisible();
  await screenshot(page, 'widget-queue');

  const agent = await startAgent('Ada');
  const assigned = await agent.waitFor('assigned', (e) => e.type === 'assigned');
  expect(assigned.customer).toBe('Bob');
  // The e-mail given in the widget reaches the agent.
  expect(assigned.email).toBe('bob@example.com');
  const conversation = assigned.conversation as string;
  await expect(panel(page).getByText('You are chatting with Ada.')).toBeVisible();

  await type(page, 'Hi, my order 1042 never arrived');
  const fromBob = await agent.message('Hi, my order 1042 never arrived');
  expect(fromBob).toMatchObject({ from: 'customer', name: 'Bob', seq: 1 });
  await expect(messageWith(page, 'order 1042')).toContainText('Sent');

  // Typing, both ways.
  await composer(page).pressSequentially('It was a desk', { delay: 20 });
  await agent.waitFor('typing from Bob', (e) => e.type === 'typing' && e.name === 'Bob');
  agent.command({ type: 'typing', conversation });
  await expect(panel(page).getByText('Ada is typing…')).toBeVisible();
  agent.command({ type: 'send', conversation, text: 'Sorry about that, Bob. Let me look it up.' });
  await expect(messageWith(page, 'Let me look it up.')).toBeVisible();
  await expect(panel(page).getByText('Ada is typing…')).toBeHidden();
  await composer(page).press('Shift+Enter');
  await composer(page).pressSequentially('lamp, brass.');
  await composer(page).press('Enter');
  await agent.message('It was a desk\nlamp, brass.');
  agent.command({ type: 'send', conversation, text: 'Found it: it ships today.' });
  await expect(messageWith(page, 'ships today')).toBeVisible();
  expect(await transcript(page)).toEqual([
    'Hi, my order 1042 never arrived',
    'Sorry about that, Bob. Let me look it up.',
    'It was a desk\nlamp, brass.',
    'Found it: it ships today.',
  ]);
  await screenshot(page, 'widget-chat');

  // End, then rate.
  await page.getByRole('button', { name: 'End chat' }).click();
  await expect(panel(page).getByText('This chat has ended.')).toBeVisible();
  await agent.waitFor('ended', (e) => e.type === 'ended' && e.conversation === conversation);
  await page.getByRole('radio', { name: /^4/ }).check();
  await page.getByLabel(/Comment/).fill('Quick and friendly');
  await screenshot(page, 'widget-rating');
  await page.getByRole('button', { name: 'Send rating' }).click();
  await expect(panel(page).getByText('Thank you for your rating (4 out of 5).')).toBeVisible();

  const tokenOutput = await cli(['admin', 'token', '--data', server.dataDir]);
  const token = tokenOutput.trim().split('\n').pop()!.trim();
  const history = (await cli(['history', '--json', '--server', server.grpcUrl, '--token', token]))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(history.find((c) => c.conversation === conversation)).toMatchObject({
    customer: 'Bob',
    agents: ['Ada'],
    messages: 4,
    rating: 4,
    comment: 'Quick and friendly',
    email: 'bob@example.com',
  });
});

test('Escape closes the panel and gives the focus back to the launcher; the keyboard alone is enough', async ({ page, server }) => {
  await page.goto(server.webUrl);
  await launcher(page).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Your name')).toBeFocused();
  await page.keyboard.type('Kim');
  await page.keyboard.press('Enter');
  await expect(composer(page)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(composer(page)).toBeHidden();
  await expect(launcher(page)).toBeFocused();
  await expect(launcher(page)).toHaveAttribute('aria-expanded', 'false');
});
