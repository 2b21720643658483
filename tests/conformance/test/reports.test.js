// Reports.GetReport: the team's figures over a period, computed from the store; a period is required and bounded.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { sendAndAck, startPair } from '../lib/chat.js';
import { reportsClient, Status, unary, unaryError } from '../lib/grpc.js';
import { ServerProcess } from '../lib/server.js';
import { cancelAllStreams } from '../lib/stream.js';

let server;

before(async () => {
  server = await ServerProcess.start({ departments: ['general', 'reports'] });
});
after(async () => server?.dispose());
afterEach(cancelAllStreams);

const timestamp = (ms) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });

test('a report by agent counts a served conversation, its messages and its times once it has ended', async () => {
  const since = Date.now() - 60_000;
  const pair = await startPair(server.address, 'reports');
  await sendAndAck(pair.customer.stream, 'hello');
  await sendAndAck(pair.agent.stream, 'hi, how can I help?', pair.conversationId);
  pair.customer.stream.write({ end: { conversation_id: pair.conversationId } });
  await pair.agent.stream.next('ended', "the agent's ended", (e) => e.conversation_id === pair.conversationId);

  const report = await unary(reportsClient(server.address), 'GetReport', {
    since: timestamp(since), until: timestamp(Date.now() + 60_000), by: 'REPORT_GROUPING_DEPARTMENT',
  });

  assert.equal(report.by, 'REPORT_GROUPING_DEPARTMENT');
  const row = report.rows.find((r) => r.group === 'reports');
  assert.ok(row, 'a row for the department');
  assert.deepEqual([row.conversations, row.served, row.abandoned, row.messages], [1, 1, 0, 2]);
  for (const figure of ['wait_median_seconds', 'wait_p90_seconds', 'first_response_median_seconds', 'handling_median_seconds']) {
    assert.ok(typeof row[figure] === 'number' && row[figure] >= 0, `${figure} is set`);
  }
  assert.equal(row.rating_average, undefined, 'no rating yet: the optional field is unset');
  assert.ok(report.total.served >= 1);
});

test('a report needs since and until, until after since, at most 367 days apart', async () => {
  const client = reportsClient(server.address);
  const now = Date.now();
  for (const [request, what] of [
    [{ until: timestamp(now) }, 'no since'],
    [{ since: timestamp(now), until: timestamp(now) }, 'an empty period'],
    [{ since: timestamp(now - 400 * 86_400_000), until: timestamp(now) }, 'over a year'],
  ]) {
    const error = await unaryError(client, 'GetReport', request);
    assert.equal(error.code, Status.INVALID_ARGUMENT, what);
  }
});
