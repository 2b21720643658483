// Supervisor.Watch: the team lead's live view. A snapshot comes first; then each change is the new state of one row.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { joinCustomer, signInAgent, uniqueName } from '../lib/chat.js';
import { bearer, Metadata, Status, supervisorClient } from '../lib/grpc.js';
import { runCli, ServerProcess } from '../lib/server.js';
import { cancelAllStreams, EventStream } from '../lib/stream.js';

let server;

before(async () => {
  server = await ServerProcess.start({ departments: ['general', 'board'] });
});
after(async () => server?.dispose());
afterEach(cancelAllStreams);

const watch = (metadata = new Metadata()) =>
  new EventStream(supervisorClient(server.address).Watch({}, metadata), 'watch');

test('the first update is a snapshot of every department, then a joining customer arrives as changes', async () => {
  const stream = watch();
  const first = await stream.waitFor(() => true, 'the first update');
  assert.equal(first.kind, 'snapshot');
  assert.deepEqual(first.snapshot.departments.map((d) => d.name).sort(), ['board', 'general']);
  assert.match(first.snapshot.today.day, /^\d{4}-\d{2}-\d{2}$/);

  const name = uniqueName('Cleo');
  const { welcome } = await joinCustomer(server.address, { name, department: 'board' });
  const row = await stream.waitFor((u) => u.kind === 'change' && u.change.row === 'conversation'
    && u.change.conversation.conversation_id === welcome.conversation_id, "the customer's conversation row");
  assert.deepEqual([row.change.conversation.customer, row.change.conversation.status, row.change.conversation.department],
    [name, 'queued', 'board']);
  assert.ok(row.change.conversation.queued_since, 'queued_since is set while queued');
  await stream.waitFor((u) => u.kind === 'change' && u.change.row === 'department' && u.change.department.name === 'board'
    && u.change.department.waiting === 1, 'board with one customer waiting');

  await signInAgent(server.address, { departments: ['board'] });
  await stream.waitFor((u) => u.kind === 'change' && u.change.row === 'conversation'
    && u.change.conversation.conversation_id === welcome.conversation_id && u.change.conversation.status === 'active',
  'the conversation picked up');
});

test('once accounts exist, Watch needs an admin token: none is Unauthenticated, an agent token PermissionDenied', async () => {
  const agentToken = (await runCli(['agents', 'add', '--name', uniqueName('Ada'), '--department', 'board', '--data', server.dataDir]))
    .trim().split('\n').at(-1);

  const anonymous = watch();
  await anonymous.ended("the anonymous watch refused");
  const asAgent = watch(bearer(agentToken));
  await asAgent.ended("the agent's watch refused");
  assert.equal(anonymous.status.code, Status.UNAUTHENTICATED);
  assert.equal(asAgent.status.code, Status.PERMISSION_DENIED);

  const adminToken = (await runCli(['admin', 'token', '--data', server.dataDir])).trim().split('\n').at(-1);
  const asAdmin = watch(bearer(adminToken));
  assert.equal((await asAdmin.waitFor(() => true, "the admin's first update")).kind, 'snapshot');
});
