// Issue 21: a customer who writes while the department is closed is told when the team is back, leaves two messages,
// and later gets the answer in the same conversation once an agent can answer; then downloads the transcript.
import { readFileSync } from 'node:fs';
import { expect, messageWith, panel, startChat, test, transcript, type } from './support/fixtures.js';

// Closed all of today: "general" opens only on the day after tomorrow (UTC), whatever the hour the test runs at.
const opens = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 2));
const day = opens.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' });
test.use({ serverArgs: ['--hours', `general=${day.slice(0, 3)} 00:00-24:00 UTC`] });

test('a customer leaves messages while closed and gets the answer in the same chat, then downloads it', async ({
  page,
  server,
  startAgent,
}) => {
  await startChat(page, server.webUrl, 'Nina');
  await expect(
    panel(page).getByText(`We're offline until ${day} 00:00 (UTC); leave a message and we'll answer here.`),
  ).toBeVisible();

  await type(page, 'My invoice shows the wrong address.');
  await type(page, 'It is order 1234.');
  await expect(messageWith(page, 'order 1234')).toContainText('Sent');

  // The team is back: the server starts again without opening hours (same data), and Ada signs in.
  await server.kill9();
  await server.restart([]);
  const ada = await startAgent('Ada');
  const assigned = await ada.waitFor('assigned', (e) => e.type === 'assigned');
  await ada.message('My invoice shows the wrong address.');
  await ada.message('It is order 1234.');
  ada.command({ type: 'send', conversation: assigned.conversation, text: 'Fixed: the new address is on the invoice.' });

  await expect(messageWith(page, 'the new address is on the invoice')).toBeVisible();
  expect(await transcript(page)).toEqual([
    'My invoice shows the wrong address.',
    'It is order 1234.',
    'Fixed: the new address is on the invoice.',
  ]);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download transcript' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`supportchat-${assigned.conversation as string}.txt`);
  const text = readFileSync(await file.path(), 'utf8').split('\n');
  expect(text.slice(0, 2)).toEqual([`Conversation: ${assigned.conversation as string}`, 'Department: general']);
  expect(text[2]).toMatch(/^Started: \d{4}-\d\d-\d\d \d\d:\d\d$/);
  expect(text.filter((l) => l.startsWith('['))).toEqual([
    expect.stringMatching(/^\[[\d -:]+\] Nina: My invoice shows the wrong address\.$/),
    expect.stringMatching(/^\[[\d -:]+\] Nina: It is order 1234\.$/),
    expect.stringMatching(/^\[[\d -:]+\] Ada: Fixed: the new address is on the invoice\.$/),
  ]);
});
